/** Moneybird's `filter` query parameter: comma-separated `key:value` terms, values with `|` for "any of". */

/** A parsed filter: key → value (as sent). */
export type MoneybirdFilter = Map<string, string>;

/** An inclusive date range as YYYY-MM-DD strings. */
export interface DateRange {
  from: string;
  to: string;
}

/** Parses "period:this_year,state:open|late"; a value may itself contain ":" (e.g. a timestamp). */
export function parseMoneybirdFilter(text: string | null): MoneybirdFilter {
  const filter: MoneybirdFilter = new Map();
  if (!text) return filter;
  for (const term of text.split(",")) {
    const colon = term.indexOf(":");
    if (colon <= 0) continue;
    filter.set(term.slice(0, colon).trim(), term.slice(colon + 1).trim());
  }
  return filter;
}

/** The alternatives of a filter value: "new|open" → ["new", "open"]. */
export function filterAlternatives(value: string): string[] {
  return value.split("|").map((part) => part.trim()).filter((part) => part !== "");
}

/**
 * The dates a `period` value covers: a named period (this_month, prev_year, ...) relative to `today`
 * (YYYY-MM-DD), or a custom range "201301..201302" (months) or "20130101..20130131" (days). Null when invalid.
 */
export function periodRange(value: string, today: string): DateRange | null {
  const custom = /^(\d{6}|\d{8})\.\.(\d{6}|\d{8})$/.exec(value);
  if (custom) {
    const from = custom[1]!;
    const to = custom[2]!;
    if (from.length !== to.length) return null;
    if (from.length === 8) return { from: dashed(from), to: dashed(to) };
    return { from: `${dashed(`${from}01`)}`, to: lastDayOfMonth(Number(to.slice(0, 4)), Number(to.slice(4, 6))) };
  }
  const named = /^(this|prev|next)_(week|month|quarter|year)$/.exec(value);
  if (!named) return null;
  const offset = named[1] === "prev" ? -1 : named[1] === "next" ? 1 : 0;
  return namedRange(named[2] as "week" | "month" | "quarter" | "year", offset, today);
}

/** Today's date in Europe/Amsterdam as YYYY-MM-DD. */
export function amsterdamDate(moment: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(moment);
}

/** The week (Monday–Sunday), month, quarter or year around `today`, shifted by `offset` units. */
function namedRange(unit: "week" | "month" | "quarter" | "year", offset: number, today: string): DateRange {
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];
  if (unit === "week") {
    const date = new Date(Date.UTC(year, month - 1, day));
    const sinceMonday = (date.getUTCDay() + 6) % 7;
    const monday = new Date(Date.UTC(year, month - 1, day - sinceMonday + offset * 7));
    const sunday = new Date(monday.getTime() + 6 * 86_400_000);
    return { from: monday.toISOString().slice(0, 10), to: sunday.toISOString().slice(0, 10) };
  }
  const months = unit === "month" ? 1 : unit === "quarter" ? 3 : 12;
  const firstMonthIndex = Math.floor((month - 1) / months) * months + offset * months;
  const start = new Date(Date.UTC(year, firstMonthIndex, 1));
  const end = new Date(Date.UTC(year, firstMonthIndex + months, 0));
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}

/** "20130131" → "2013-01-31". */
function dashed(compact: string): string {
  return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
}

/** The last day of a month as YYYY-MM-DD. */
function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}
