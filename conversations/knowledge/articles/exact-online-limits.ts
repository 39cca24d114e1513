/** How-to: reconnecting Exact Online and living with its API limits. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** Exact Online: access that lapses after ~30 days unused, wrong division, and its strict call limits. */
export const exactOnlineLimits: KnowledgeArticle = {
  slug: "exact-online-limits",
  nl: {
    title: "Exact Online: opnieuw verbinden en de limieten",
    body: [
      "De toegang van de koppeling tot Exact Online vervalt als hij ongeveer 30 dagen niet gebruikt is. Ook zonder rechten op de administratie ('Wrong Division' of 'Niet gemachtigd') houdt het op. Maak dan opnieuw verbinding met Connect, met een gebruiker die mag boeken, en kies de juiste administratie.",
      "Exact hanteert strenge grenzen: 60 verzoeken per minuut en 5.000 per dag per administratie. Na meer dan 10 fouten in een uur op hetzelfde onderdeel blokkeert Exact de sleutel een uur lang.",
      "Daarom probeert de koppeling tijdelijke fouten zelf en rustig opnieuw, en helpt het niet om steeds op Verwerk te klikken zonder de oorzaak op te lossen: dat kan de blokkade juist veroorzaken. Los eerst de oorzaak op, zoals de BTW-code, het dagboek of de grootboekrekening, en verwerk de verkopen dan in één keer.",
    ].join("\n"),
    keywords: [
      "exact", "exact online", "geblokkeerd", "blokkade", "blokkeert", "limiet", "limieten", "te veel verzoeken",
      "rate limit", "wrong division", "niet gemachtigd", "divisie", "30 dagen", "verlopen", "opnieuw verbinden",
      "5000", "60",
    ],
  },
  en: {
    title: "Exact Online: reconnecting and its limits",
    body: [
      "The koppeling's access to Exact Online lapses when it has not been used for about 30 days. It also stops when the user loses rights to the administration ('Wrong Division' or 'not authorised'). Then reconnect with Connect, using a user who may book, and choose the right administration.",
      "Exact has strict limits: 60 requests per minute and 5,000 per day per administration. After more than 10 errors within an hour on the same endpoint, Exact blocks the key for an hour.",
      "That is why the koppeling retries temporary errors itself, calmly, and why clicking Verwerk (retry) over and over without fixing the cause does not help: it can trigger the block. Fix the cause first, such as the VAT code, journal or ledger account, then retry the sales in one go.",
    ].join("\n"),
    keywords: [
      "exact", "exact online", "blocked", "block", "limit", "limits", "rate limit", "too many requests", "429",
      "throttled", "wrong division", "not authorised", "unauthorized", "division", "30 days", "expired",
      "reconnect", "5000", "60",
    ],
  },
};
