/** Folds in bench/llm-usage.ts (written with the LLM issue) when it exists: it prints its figures as JSON. */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Figure } from "./bench-report.js";

export interface LlmUsageOptions {
  serverUrl: string;
  quick: boolean;
  log: (line: string) => void;
}

/** Runs the script in its own process and turns what it prints into figures; nothing when it is absent. */
export async function benchLlmUsage(options: LlmUsageOptions): Promise<Figure[]> {
  const script = fileURLToPath(new URL("./llm-usage.ts", import.meta.url));
  if (!existsSync(script)) return [{ part: "llm", name: "LLM usage", value: null, unit: "", target: null, met: null, note: "not measured yet: bench/llm-usage.ts does not exist" }];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...(options.quick ? ["--quick"] : [])], { stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`bench/llm-usage.ts exited with ${code}`))));
  });
  return toFigures(JSON.parse(output.trim().split("\n").filter((l) => l.trim().startsWith("{") || l.trim().startsWith("[")).join("\n") || "null"));
}

/** Accepts a list of figures, `{ figures: [...] }`, or a flat object of name → number. */
function toFigures(parsed: unknown): Figure[] {
  const list = Array.isArray(parsed) ? parsed : parsed && typeof parsed === "object" && Array.isArray((parsed as { figures?: unknown }).figures) ? (parsed as { figures: unknown[] }).figures : null;
  if (list) {
    return list.map((item) => {
      const f = item as Partial<Figure> & { name?: string };
      return { part: "llm", name: String(f.name ?? "?"), value: typeof f.value === "number" ? f.value : null, unit: f.unit ?? "", target: f.target ?? null, met: typeof f.met === "boolean" ? f.met : null, ...(f.note ? { note: f.note } : {}) };
    });
  }
  if (parsed && typeof parsed === "object") {
    return Object.entries(parsed as Record<string, unknown>).map(([name, value]) => ({ part: "llm", name, value: typeof value === "number" ? value : null, unit: "", target: null, met: null, ...(typeof value === "number" ? {} : { note: JSON.stringify(value) }) }));
  }
  return [{ part: "llm", name: "LLM usage", value: null, unit: "", target: null, met: null, note: "bench/llm-usage.ts printed no JSON" }];
}
