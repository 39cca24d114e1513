/** How-to: when and how often sales are fetched and transferred. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** How often sales are fetched per system, and where to look when one is late. */
export const syncTiming: KnowledgeArticle = {
  slug: "sync-timing",
  nl: {
    title: "Wanneer worden verkopen doorgezet?",
    body: [
      "Hoe snel een verkoop in je boekhouding staat, hangt af van je systemen en je instellingen. Shopify en Lightspeed eCom melden nieuwe verkopen meteen. WooCommerce wordt elk uur of 's nachts opgehaald, of direct als er een webhook is ingesteld. Bol.com wordt elk kwartier bekeken. Kassa's met dagomzet boeken vroeg in de ochtend de omzet van de vorige dag in één keer.",
      "Een bestelling gaat pas mee als zijn status is aangevinkt. Verkopen in Open bekijkt de koppeling elke nacht opnieuw. Is je boekhouding even niet bereikbaar, dan probeert de koppeling het later vanzelf opnieuw, met steeds wat meer tijd ertussen.",
      "Zie je een verkoop na een paar uur nog nergens? Kijk dan in de tabbladen Open en Fouten, of vraag mij waar de bestelling is, met het bestelnummer erbij.",
    ].join("\n"),
    keywords: [
      "wanneer", "hoe vaak", "hoe snel", "hoelang", "hoe lang", "duurt", "frequentie", "elk uur", "ieder uur",
      "per uur", "kwartier", "nachts", "vannacht", "direct", "realtime", "webhook", "ophalen", "opgehaald", "synchroniseren", "verschijnen", "zichtbaar",
      "binnenkomen",
      "sync", "dagomzet", "vertraging", "nog niet in boekhouding",
    ],
  },
  en: {
    title: "When are sales transferred?",
    body: [
      "How quickly a sale reaches your accounting depends on your systems and settings. Shopify and Lightspeed eCom report new sales immediately. WooCommerce is fetched hourly or at night, or straight away when a webhook is set up. Bol.com is checked every quarter of an hour. Tills with day revenue book the previous day's takings in one go early in the morning.",
      "An order only goes along once its status is ticked. Sales in Open are re-checked every night. If your accounting system is briefly unreachable, the koppeling tries again later by itself, waiting a little longer each time.",
      "Still cannot find a sale after a few hours? Look in the Open and Fouten (errors) tabs, or ask me where the order is, with its order number.",
    ].join("\n"),
    keywords: [
      "when", "how often", "how fast", "how long", "how quickly", "frequency", "hourly", "every hour",
      "quarter", "nightly", "tonight", "immediately", "real time", "realtime", "webhook", "fetch", "sync",
      "synchronise", "synchronize", "schedule", "delay", "show up", "appear", "arrive", "day revenue", "not in accounting yet",
    ],
  },
};
