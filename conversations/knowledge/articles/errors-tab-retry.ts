/** How-to: what the Fouten tab means and what the Verwerk (retry) button does. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** Fouten (rejected sales) and Verwerk: retry after fixing the cause, not before. */
export const errorsTabRetry: KnowledgeArticle = {
  slug: "errors-tab-retry",
  nl: {
    title: "Wat betekent Fouten, en wat doet Verwerk?",
    body: [
      "In tabblad Fouten staan verkopen die de koppeling heeft geprobeerd door te zetten, maar die zijn geweigerd: door een eigen controle vooraf, zoals een BTW-tarief zonder BTW-code, of door je boekhouding zelf. Bij elke verkoop staat de reden. Tijdelijke storingen probeert de koppeling eerst zelf een paar keer opnieuw; die zie je hier pas als dat blijft mislukken.",
      "De blauwe knop Verwerk zet een geweigerde verkoop opnieuw door. Dat heeft pas zin als je de oorzaak hebt opgelost, bijvoorbeeld de BTW-code gekoppeld of opnieuw verbonden. Zonder aanpassing komt de verkoop gewoon terug, en sommige boekhoudpakketten blokkeren de koppeling tijdelijk na veel mislukte pogingen.",
      "Eén oorzaak raakt vaak veel verkopen: los hem op en verwerk ze dan allemaal tegelijk. Komt een verkoop terug zonder dat je weet waarom, gebruik dan Meld Probleem.",
    ].join("\n"),
    keywords: [
      "fouten", "tabblad fouten", "foutmelding", "foutmeldingen", "geweigerd", "geweigerde verkopen", "afgewezen",
      "verwerk", "verwerken", "opnieuw verwerken", "opnieuw proberen", "opnieuw doorzetten", "blauwe knop",
      "mislukt", "komt terug", "fout",
    ],
  },
  en: {
    title: "What Fouten (errors) means and what Verwerk (retry) does",
    body: [
      "The Fouten tab lists sales the koppeling tried to transfer but that were rejected: either by a check of its own beforehand, such as a VAT rate without a VAT code, or by your accounting system. Each sale shows the reason. Temporary outages are first retried automatically a few times; they only show up here if that keeps failing.",
      "The blue Verwerk button transfers a rejected sale again. That only helps once you have fixed the cause, for example mapped the VAT code or reconnected. Without a change the sale simply comes back, and some accounting systems temporarily block the koppeling after many failed attempts.",
      "One cause often hits many sales: fix it, then retry them all at once. If a sale keeps coming back and you do not know why, use Meld Probleem (report a problem).",
    ].join("\n"),
    keywords: [
      "fouten", "errors", "errors tab", "error", "error message", "rejected", "rejected sales", "refused", "failed",
      "verwerk", "retry", "try again", "resubmit", "process again", "blue button", "keeps failing", "comes back",
    ],
  },
};
