/** How-to: order totals that do not add up (rounding, discounts, fees). */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** Totals that do not match the lines: rounding, discounts, unseen fees; fix, or book by hand. */
export const totalsMismatch: KnowledgeArticle = {
  slug: "totals-mismatch",
  nl: {
    title: "Totalen die niet kloppen: afronding en kortingen",
    body: [
      "Een melding als 'The sum of the ordertotals excl, incl and vat do not match' betekent dat het totaal van de bestelling niet gelijk is aan de regels plus verzendkosten en toeslagen, min kortingen. De koppeling zet zo'n verkoop niet door: je boekhouding zou dan een ander bedrag tonen dan je klant betaalde.",
      "Veelvoorkomende oorzaken:",
      "- afronding: de winkel rekent per regel met twee decimalen en rondt het totaal anders af;",
      "- kortingen of kortingscodes die exclusief BTW zijn ingesteld en scheef verdeeld worden;",
      "- toeslagen of cadeaubonnen die je winkelplugin niet doorgeeft.",
      "Wat je doet: corrigeer de bestelling in de webwinkel en klik op Verwerk, of boek hem met de hand en klik op Negeer. Gebeurt het bij veel bestellingen? Meld dan één ervan met Meld Probleem, zodat support de oorzaak kan zoeken.",
    ].join("\n"),
    keywords: [
      "totaal", "totalen", "totaalbedrag", "klopt niet", "kloppen niet", "verschil", "centen", "cent verschil",
      "afronding", "afrondingsverschil", "afronden", "korting", "kortingen", "kortingscode", "kortingsbon",
      "coupon", "toeslag", "bedrag", "ordertotals", "do not match",
    ],
  },
  en: {
    title: "Totals that don't add up: rounding and discounts",
    body: [
      "A message like 'The sum of the ordertotals excl, incl and vat do not match' means the order total differs from the lines plus shipping and fees, minus discounts. The koppeling does not transfer such a sale: your books would then show another amount than your customer paid.",
      "Common causes:",
      "- rounding: the shop calculates each line to two decimals and rounds the total differently;",
      "- discounts or coupon codes set up excluding VAT that are spread unevenly;",
      "- fees or gift cards your shop plugin does not pass on.",
      "What to do: correct the order in your shop and click Verwerk (retry), or book it by hand and click Negeer (ignore). Does it happen on many orders? Report one of them with Meld Probleem so support can look for the cause.",
    ].join("\n"),
    keywords: [
      "total", "totals", "order total", "amount", "do not match", "mismatch", "doesn't add up", "add up",
      "difference", "cents", "penny", "off by", "rounding", "rounding difference", "round", "discount",
      "discounts", "coupon", "fee", "ordertotals",
    ],
  },
};
