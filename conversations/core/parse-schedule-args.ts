/** The arguments of `/koppeling subscribe [weekly|overview] [day] [time]`: day names in Dutch or English, times as 9:00, 09u, 9am. */
import type { Slots } from "../intents/understanding.js";

/** Day names and their abbreviations (0 = Sunday, as Date#getDay and the message slots). */
const dayNames: Array<[number, string[]]> = [
  [0, ["zondag", "zo", "sunday", "sun"]],
  [1, ["maandag", "ma", "monday", "mon"]],
  [2, ["dinsdag", "di", "tuesday", "tue", "tues"]],
  [3, ["woensdag", "wo", "wednesday", "wed"]],
  [4, ["donderdag", "do", "thursday", "thu", "thur", "thurs"]],
  [5, ["vrijdag", "vr", "friday", "fri"]],
  [6, ["zaterdag", "za", "saturday", "sat"]],
];

/** Parses the words after "subscribe"; what is not given stays unset (the flow fills in Monday 09:00). */
export function parseScheduleArgs(tail: string): Pick<Slots, "weekday" | "hour" | "minute" | "overview"> {
  const slots: Pick<Slots, "weekday" | "hour" | "minute" | "overview"> = {};
  for (const word of tail.toLowerCase().split(/[\s,]+/).filter(Boolean)) {
    const bare = word.replace(/[.]$/, "");
    // Exact names and abbreviations; longer words also as prefix ("dins") or with a tail ("mondays", "maandagochtend").
    const day = dayNames.find(([, names]) => names.some((n) => n === bare || (bare.length > 3 && n.length > 3 && (n.startsWith(bare) || bare.startsWith(n)))));
    if (day && slots.weekday === undefined) {
      slots.weekday = day[0];
      continue;
    }
    if (/^(overview|overzicht|support|alle|all)$/.test(bare)) slots.overview = true;
    const time = parseTime(bare);
    if (time && slots.hour === undefined) Object.assign(slots, time);
  }
  return slots;
}

/** "9:00", "09.30", "9u", "09u30", "9h", "16", "9am", "4pm", "4:30pm" → hour and minute. */
export function parseTime(word: string): { hour: number; minute: number } | undefined {
  const match = word.match(/^(\d{1,2})(?:[:.hu](\d{2})?)?(am|pm|a\.m\.|p\.m\.)?$/);
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = match[2] ? Number(match[2]) : 0;
  const half = match[3];
  if (half) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half.startsWith("p") ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}
