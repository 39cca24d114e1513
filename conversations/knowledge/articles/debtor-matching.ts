/** How-to: how customers are matched to debtors by e-mail, created when absent, never updated. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** Debtor matching by e-mail address: found or created, never updated. */
export const debtorMatching: KnowledgeArticle = {
  slug: "debtor-matching",
  nl: {
    title: "Hoe de koppeling klanten (debiteuren) vindt en aanmaakt",
    body: [
      "Bij elke verkoop zoekt de koppeling de klant in je boekhouding op aan de hand van het e-mailadres. Is er een debiteur met dat e-mailadres, dan komt de verkoop daarop. Is die er niet, dan maakt de koppeling een nieuwe debiteur aan met het factuuradres, niet het afleveradres.",
      "Een bestaande debiteur wordt nooit bijgewerkt. Verhuist een klant of verandert een bedrijfsnaam, pas dat dan zelf aan in je boekhouding. Gebruikt een klant een ander e-mailadres, dan krijgt hij een nieuwe debiteur.",
      "Zonder e-mailadres kan de koppeling niet zoeken en komt de verkoop in Fouten. Verkoop je vaak zonder e-mail, bijvoorbeeld aan de kassa, kies dan in Configuratie een vaste debiteur per betaalmethode of één standaard debiteur.",
      "Heb je een debiteur verwijderd die de koppeling had aangemaakt? Zet hem terug, of vraag support om hem opnieuw te koppelen.",
    ].join("\n"),
    keywords: [
      "klant", "klanten", "debiteur", "debiteuren", "relatie", "contact", "klantgegevens", "e-mailadres",
      "emailadres", "email", "e-mail", "mail", "adres", "factuuradres", "afleveradres", "verhuisd", "bijwerken",
      "dubbele klant", "nieuwe klant", "klant aanmaken",
    ],
  },
  en: {
    title: "How the koppeling finds and creates customers (debtors)",
    body: [
      "For every sale the koppeling looks up the customer in your accounting system by e-mail address. If a debtor with that address exists, the sale goes on that debtor. If not, the koppeling creates a new debtor with the billing address, not the shipping address.",
      "An existing debtor is never updated. When a customer moves or a company changes its name, change it yourself in your accounting. A customer who uses another e-mail address gets a new debtor.",
      "Without an e-mail address the koppeling cannot look anyone up and the sale lands in Fouten (errors). If you often sell without e-mail, for instance at the till, choose a fixed debtor per payment method or one default debtor in Configuratie.",
      "Deleted a debtor the koppeling had created? Restore it, or ask support to link it again.",
    ].join("\n"),
    keywords: [
      "customer", "customers", "debtor", "debtors", "contact", "contacts", "relation", "customer details", "email",
      "e-mail", "email address", "address", "billing address", "shipping address", "moved", "update",
      "duplicate customer", "new customer", "create customer",
    ],
  },
};
