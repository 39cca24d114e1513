/** Moneybird-style ids for the simulator: 18-digit, time-ordered integers, kept as strings. */
import type { MoneybirdId } from "./moneybird-records.js";

/** Milliseconds before 2011: Moneybird's ids (≈ 4.96e17 in 2026) look like (ms since then) << 20 plus a counter. */
const idEpochMs = 1_300_000_000_000n;

/** Returns a function that hands out fresh, strictly increasing 18-digit ids. */
export function createMoneybirdIdGenerator(now: () => number = Date.now): () => MoneybirdId {
  let last = 0n;
  return () => {
    let next = (BigInt(now()) - idEpochMs) << 20n;
    if (next <= last) next = last + 1n;
    last = next;
    return next.toString();
  };
}

/**
 * The record `given` names: the one with exactly that id, else (leniently) the only one whose id
 * rounds to the same double. Moneybird's own request examples send ids as JSON numbers that lost
 * their last digits (496081458176197690 became 496081458176197700); ids that close together are
 * ambiguous, so a lenient match must be unique.
 */
export function findMoneybirdRecord<T extends { id: MoneybirdId }>(records: readonly T[], given: unknown): T | undefined {
  if (given === null || given === undefined || given === "") return undefined;
  const text = String(given).trim();
  const exact = records.find((record) => record.id === text);
  if (exact || !/^\d+$/.test(text)) return exact;
  const close = records.filter((record) => Number(record.id) === Number(text));
  return close.length === 1 ? close[0] : undefined;
}
