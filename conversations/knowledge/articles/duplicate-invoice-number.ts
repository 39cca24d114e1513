/** How-to: "invoice number already exists" — check the accounting system before retrying. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** A duplicate invoice number: look in accounting first, then ignore or renumber and retry. */
export const duplicateInvoiceNumber: KnowledgeArticle = {
  slug: "duplicate-invoice-number",
  nl: {
    title: "Factuurnummer bestaat al: kijk eerst in je boekhouding",
    body: [
      "Meldt je boekhouding 'Het factuurnummer bestaat al' of 'In gebruik: Boekstuknummer', klik dan niet meteen op Verwerk. Het nummer is al gebruikt, en dat kan twee dingen betekenen.",
      "1. De verkoop staat er al: je hebt hem met de hand geboekt, of een eerdere poging is toch gelukt. Controleer bedrag en klant en klik op Negeer. Opnieuw verwerken zou weer mislukken of een dubbele boeking opleveren.",
      "2. Het nummer hoort bij een ander document, bijvoorbeeld omdat een andere koppeling of je eigen facturen dezelfde nummerreeks gebruiken. Geef dat andere document een ander nummer, zorg dat de nummerreeksen niet meer overlappen, en klik daarna op Verwerk.",
      "Zoek in Moneybird of je eigen boekhoudpakket op het factuurnummer of het bestelnummer om te zien welk van de twee het is.",
    ].join("\n"),
    keywords: [
      "factuurnummer", "factuur nummer", "bestaat al", "al in gebruik", "dubbel", "dubbele factuur",
      "dubbel nummer", "boekstuknummer", "komt reeds voor", "nummerreeks", "nummering", "zelfde nummer",
      "al doorgezet",
    ],
  },
  en: {
    title: "Invoice number already exists: check your accounting first",
    body: [
      "If your accounting system says the invoice number already exists or is in use, do not click Verwerk (retry) straight away. The number has been used before, and that can mean two things.",
      "1. The sale is already there: you booked it by hand, or an earlier attempt succeeded after all. Check the amount and customer, then click Negeer (ignore). Retrying would fail again or book it twice.",
      "2. The number belongs to another document, for instance because another koppeling or your own invoices use the same number range. Give that other document a different number, make sure the ranges no longer overlap, and then click Verwerk.",
      "Search Moneybird or your own accounting package for the invoice number or the order number to see which of the two it is.",
    ].join("\n"),
    keywords: [
      "invoice number", "already exists", "already in use", "duplicate", "duplicate invoice", "duplicate number",
      "double", "booked twice", "number range", "numbering", "same number", "already transferred",
    ],
  },
};
