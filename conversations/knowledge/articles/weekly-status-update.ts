/** How-to: what the weekly status update (digest) holds and what to do with it. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** The weekly status update: transferred, rejected per cause, Open near 21 days, connections. */
export const weeklyStatusUpdate: KnowledgeArticle = {
  slug: "weekly-status-update",
  nl: {
    title: "De wekelijkse status-update",
    body: [
      "Eens per week krijg je een overzicht van je koppeling. Daarin staat:",
      "- hoeveel verkopen er die week zijn doorgezet, en voor welk bedrag;",
      "- de geweigerde verkopen, gegroepeerd per oorzaak, met de oplossing en het bedrag dat ermee gemoeid is;",
      "- oorzaken die sinds vorige week nieuw zijn;",
      "- verkopen die al bijna 21 dagen in Open staan;",
      "- of beide verbindingen nog werken.",
      "Staan er geweigerde verkopen in? Die vind je terug in tabblad Fouten. Los per oorzaak het probleem op en zet de verkopen daarna in één keer opnieuw door met Verwerk.",
      "Je kunt mij ook vragen het overzicht nu te laten zien, of het elke week in dit kanaal te plaatsen.",
    ].join("\n"),
    keywords: [
      "wekelijkse", "wekelijks", "status-update", "status update", "statusupdate", "overzicht", "samenvatting",
      "weekoverzicht", "weekupdate", "weekmail", "weekrapport", "rapport", "mail", "e-mail", "nieuwsbrief", "elke week", "maandag", "geweigerde verkopen",
    ],
  },
  en: {
    title: "The weekly status update",
    body: [
      "Once a week you receive an overview of your koppeling. It holds:",
      "- how many sales were transferred that week, and for what amount;",
      "- the rejected sales, grouped by cause, with the fix and the amount at stake;",
      "- causes that are new since last week;",
      "- sales that have been in Open for almost 21 days;",
      "- whether both connections still work.",
      "Does it list rejected sales? You will find them in the Fouten (errors) tab. Fix the problem per cause, then retry those sales in one go with Verwerk.",
      "You can also ask me to show the overview now, or to post it in this channel every week.",
    ].join("\n"),
    keywords: [
      "weekly", "every week", "status update", "status email", "digest", "summary", "overview", "report", "email",
      "mail", "newsletter", "monday", "subscribe", "rejected sales",
    ],
  },
};
