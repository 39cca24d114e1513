/** Part 3: several koppelingen on one Moneybird token sync at once under a scaled-down limit: used, not hit. */
import { runSync } from "../engine/sync/run-sync.js";
import { createBenchDatabase } from "./bench-database.js";
import type { Figure } from "./bench-report.js";
import { startSimulatorsChild } from "./simulators-child.js";
import { benchEngineDeps, createBenchKoppeling } from "./bench-koppeling.js";

export interface RateLimitOptions {
  serverUrl: string;
  quick: boolean;
  log: (line: string) => void;
}

/**
 * 50 requests per second, as 500 per 10 s (quick: 250 per 5 s): Moneybird's 150 per 5 minutes scaled
 * down with its window, so the pacer's safety margin (max(250 ms, 1%)) stays small as it is in production.
 */
export async function benchRateLimit(options: RateLimitOptions): Promise<Figure[]> {
  const limit = options.quick ? { requests: 250, windowMs: 5_000 } : { requests: 500, windowMs: 10_000 };
  const koppelingen = 4;
  const orders = options.quick ? 200 : 600;
  const installedAt = new Date(Date.now() - 10 * 86_400_000);
  const sims = await startSimulatorsChild({ orders, customers: 40, firstOrderAt: new Date(installedAt.getTime() + 60_000).toISOString(), rateLimit: limit });
  const database = await createBenchDatabase(options.serverUrl);
  try {
    // One registry, as in one koppelbot process: the koppelingen share the token's pacer.
    const deps = benchEngineDeps(database.db, { workerId: "bench-rate", moneybirdLimit: limit });
    const ids: string[] = [];
    for (let i = 0; i < koppelingen; i++) {
      ids.push((await createBenchKoppeling(deps, { name: `Bench rate ${i}`, installedAt, systems: sims })).id);
    }
    const started = performance.now();
    const summaries = await Promise.all(ids.map((id) => runSync(deps, id, "bench")));
    const seconds = (performance.now() - started) / 1000;
    const booked = summaries.reduce((n, s) => n + (s.booking?.transferred ?? 0), 0);
    const stats = await sims.stats();
    // Whole limiter windows only: the first and the last are partly outside the run.
    const whole = stats.windows.slice(1, -1);
    const used = whole.length > 0 ? whole.reduce((n, [, count]) => n + count, 0) / (whole.length * limit.requests) : Number.NaN;
    options.log(`  ${koppelingen} koppelingen booked ${booked} sales in ${seconds.toFixed(1)} s; ${stats.moneybirdRequests} Moneybird requests, per window: ${stats.windows.map(([, c]) => c).join(" ")}`);
    const part = "3 rate limit";
    return [
      { part, name: `share of the allowed rate used (${limit.requests}/${limit.windowMs / 1000} s, ${koppelingen} koppelingen, one token)`, value: Math.round(used * 1000) / 10, unit: "%", target: "≥ 90 %", met: used >= 0.9, note: `${whole.length} whole windows` },
      { part, name: "429 responses", value: stats.rateLimited, unit: "", target: "0", met: stats.rateLimited === 0 },
      { part, name: "sales booked", value: booked, unit: "", target: `${koppelingen * orders}`, met: booked === koppelingen * orders, note: `in ${seconds.toFixed(0)} s` },
    ];
  } finally {
    await sims.stop();
    await database.close();
  }
}
