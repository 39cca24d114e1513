/** How often a koppeling syncs, and when its next run is due. */

const MINUTE = 60_000;

/** Interval per cadence: batch koppelingen run hourly by default (domain/systems.md). */
export const cadenceIntervalMs: Record<string, number> = {
  every_15_min: 15 * MINUTE,
  hourly: 60 * MINUTE,
  nightly: 24 * 60 * MINUTE,
};

/** The interval of a cadence; unknown cadences count as hourly. */
export function intervalOf(cadence: string): number {
  return cadenceIntervalMs[cadence] ?? cadenceIntervalMs.hourly!;
}

/** When the next run is due: one interval after the last, or now when there was none. */
export function nextRunAt(cadence: string, lastRunStartedAt: Date | null, now: Date): Date {
  if (!lastRunStartedAt) return now;
  const due = lastRunStartedAt.getTime() + intervalOf(cadence);
  return new Date(Math.max(due, now.getTime()));
}
