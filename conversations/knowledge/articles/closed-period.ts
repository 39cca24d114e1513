/** How-to: a closed period or a financial year that is not opened yet. */
import type { KnowledgeArticle } from "../knowledge-article.js";

/** Booking refused because the period is closed or the new financial year does not exist yet. */
export const closedPeriod: KnowledgeArticle = {
  slug: "closed-period",
  nl: {
    title: "Periode afgesloten of nieuw boekjaar nog niet geopend",
    body: [
      "Een melding als 'Periode is afgesloten: 2024-12' of 'periode 2025/01 bestaat niet' betekent dat je boekhouding geen boekingen aanneemt op de datum van de verkoop. Dat gebeurt vaak rond de jaarwisseling: het oude jaar is al afgesloten, of het nieuwe boekjaar is nog niet aangemaakt.",
      "Wat je doet:",
      "1. Maak het nieuwe boekjaar aan in je boekhoudpakket, of vraag je boekhouder of de afgesloten periode weer open mag.",
      "2. Klik daarna op Verwerk bij de verkopen in Fouten.",
      "Mag een oude periode niet meer open, boek de verkoop dan in overleg met je boekhouder met de hand in een open periode en klik op Negeer. De koppeling verandert zelf niets aan de datum: die is altijd de datum van de verkoop.",
    ].join("\n"),
    keywords: [
      "periode", "periode afgesloten", "afgesloten", "gesloten", "boekjaar", "nieuw boekjaar", "jaarafsluiting",
      "jaarwisseling", "nieuwe jaar", "januari", "december", "openen", "heropenen", "boekingsperiode", "datum", "bestaat niet",
    ],
  },
  en: {
    title: "Closed period or new financial year not opened",
    body: [
      "A message like 'period 2024-12 is closed' or 'period 2025/01 does not exist' means your accounting system does not accept bookings on the date of the sale. It often happens around the turn of the year: the old year has been closed already, or the new financial year has not been created yet.",
      "What to do:",
      "1. Create the new financial year in your accounting package, or ask your accountant whether the closed period may be reopened.",
      "2. Then click Verwerk (retry) on the sales in Fouten (errors).",
      "If an old period must stay closed, agree with your accountant to book the sale by hand in an open period, and click Negeer (ignore). The koppeling never changes the date itself: it is always the date of the sale.",
    ].join("\n"),
    keywords: [
      "period", "period closed", "closed period", "closed", "locked", "financial year", "fiscal year", "new year",
      "year end", "year-end closing", "january", "december", "reopen", "booking period", "date", "does not exist",
    ],
  },
};
