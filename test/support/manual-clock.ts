/** A clock that only moves when the test says so. */
import type { Clock } from "../../engine/runtime/engine-deps.js";

export interface ManualClock extends Clock {
  set(moment: Date): void;
  advance(ms: number): void;
}

/** Starts at `start` and stays there until advanced. */
export function createManualClock(start: Date): ManualClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (moment) => {
      current = new Date(moment);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}
