/** Starts chaos-worker.ts as a separate process and kills it, for the crash tests. */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const workerScript = fileURLToPath(new URL("./chaos-worker.ts", import.meta.url));

/** A running worker process. */
export interface WorkerProcess {
  readonly id: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Resolves when the worker has opened the database. */
  readonly ready: Promise<void>;
  readonly stderr: string[];
  alive(): boolean;
  /** SIGKILL: no clean-up, no finally blocks, open transactions and leases left as they are. */
  kill(): Promise<void>;
}

export interface WorkerSettings {
  dbUrl: string;
  koppelingId: string;
  secretKeyHex: string;
  leaseMs: number;
}

/** Starts one worker through tsx. */
export function startWorkerProcess(id: string, settings: WorkerSettings): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", workerScript], {
    env: {
      ...process.env,
      CHAOS_DB_URL: settings.dbUrl,
      CHAOS_KOPPELING: settings.koppelingId,
      CHAOS_SECRET_KEY: settings.secretKeyHex,
      CHAOS_WORKER: id,
      CHAOS_LEASE_MS: String(settings.leaseMs),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => void stderr.push(chunk.toString("utf8")));
  let running = true;
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      running = false;
      resolve(code);
    }),
  );
  const ready = new Promise<void>((resolve, reject) => {
    let seen = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      if (seen.includes("ready\n")) resolve();
    });
    void exited.then(() => (seen.includes("ready\n") ? resolve() : reject(new Error(`worker ${id} exited before it was ready: ${stderr.join("")}`))));
  });
  return {
    id,
    child,
    exited,
    ready,
    stderr,
    alive: () => running,
    async kill() {
      if (!running) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}
