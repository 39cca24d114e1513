/** How-to: changing or refunding a sale after it was transferred. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** Transferred sales are final: later shop edits are not propagated; correct with a refund or by hand. */
export const changesAfterTransfer: KnowledgeArticle = {
  slug: "changes-after-transfer",
  nl: {
    title: "Een doorgezette verkoop wijzigen of terugbetalen",
    body: [
      "Staat een verkoop in Rapportage, dan is hij definitief doorgezet. Pas je de bestelling daarna aan in je webwinkel, zoals een ander adres, een extra product of een andere prijs, dan neemt de koppeling dat niet over. Elke verkoop wordt maar één keer doorgezet, dus opnieuw ophalen of Verwerk maakt ook geen tweede factuur.",
      "Zo corrigeer je het:",
      "- Maak in de webwinkel een terugbetaling (refund). Staan terugbetalingen aan in je configuratie, dan zet de koppeling die door als creditnota op dezelfde klant.",
      "- Of pas het met de hand aan in je boekhouding, bijvoorbeeld met een creditfactuur.",
      "Sommige documentsoorten, zoals verkooporders in Exact, kunnen geen negatieve bedragen aan. Boek een creditnota daar met de hand.",
    ].join("\n"),
    keywords: [
      "wijzigen", "aanpassen", "aangepast", "veranderd", "gewijzigd", "bestelling aanpassen", "achteraf",
      "terugbetaling", "terugbetalen", "refund", "retour", "retouren", "teruggestuurd", "creditnota",
      "creditfactuur", "crediteren", "geld terug", "rapportage",
    ],
  },
  en: {
    title: "Changing or refunding a sale that was transferred",
    body: [
      "Once a sale is in Rapportage (transferred), it is final. If you edit the order in your shop afterwards, such as another address, an extra product or a different price, the koppeling does not pick that up. Every sale is transferred only once, so fetching again or Verwerk (retry) never makes a second invoice.",
      "How to correct it:",
      "- Create a refund in your shop. When refunds are switched on in your configuration, the koppeling transfers it as a credit note on the same customer.",
      "- Or correct it by hand in your accounting, for example with a credit invoice.",
      "Some document types, such as Exact sales orders, cannot take negative amounts. Book the credit note there by hand.",
    ].join("\n"),
    keywords: [
      "change", "changed", "edit", "edited", "modify", "update order", "afterwards", "refund", "refunds",
      "refunded", "return", "returns", "returned", "credit note", "credit invoice", "credit", "money back",
      "rapportage",
    ],
  },
};
