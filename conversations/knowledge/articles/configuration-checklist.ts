/** How-to: walking the checklist of a correctly set-up koppeling. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** "Is my koppeling set up correctly?": the points to check, in order. */
export const configurationChecklist: KnowledgeArticle = {
  slug: "configuration-checklist",
  nl: {
    title: "Staat mijn koppeling goed ingesteld?",
    body: [
      "Loop deze punten na, direct na de installatie en ook als er iets is veranderd in je webwinkel of boekhouding:",
      "1. Beide bolletjes in Configuratie zijn groen.",
      "2. De juiste administratie is gekozen.",
      "3. Het contract klopt: wat er gelezen wordt en wat er gemaakt wordt (bij Moneybird altijd facturen).",
      "4. De statussen die je wilt doorzetten zijn aangevinkt, en komen ook echt voor op je bestellingen.",
      "5. Elk BTW-tarief, ook 9% en 0%, is gekoppeld aan een actieve BTW-code.",
      "6. Omzet, verzendkosten en betaalkosten staan op omzetrekeningen.",
      "7. Verplichte velden zoals dagboek en betalingsconditie zijn ingevuld.",
      "8. Alles is opgeslagen: nergens staat nog 'niet ingevuld' of 'eerst blauwe knop Wijzigen klikken'.",
      "Test daarna met een nieuwe bestelling: die hoort in Rapportage en in je boekhouding te verschijnen. Je kunt mij ook vragen je koppeling nu te controleren.",
    ].join("\n"),
    keywords: [
      "goed ingesteld", "ingesteld", "instellen", "instellingen", "instellingen controleren", "configuratie",
      "configureren", "controleren", "controle", "checklist", "nalopen", "alles goed", "klopt alles",
      "compleet", "installatie voltooid", "testen", "test", "opgeslagen",
    ],
  },
  en: {
    title: "Is my koppeling set up correctly?",
    body: [
      "Walk through these points right after installing, and again whenever something changed in your shop or accounting:",
      "1. Both dots in Configuratie are green.",
      "2. The right administration is chosen.",
      "3. The contract is right: what is read and what is created (Moneybird always gets invoices).",
      "4. The statuses you want transferred are ticked, and they really occur on your orders.",
      "5. Every VAT rate, 9% and 0% included, is mapped to an active VAT code.",
      "6. Revenue, shipping and payment costs go to revenue accounts.",
      "7. Required fields such as journal and payment condition are filled in.",
      "8. Everything is saved: nothing still says 'niet ingevuld' (not filled in) or asks you to click the blue Wijzigen button first.",
      "Then test with a new order: it should appear in Rapportage and in your accounting. You can also ask me to check your koppeling now.",
    ].join("\n"),
    keywords: [
      "set up correctly", "set up", "setup", "configured", "configure", "configuration", "settings", "check",
      "check settings", "checklist", "verify", "everything ok", "all good", "complete", "installation complete",
      "test", "saved", "correctly",
    ],
  },
};
