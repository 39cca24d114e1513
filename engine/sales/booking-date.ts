/** The booking date of a sale: its creation day in the Europe/Amsterdam time zone. */

const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Amsterdam",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** YYYY-MM-DD of `moment` in Amsterdam. */
export function bookingDate(moment: Date): string {
  return dayFormat.format(moment);
}
