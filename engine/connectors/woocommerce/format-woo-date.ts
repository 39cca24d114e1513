/** WooCommerce dates: "YYYY-MM-DDTHH:MM:SS" without a zone, once in the site's time zone and once as GMT. */

/** One formatter per time zone: creating an Intl.DateTimeFormat costs ten times formatting with it, and the demo formats thousands of dates. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Formats a moment as WooCommerce does, in `timeZone` (the site's zone) or, by default, in GMT. */
export function formatWooDate(date: Date, timeZone = "UTC"): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? "00";
  return `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}:${part("second")}`;
}

/** The `date_x` / `date_x_gmt` pair of one moment, e.g. wooDatePair("created", d, "Europe/Amsterdam"). */
export function wooDatePair<Name extends string>(
  name: Name,
  date: Date | null,
  timeZone: string,
): Record<`date_${Name}` | `date_${Name}_gmt`, string | null> {
  const local = date ? formatWooDate(date, timeZone) : null;
  const gmt = date ? formatWooDate(date) : null;
  return { [`date_${name}`]: local, [`date_${name}_gmt`]: gmt } as Record<`date_${Name}` | `date_${Name}_gmt`, string | null>;
}
