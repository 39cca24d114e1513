/** How-to: Meld Probleem — report one sale per cause, not every sale in the list. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** Meld Probleem: one report per cause, what it contains, and what happens next. */
export const reportProblem: KnowledgeArticle = {
  slug: "report-problem",
  nl: {
    title: "Meld Probleem: één verkoop melden, niet allemaal",
    body: [
      "Blijft een verkoop na Verwerk terugkomen in Fouten, en kun je de oorzaak niet zelf oplossen? Meld het dan met de rode knop Meld Probleem.",
      "Doe dat voor één verkoop per soort fout, niet voor elke verkoop in de lijst. Dezelfde oorzaak raakt meestal veel verkopen. Lost support die ene oorzaak op, dan verwerk je de rest in één keer. Een tweede melding voor een oorzaak die al gemeld is, helpt niet sneller.",
      "Met de melding gaan mee: welke koppeling het is, beide systemen, het verkoopnummer, de letterlijke foutmelding en je instellingen. Schrijf erbij wat je al geprobeerd hebt, zoals opnieuw verbonden, BTW-code aangepast of Verwerk. Wachtwoorden en sleutels stuur je nooit mee.",
      "De verkoop blijft in Fouten staan tot support antwoordt.",
    ].join("\n"),
    keywords: [
      "meld probleem", "melden", "probleem melden", "rode knop", "support", "helpdesk", "klantenservice", "ticket",
      "contact", "doorgeven", "elke fout", "alle fouten", "allemaal melden", "hulp", "storing melden",
    ],
  },
  en: {
    title: "Meld Probleem: report one sale, not all of them",
    body: [
      "Does a sale keep coming back to Fouten (errors) after Verwerk, and can you not fix the cause yourself? Report it with the red Meld Probleem (report a problem) button.",
      "Do that for one sale per kind of error, not for every sale in the list. The same cause usually hits many sales. Once support fixes that one cause, you retry the rest in one go. A second report for a cause that was already reported does not speed things up.",
      "The report includes which koppeling it is, both systems, the sale number, the exact error text and your settings. Add what you already tried, such as reconnecting, changing the VAT code or Verwerk. Passwords and keys are never sent along.",
      "The sale stays in Fouten until support replies.",
    ].join("\n"),
    keywords: [
      "meld probleem", "report", "report a problem", "report problem", "red button", "support", "helpdesk",
      "customer service", "ticket", "contact", "escalate", "every error", "all errors", "each order", "help",
    ],
  },
};
