/** Starts bench/simulators-process.ts as a child process and talks to it over stdin/stdout. */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { SimulatorsAddress, SimulatorsSpec } from "./simulators-process.js";

/** Moneybird requests per limiter window, and how many were refused with a 429. */
export interface SimulatorStats {
  windowMs: number;
  windows: Array<[number, number]>;
  rateLimited: number;
  moneybirdRequests: number;
  shopRequests: number;
}

export interface SimulatorsChild extends SimulatorsAddress {
  stats(): Promise<SimulatorStats>;
  stop(): Promise<void>;
}

/** Spawns the simulators with `spec` and waits until they listen. */
export async function startSimulatorsChild(spec: SimulatorsSpec): Promise<SimulatorsChild> {
  const script = fileURLToPath(new URL("./simulators-process.ts", import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", script, JSON.stringify(spec)], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  const waiting: Array<(line: string) => void> = [];
  lines.on("line", (line) => waiting.shift()?.(line));
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      waiting.push(resolve);
      child.once("exit", (code) => reject(new Error(`the simulators process exited (${code})`)));
    });
  const address = JSON.parse(await nextLine()) as SimulatorsAddress;
  return {
    ...address,
    async stats() {
      const answer = nextLine();
      child.stdin!.write("stats\n");
      return JSON.parse(await answer) as SimulatorStats;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.stdin!.end();
      }),
  };
}
