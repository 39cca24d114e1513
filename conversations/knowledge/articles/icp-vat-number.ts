/** How-to: what ICP is and why a 0% EU business sale needs a valid VAT number. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** ICP (intra-EU B2B supply at 0%) and the valid VAT number it depends on, checked in VIES. */
export const icpVatNumber: KnowledgeArticle = {
  slug: "icp-vat-number",
  nl: {
    title: "ICP: 0% BTW voor zakelijke klanten in de EU en het BTW-nummer",
    body: [
      "ICP (intracommunautaire prestatie) is een levering aan een bedrijf in een ander EU-land. Je rekent 0% BTW en de klant geeft de BTW in zijn eigen land aan: de BTW is verlegd. Dat mag alleen als de klant een geldig BTW-nummer heeft. Ontbreekt het nummer of klopt het niet, dan weigert de boekhouding de verkoop en staat hij in Fouten. Dit is in de praktijk de meest voorkomende fout.",
      "Wat je doet:",
      "1. Controleer het nummer in VIES, de controledienst van de Europese Commissie.",
      "2. Is het nummer fout of leeg, verbeter het dan in de bestelling in je webwinkel en klik op Verwerk.",
      "3. Heeft de klant geen geldig nummer, dan hoort er gewoon Nederlandse BTW op de verkoop. Boek hem met de hand en klik op Negeer.",
      "Staat het nummer wel in de bestelling maar komt het niet mee? Dan bewaart je BTW-plugin het in een veld dat de koppeling niet leest: meld het bij support.",
    ].join("\n"),
    keywords: [
      "icp", "intracommunautair", "intracommunautaire levering", "btw-nummer", "btw nummer", "btwnummer",
      "vat nummer", "ongeldig btw-nummer", "btw verlegd", "verlegd", "0%", "nul procent", "zakelijke klant",
      "bedrijf buitenland", "eu", "europa", "belgie", "duitsland", "vies", "controleren", "b2b",
    ],
  },
  en: {
    title: "ICP: 0% VAT for EU business customers and their VAT number",
    body: [
      "ICP (intra-community supply) is a sale to a business in another EU country. You charge 0% VAT and the customer declares the VAT in their own country: the VAT is reverse charged. That is only allowed when the customer has a valid VAT number. If the number is missing or wrong, accounting refuses the sale and it lands in Fouten (errors). In practice this is the most common rejection.",
      "What to do:",
      "1. Check the number in VIES, the European Commission's validation service.",
      "2. If the number is wrong or empty, correct it on the order in your shop and click Verwerk (retry).",
      "3. If the customer has no valid number, the sale needs Dutch VAT. Book it by hand and click Negeer (ignore).",
      "Is the number on the order but not picked up? Then your VAT plugin stores it in a field the koppeling does not read: report it to support.",
    ].join("\n"),
    keywords: [
      "icp", "intra-community", "intra community supply", "vat number", "vat id", "invalid vat number",
      "reverse charge", "reverse charged", "zero rate", "0%", "zero percent", "business customer", "b2b", "eu",
      "europe", "belgium", "germany", "vies", "validate", "check",
    ],
  },
};
