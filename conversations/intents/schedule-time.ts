/** Reads when a weekly digest should come: a weekday and an hour ("maandag 9 uur", "friday at 4pm"). */
import type { PhraseMatcher } from "./phrase-match.js";
import { createTermTable, findFirstTerm, phrasesOfTable } from "./term-table.js";

/** Weekdays as in Date#getDay (0 = Sunday); stems also catch "maandagochtend" and "mondays". */
export const weekdayTerms = createTermTable<number>([
  [0, "zondag*", "sunday*"],
  [1, "maandag*", "monday*"],
  [2, "dinsdag*", "tuesday*"],
  [3, "woensdag*", "wednesday*"],
  [4, "donderdag*", "thursday*"],
  [5, "vrijdag*", "friday*"],
  [6, "zaterdag*", "saturday*"],
]);

/** The phrases of this file, for the vocabulary. */
export const schedulePhrases = phrasesOfTable(weekdayTerms);

/** The weekday named first. */
export function findWeekday(matcher: PhraseMatcher): number | undefined {
  return findFirstTerm(matcher, weekdayTerms);
}

const afternoon = /(?:\b|dag)(?:middag|avond)|\b(?:namiddag|afternoon|evening|tonight|vanavond)\b/;

function validHour(hour: number): number | undefined {
  return Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : undefined;
}

/** The hour (0–23) of "9 uur", "9u", "16:00", "9am", "4pm", "om 9", "at 16", "half 10" (→ 9). */
export function findHour(text: string): number | undefined {
  const twelveHour = text.match(/\b(\d{1,2})(?::\d{2})?\s*(am|pm|a\.m\.?|p\.m\.?)(?![a-z])/);
  if (twelveHour?.[1]) {
    const hour = Number(twelveHour[1]) % 12;
    return validHour(twelveHour[2]?.startsWith("p") ? hour + 12 : hour);
  }
  const half = text.match(/\bhalf\s+(\d{1,2})\b/);
  if (half?.[1]) return validHour(Number(half[1]) - 1);
  const clock = text.match(/\b(\d{1,2})(?::\d{2}|h\d{2}|\s*uur\b|u\b)/) ?? text.match(/\b(?:om|at|rond|around|tegen)\s+(\d{1,2})\b(?!\s*%|[.,]\d)/);
  if (!clock?.[1]) return undefined;
  const hour = Number(clock[1]);
  return validHour(hour < 12 && afternoon.test(text) ? hour + 12 : hour);
}
