/** How-to: required defaults such as journal and payment condition ("Verplicht: Dagboek"). */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** Journal, payment condition and cost-centre requirements some accounting systems impose. */
export const requiredDefaults: KnowledgeArticle = {
  slug: "required-defaults",
  nl: {
    title: "Verplicht: dagboek of betalingsconditie",
    body: [
      "Sommige boekhoudpakketten willen bij elke verkoopboeking een dagboek en een betalingsconditie. Exact Online meldt dan bijvoorbeeld 'Verplicht: Dagboek' of 'Verplicht: Betalingsconditie'. De koppeling vult die velden met de standaardwaarden uit je configuratie; zijn die leeg, dan weigert het pakket de boeking.",
      "1. Open tabblad Configuratie en klik bij het onderdeel met het dagboek op de blauwe knop Wijzigen.",
      "2. Kies je verkoopdagboek en een betalingsconditie, bijvoorbeeld een conditie voor vooraf betaalde bestellingen.",
      "3. Sla op en zet de verkopen in Fouten opnieuw door met Verwerk.",
      "Vraagt een grootboekrekening om een kostenplaats of een relatie? Haal die verplichting dan weg in je boekhouding, of vraag support naar de mogelijkheid om een kostenplaats mee te sturen.",
    ].join("\n"),
    keywords: [
      "verplicht", "verplicht veld", "dagboek", "verkoopdagboek", "verkoopboek", "journaal", "betalingsconditie",
      "betaalconditie", "betalingstermijn", "kostenplaats", "kostenplaatsen", "relatie", "dimensie",
      "standaardwaarde", "ontbreekt",
    ],
  },
  en: {
    title: "Required: journal or payment condition",
    body: [
      "Some accounting packages want a journal and a payment condition on every sales booking. Exact Online then says, for example, 'Verplicht: Dagboek' (journal required) or 'Verplicht: Betalingsconditie' (payment condition required). The koppeling fills those fields with the defaults from your configuration; when those are empty, the package refuses the booking.",
      "1. Open the Configuratie tab and click the blue Wijzigen (change) button on the part with the journal.",
      "2. Choose your sales journal and a payment condition, for example one for orders paid in advance.",
      "3. Save, then retry the sales in Fouten (errors) with Verwerk.",
      "Does a ledger account demand a cost centre or a relation? Remove that requirement in your accounting system, or ask support about sending a cost centre along.",
    ].join("\n"),
    keywords: [
      "required", "required field", "mandatory", "journal", "sales journal", "day book", "daybook",
      "payment condition", "payment terms", "payment term", "cost centre", "cost center", "relation", "dimension",
      "default", "missing", "verplicht", "dagboek",
    ],
  },
};
