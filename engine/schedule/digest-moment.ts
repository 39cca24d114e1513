/** When a weekly digest is due: the latest "weekday at hh:mm" in a time zone, at or before a moment. */

const DAY_MS = 86_400_000;

/** A weekly moment: ISO weekday (1 = Monday … 7 = Sunday), hour and minute in `timeZone`. */
export interface WeeklyMoment {
  weekday: number;
  hour: number;
  minute: number;
  timeZone: string;
}

const weekdayIndex: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock parts of `at` in `timeZone`. */
export function localParts(at: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number } {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: weekdayIndex[parts.weekday ?? "Mon"] ?? 1,
  };
}

/** The instant at which the wall clock in `timeZone` shows this date and time (DST gaps move forward). */
export function zonedTime(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wanted;
  // Two corrections settle the zone's offset, also across a DST change.
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess), timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += wanted - shown;
  }
  return new Date(guess);
}

/** The latest occurrence of the weekly moment at or before `now`. */
export function latestWeeklyMoment(moment: WeeklyMoment, now: Date): Date {
  const today = localParts(now, moment.timeZone);
  const daysBack = (today.weekday - moment.weekday + 7) % 7;
  const date = new Date(Date.UTC(today.year, today.month - 1, today.day) - daysBack * DAY_MS);
  const at = (d: Date) => zonedTime(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), moment.hour, moment.minute, moment.timeZone);
  const candidate = at(date);
  return candidate <= now ? candidate : at(new Date(date.getTime() - 7 * DAY_MS));
}
