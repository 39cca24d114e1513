/** `koppelbot nlu`: reads messages line by line and prints what the rules understood, one JSON object per line. */
import { createInterface } from "node:readline";
import { detectIntent } from "./detect-intent.js";

/** Prints `{"text","intent","confidence","slots","language"}` for every non-empty input line. */
export async function runNlu(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    const text = line.trim();
    if (text === "") continue;
    const { intent, confidence, slots, language } = detectIntent(text);
    output.write(`${JSON.stringify({ text, intent, confidence, slots, language })}\n`);
  }
}
