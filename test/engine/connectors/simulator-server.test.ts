import { afterEach, describe, expect, it } from "vitest";
import { createSeededRandom } from "../../../bot/demo/seeded-random.js";
import { jsonResponse, type SimulatorServer, startSimulatorServer } from "../../../engine/connectors/simulator-server.js";

describe("simulator fault injection", () => {
  let server: SimulatorServer;
  afterEach(async () => server?.close());

  it("fails about the given share of requests when a fault has a probability", async () => {
    server = await startSimulatorServer(() => jsonResponse(200, { ok: true }));
    const random = createSeededRandom(42);
    server.injectFault({ fault: { kind: "status", status: 500 }, probability: 0.2, random: random.next, times: Infinity });
    const statuses: number[] = [];
    for (let i = 0; i < 400; i++) statuses.push((await fetch(`${server.url}/x`)).status);
    const failed = statuses.filter((status) => status === 500).length;
    expect(failed).toBeGreaterThan(50);
    expect(failed).toBeLessThan(110);
    expect(statuses.filter((status) => status === 200)).toHaveLength(400 - failed);
  });

  it("passes a request the probability spared on to the next rule, and counts `times` only when a fault fires", async () => {
    server = await startSimulatorServer(() => jsonResponse(200, { ok: true }));
    server.injectFault({ fault: { kind: "status", status: 503 }, probability: 0, times: 1 });
    server.injectFault({ fault: { kind: "status", status: 418 }, times: 1 });
    expect((await fetch(`${server.url}/a`)).status).toBe(418);
    expect((await fetch(`${server.url}/b`)).status).toBe(200);
    server.clearFaults();
    server.injectFault({ fault: { kind: "status", status: 500 }, probability: 1, times: 2 });
    expect([(await fetch(`${server.url}/c`)).status, (await fetch(`${server.url}/d`)).status, (await fetch(`${server.url}/e`)).status]).toEqual([500, 500, 200]);
  });
});
