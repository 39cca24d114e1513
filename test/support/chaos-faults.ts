/** A mix of vendor faults injected at random into a simulator, with a count of what was injected. */
import type { FaultRule, SimulatorFault } from "../../engine/connectors/simulator-server.js";

/** One kind of fault and its share of all requests (0.05 = 5%). */
export interface FaultShare {
  name: string;
  fault: SimulatorFault;
  share: number;
  method?: string;
}

/**
 * Fault rules that together fail `sum(share)` of the matching requests, each kind with its own share:
 * rule i fires with share_i / (1 - shares before it), since it only sees what earlier rules spared.
 */
export function randomFaultRules(
  shares: FaultShare[],
  random: () => number,
): { rules: FaultRule[]; injected: Record<string, number>; lastInjectedAt: Record<string, number> } {
  const injected: Record<string, number> = {};
  /** performance.now() when each kind was last injected (a slow request lands its delay after that). */
  const lastInjectedAt: Record<string, number> = {};
  let spared = 1;
  const rules = shares.map((entry): FaultRule => {
    const probability = entry.share / spared;
    spared -= entry.share;
    injected[entry.name] = 0;
    return {
      fault: entry.fault,
      ...(entry.method ? { method: entry.method } : {}),
      times: Infinity,
      probability,
      random: () => {
        const roll = random();
        if (roll < probability) {
          injected[entry.name] = (injected[entry.name] ?? 0) + 1;
          lastInjectedAt[entry.name] = performance.now();
        }
        return roll;
      },
    };
  });
  return { rules, injected, lastInjectedAt };
}

/** The 20% mix of issue #10: 401, 429 with Retry-After, 500, time-outs, truncated and invalid JSON. */
export function vendorChaosShares(timeoutDelayMs: number): FaultShare[] {
  return [
    { name: "401", fault: { kind: "status", status: 401, body: JSON.stringify({ error: "token is invalid", symbolic: { request: "invalid_grant" } }) }, share: 0.02 },
    { name: "429", fault: { kind: "rateLimit", retryAfterSeconds: 0 }, share: 0.035 },
    { name: "429-wait", fault: { kind: "rateLimit", retryAfterSeconds: 1 }, share: 0.005 },
    { name: "500", fault: { kind: "status", status: 500, body: "Internal Server Error" }, share: 0.05 },
    { name: "timeout", fault: { kind: "slow", delayMs: timeoutDelayMs }, share: 0.03 },
    { name: "truncated", fault: { kind: "truncated" }, share: 0.03 },
    { name: "invalidJson", fault: { kind: "invalidJson" }, share: 0.03 },
  ];
}
