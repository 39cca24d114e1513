/** Loads the labelled utterances (test/conversations/intents/utterances.json) and scores results against them. */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { intentNames, type IntentName } from "../../../conversations/intents/understanding.js";

const intentSchema = z.string().refine((value): value is IntentName => (intentNames as readonly string[]).includes(value));

const utteranceSchema = z.object({
  text: z.string().min(1),
  intent: intentSchema,
  slots: z.record(z.string(), z.unknown()).optional(),
  language: z.enum(["nl", "en"]).optional(),
});

/** One labelled message as a merchant would type it. */
export type Utterance = z.infer<typeof utteranceSchema>;

/** The whole labelled set. */
export function loadUtterances(): Utterance[] {
  const raw: unknown = JSON.parse(readFileSync(new URL("./utterances.json", import.meta.url), "utf8"));
  return z.array(utteranceSchema).parse(raw);
}

/** One wrong intent, printable. */
export interface IntentMiss {
  text: string;
  expected: IntentName;
  got: string;
  confidence: number;
}

/** Accuracy of intents over the set, and the misses. */
export function scoreIntents(set: readonly Utterance[], results: ReadonlyArray<{ intent: string; confidence: number }>): { accuracy: number; misses: IntentMiss[] } {
  const misses: IntentMiss[] = [];
  set.forEach((utterance, i) => {
    const result = results[i];
    if (result?.intent !== utterance.intent) {
      misses.push({ text: utterance.text, expected: utterance.intent, got: result?.intent ?? "(none)", confidence: result?.confidence ?? 0 });
    }
  });
  return { accuracy: (set.length - misses.length) / set.length, misses };
}

/** Prints the misses grouped by expected intent, so a failing run says what went wrong. */
export function printMisses(label: string, accuracy: number, misses: readonly IntentMiss[]): void {
  const lines = misses.map((miss) => `  ${miss.expected} → ${miss.got} (${miss.confidence}): ${miss.text}`);
  console.log(`${label}: ${(accuracy * 100).toFixed(1)}% correct, ${misses.length} misses${lines.length ? `\n${lines.join("\n")}` : ""}`);
}
