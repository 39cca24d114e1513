/** How-to: what Negeer (ignore) does, and why to book by hand first. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** Negeer: taking a sale out of Open or Fouten after booking it by hand. */
export const ignoreSale: KnowledgeArticle = {
  slug: "ignore-sale",
  nl: {
    title: "Wat doet Negeer?",
    body: [
      "Met Negeer haal je een verkoop weg uit Open of Fouten zonder dat de koppeling hem doorzet. Daarna probeert de koppeling hem niet meer.",
      "Gebruik Negeer als de verkoop al in je boekhouding staat of als je hem daar zelf boekt. Bijvoorbeeld een bestelling met een ongeldig BTW-nummer die je met Nederlandse BTW boekt, een verkoop die langer dan 21 dagen in Open stond, of een factuurnummer dat al in de boekhouding bleek te staan.",
      "Werkwijze: boek de verkoop eerst met de hand, controleer bedrag en klant, en klik dan pas op Negeer. Negeer boekt zelf niets en verwijdert niets, niet in je webwinkel en niet in je boekhouding.",
      "Negeer je per ongeluk een verkoop die nergens geboekt is, dan ontbreekt die omzet in je administratie. Boek hem dan alsnog met de hand.",
    ].join("\n"),
    keywords: [
      "negeer", "negeren", "genegeerd", "weghalen", "verwijderen uit lijst", "uit de lijst halen", "overslaan",
      "zelf geboekt", "handmatig geboekt", "met de hand geboekt", "handmatig boeken", "al geboekt", "wegklikken",
    ],
  },
  en: {
    title: "What Negeer (ignore) does",
    body: [
      "Negeer removes a sale from Open or Fouten (errors) without the koppeling transferring it. After that the koppeling no longer tries it.",
      "Use Negeer when the sale is already in your accounting system or when you book it there yourself. For example an order with an invalid VAT number that you book with Dutch VAT, a sale that sat in Open for more than 21 days, or an invoice number that turned out to be booked already.",
      "The order of work: book the sale by hand first, check the amount and customer, and only then click Negeer. Negeer itself books nothing and deletes nothing, neither in your shop nor in your accounting.",
      "If you ignore a sale that was never booked anywhere, that revenue is missing from your books. Book it by hand after all.",
    ].join("\n"),
    keywords: [
      "negeer", "ignore", "ignored", "dismiss", "skip", "remove from list", "clear", "hide", "booked manually",
      "booked it myself", "book by hand", "manual booking", "already booked", "get rid of",
    ],
  },
};
