/** Keeps this worker's leases on one claimed batch, renewing them in one statement only when they run short. */
import type { Database } from "../../db/open-database.js";
import type { Clock } from "../runtime/engine-deps.js";
import { renewClaims } from "./claim-sales.js";

export interface LeaseKeeperOptions {
  db: Database;
  workerId: string;
  clock: Clock;
  leaseMs: number;
  /** The claimed sales and the moment the claim was made (their lease runs until then + leaseMs). */
  saleIds: number[];
  claimedAt: Date;
  /**
   * How much lease must be left before a document may be created: longer than one request to the
   * accounting system may take, so that a lease never runs out while a POST is under way.
   */
  reserveMs: number;
}

/** Answers "may this worker still book this sale?", cheaply while the lease is long enough. */
export interface LeaseKeeper {
  /** True while this worker holds the sale with at least `reserveMs` of lease left (renewing if needed). */
  hold(saleId: number): Promise<boolean>;
  /** Stops holding a sale (its outcome is known): it is no longer renewed. */
  done(saleId: number): void;
}

/**
 * The lease of a batch is renewed for all its remaining sales at once, and only when less than
 * `reserveMs` is left — a handful of statements per hour instead of one per sale. A sale missing from
 * the renewal was taken over by another worker after the lease ran out: it is never booked here.
 */
export function createLeaseKeeper(options: LeaseKeeperOptions): LeaseKeeper {
  const held = new Set(options.saleIds);
  let validUntil = options.claimedAt.getTime() + options.leaseMs;
  return {
    async hold(saleId) {
      if (!held.has(saleId)) return false;
      const now = options.clock.now();
      if (now.getTime() + options.reserveMs < validUntil) return true;
      const renewed = await renewClaims(options.db, [...held], options.workerId, now, options.leaseMs);
      for (const id of held) if (!renewed.has(id)) held.delete(id);
      validUntil = now.getTime() + options.leaseMs;
      return held.has(saleId);
    },
    done(saleId) {
      held.delete(saleId);
    },
  };
}
