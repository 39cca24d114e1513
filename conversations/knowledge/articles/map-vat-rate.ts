/** How-to: mapping each VAT rate, 9% included, to a VAT code in the accounting system. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** Mapping a VAT rate (9%, 21%, 0%) to an active VAT code (BTW-code) in the configuration. */
export const mapVatRate: KnowledgeArticle = {
  slug: "map-vat-rate",
  nl: {
    title: "Een BTW-tarief koppelen aan een BTW-code (ook 9%)",
    body: [
      "Elk BTW-tarief dat op je verkopen voorkomt, zoals 21%, 9% en 0%, moet in de configuratie gekoppeld zijn aan een BTW-code in je boekhouding. Ontbreekt er één, dan belanden die verkopen in Fouten met een melding als 'Geen BTW code gevonden voor 9%'. Dit is de instelling die het vaakst vergeten wordt, meestal het lage tarief.",
      "1. Open tabblad Configuratie, onderdeel BTW en grootboekrekeningen, en klik op de blauwe knop Wijzigen.",
      "2. Kies bij elk tarief een BTW-code voor verkoop met hetzelfde percentage, bijvoorbeeld 'BTW laag 9%' bij 9%.",
      "3. Sla op.",
      "Staat de juiste code er niet tussen, maak hem dan eerst aan in je boekhouding of zet hem weer op actief. Heeft de code een ander percentage, dan weigert de boekhouding de verkoop ook. Klik daarna op Verwerk bij de verkopen in Fouten.",
    ].join("\n"),
    keywords: [
      "btw-code", "btw code", "btwcode", "btw-tarief", "btw tarief", "btw percentage", "laag tarief", "hoog tarief",
      "9%", "9 procent", "negen procent", "21%", "21 procent", "btw koppelen", "btw instellen", "tarief koppelen",
      "geen btw code gevonden", "bestaat niet", "niet actief", "belastingtarief",
    ],
  },
  en: {
    title: "Map a VAT rate to a VAT code (9% too)",
    body: [
      "Every VAT rate that occurs on your sales, such as 21%, 9% and 0%, must be mapped in the configuration to a VAT code (BTW-code) in your accounting system. When one is missing, those sales end up in Fouten (errors) with a message like 'no VAT code found for 9%'. It is the setting people forget most, usually the reduced rate.",
      "1. Open the Configuratie tab, section BTW en grootboekrekeningen (VAT and ledgers), and click the blue Wijzigen (change) button.",
      "2. For each rate, choose a sales VAT code with the same percentage, for example 'BTW laag 9%' for 9%.",
      "3. Save.",
      "If the right code is not in the list, create it in your accounting system first or make it active again. A code with a different percentage is refused too. Then click Verwerk (retry) on the sales in Fouten.",
    ].join("\n"),
    keywords: [
      "vat code", "tax code", "btw-code", "vat rate", "tax rate", "vat percentage", "reduced rate", "low rate",
      "standard rate", "9%", "9 percent", "nine percent", "21%", "21 percent", "map vat", "vat mapping",
      "set up vat", "no vat code found", "does not exist", "inactive",
    ],
  },
};
