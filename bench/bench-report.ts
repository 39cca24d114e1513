/** The figures a benchmark part produces, each with its target, and how they are printed and stored. */
import { writeFileSync } from "node:fs";

/** One measured figure; `met` is null when the figure has no target of its own (context, a count). */
export interface Figure {
  part: string;
  name: string;
  value: number | null;
  unit: string;
  target: string | null;
  met: boolean | null;
  note?: string;
}

/** A part that could not be measured (yet): listed in the table and the results, never faked. */
export function notMeasured(part: string, name: string, target: string, why: string): Figure {
  return { part, name, value: null, unit: "", target, met: null, note: `not measured yet: ${why}` };
}

/** Prints the figures as an aligned table. */
export function printTable(figures: Figure[], write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): void {
  const rows = figures.map((f) => [
    f.part,
    f.name,
    f.value === null ? "—" : `${formatNumber(f.value)} ${f.unit}`.trim(),
    f.target ?? "",
    f.met === null ? (f.value === null ? "n/a" : "") : f.met ? "met" : "NOT MET",
    f.note ?? "",
  ]);
  const header = ["part", "figure", "value", "target", "", "note"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  write(line(header));
  write(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) write(line(row));
}

/** Writes bench/results.json. */
export function writeResults(path: string, meta: Record<string, unknown>, figures: Figure[]): void {
  writeFileSync(path, `${JSON.stringify({ ...meta, figures }, null, 2)}\n`);
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** The p-th percentile (0–100) of `samples`, nearest rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
