/** Counts of the chaos suite: full with CHAOS_FULL=1 (`npm run chaos`), reduced in CI (`npm test`). */

/** True when `npm run chaos` runs the suite at the counts the README publishes. */
export const chaosFull = process.env.CHAOS_FULL === "1";

/** The full count or the CI count. */
export function chaosCount(full: number, ci: number): number {
  return chaosFull ? full : ci;
}

/** Prints one property's figures as a single line, e.g. "[chaos] vendor chaos (pglite): sales=500 ...". */
export function printChaosCounts(property: string, counts: Record<string, number | string>): void {
  const figures = Object.entries(counts)
    .map(([name, value]) => `${name}=${value}`)
    .join(" ");
  console.log(`[chaos] ${property}: ${figures}`);
}

/** A milliseconds budget for a chaos test: generous at full counts, CI-sized otherwise. */
export function chaosTimeout(fullMs: number, ciMs: number): number {
  return chaosFull ? fullMs : ciMs;
}
