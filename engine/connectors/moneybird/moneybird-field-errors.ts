/** Collects validation failures into Moneybird's 422 body: {"error": {field: [msg]}, "details": {field: [{"error": code}]}}. */
import type { MoneybirdFieldErrorBody } from "./moneybird-records.js";

/** An accumulator of field errors, in the order they were found. */
export interface FieldErrorCollector {
  add(field: string, message: string, code: string): void;
  readonly hasErrors: boolean;
  body(): MoneybirdFieldErrorBody;
}

/** Starts an empty collector; a message is kept once per field. */
export function collectFieldErrors(): FieldErrorCollector {
  const error: Record<string, string[]> = {};
  const details: Record<string, Array<{ error: string }>> = {};
  return {
    add(field, message, code) {
      const messages = (error[field] ??= []);
      if (messages.includes(message)) return;
      messages.push(message);
      (details[field] ??= []).push({ error: code });
    },
    get hasErrors() {
      return Object.keys(error).length > 0;
    },
    body: () => ({ error, details }),
  };
}
