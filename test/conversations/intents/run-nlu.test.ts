import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runNlu } from "../../../conversations/intents/run-nlu.js";
import { loadUtterances, printMisses, scoreIntents } from "./utterance-set.js";

const printedLine = z.object({
  text: z.string(),
  intent: z.string(),
  confidence: z.number().min(0).max(1),
  slots: z.record(z.string(), z.unknown()),
  language: z.enum(["nl", "en"]).nullable(),
});

async function runThroughNlu(input: string): Promise<Array<z.infer<typeof printedLine>>> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
  stdin.end(input);
  await runNlu(stdin, stdout);
  stdout.end();
  const text = Buffer.concat(chunks).toString("utf8");
  return text.split("\n").filter((line) => line !== "").map((line) => printedLine.parse(JSON.parse(line)));
}

describe("runNlu (koppelbot nlu)", () => {
  it("prints one JSON object per non-empty line and recognises at least 95% of the utterance set", async () => {
    const utterances = loadUtterances();
    const input = `${utterances.map((u) => u.text).join("\n\n")}\n   \n`;
    const printed = await runThroughNlu(input);
    expect(printed.map((line) => line.text)).toEqual(utterances.map((u) => u.text));
    const { accuracy, misses } = scoreIntents(utterances, printed);
    printMisses("koppelbot nlu", accuracy, misses);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it("prints the slots and language of a line", async () => {
    const [line] = await runThroughNlu("verwerk 1043 en 1044\r\n");
    expect(line).toEqual({ text: "verwerk 1043 en 1044", intent: "retry", confidence: 0.97, slots: { saleNumbers: ["1043", "1044"] }, language: "nl" });
  });
});
