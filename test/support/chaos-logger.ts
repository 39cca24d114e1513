/** A Logger that keeps every entry as a JSON line, so tests can scan what the engine and the core logged. */
import type { Logger } from "../../engine/runtime/engine-deps.js";

/** The logger and what it captured. */
export interface CapturingLogger extends Logger {
  readonly lines: string[];
}

/** Creates a logger that records each entry (level, message, fields) as one JSON line. */
export function createCapturingLogger(): CapturingLogger {
  const lines: string[] = [];
  const keep = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push(JSON.stringify({ level, message, ...fields }));
  return { lines, info: keep("info"), warn: keep("warn"), error: keep("error") };
}
