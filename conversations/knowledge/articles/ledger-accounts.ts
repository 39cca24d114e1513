/** How-to: which ledger accounts to choose (revenue, never balance; shipping and payment costs too). */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** Choosing ledger accounts: revenue accounts for sales, shipping and payment costs. */
export const ledgerAccounts: KnowledgeArticle = {
  slug: "ledger-accounts",
  nl: {
    title: "Welke grootboekrekeningen kies je?",
    body: [
      "De koppeling boekt de omzet op de grootboekrekeningen die je kiest in Configuratie › BTW en grootboekrekeningen. Kies daar altijd omzetrekeningen uit de winst-en-verliesrekening, nooit balansrekeningen zoals Bank, Kas, Debiteuren of Te betalen BTW.",
      "- Omzet: één standaard omzetrekening, of een aparte per BTW-tarief of productcategorie.",
      "- Verzendkosten: ook een omzetrekening, bijvoorbeeld 'Omzet verzendkosten'. Een kosten- of balansrekening wordt geweigerd.",
      "- Betaalkosten die je de klant rekent: ook een omzetrekening.",
      "- Kortingen en cadeaubonnen: alleen nodig als je ze gebruikt.",
      "Zie je 'Grootboek 8010 niet gevonden', dan is de gekozen rekening verwijderd, hernummerd of geblokkeerd: kies een bestaande, actieve rekening. Twijfel je, vraag het je boekhouder. Klik daarna op Verwerk bij de verkopen in Fouten.",
    ].join("\n"),
    keywords: [
      "grootboek", "grootboekrekening", "grootboekrekeningen", "rekening", "rekeningnummer", "omzetrekening",
      "omzet rekening", "balansrekening", "winst en verlies", "8000", "8010", "grootboek niet gevonden",
      "betaalkosten", "transactiekosten", "kortingen", "cadeaubon", "categorie", "welke rekening",
    ],
  },
  en: {
    title: "Which ledger accounts to choose",
    body: [
      "The koppeling books revenue on the ledger accounts you choose under Configuratie › BTW en grootboekrekeningen (VAT and ledgers). Always pick revenue accounts from the profit and loss side, never balance accounts such as Bank, Cash, Debtors or VAT payable.",
      "- Revenue: one default revenue account, or a separate one per VAT rate or product category.",
      "- Shipping costs: a revenue account too, for example 'Revenue shipping'. An expense or balance account is refused.",
      "- Payment costs you charge the customer: also a revenue account.",
      "- Discounts and gift cards: only needed when you use them.",
      "If you see 'Ledger 8010 not found', the chosen account was deleted, renumbered or blocked: pick an existing, active one. When in doubt, ask your accountant. Then click Verwerk (retry) on the sales in Fouten (errors).",
    ].join("\n"),
    keywords: [
      "ledger", "ledgers", "ledger account", "ledger accounts", "general ledger", "gl account", "account number",
      "revenue account", "sales account", "income account", "balance sheet", "profit and loss", "8000",
      "ledger not found", "payment costs", "transaction fees", "discounts", "gift card", "which account",
      "grootboek",
    ],
  },
};
