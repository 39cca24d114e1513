/** The terminal chat: a prompt on a TTY, or one message per line from a pipe (scriptable), optionally as JSON. */
import { createInterface } from "node:readline";
import type { ConversationCore } from "../../conversations/core/create-conversation-core.js";
import type { Inbound, Place } from "../../conversations/core/inbound.js";
import { type Reply, renderPlainText } from "../../conversations/replies/reply.js";

export interface TerminalChatOptions {
  core: ConversationCore;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
  /** One JSON object per reply instead of text. */
  json: boolean;
  /** Replies shown before the first prompt (e.g. the checklist of the demo), not in JSON mode. */
  opening?: Reply[];
  place?: Place;
  userId?: string;
  /** Ends the chat as if the input ended (SIGINT/SIGTERM), so the caller can close the database cleanly. */
  signal?: AbortSignal;
}

const localPlace: Place = { platform: "terminal", id: "local" };

/** Runs until the input ends (or the user types "exit" on a TTY). */
export async function runTerminalChat(options: TerminalChatOptions): Promise<void> {
  const place = options.place ?? localPlace;
  const user = { id: options.userId ?? "local-user" };
  const interactive = options.input.isTTY === true && !options.json;
  const print = (reply: Reply) => options.output.write(options.json ? `${JSON.stringify(toJson(reply))}\n` : `\n${renderPlainText(reply)}\n\n`);
  let last: Reply | null = null;
  if (!options.json) for (const reply of options.opening ?? []) print(reply);

  const lines = createInterface({ input: options.input, output: interactive ? options.output : undefined, terminal: interactive });
  // Ctrl-C on the prompt ends the chat like "exit" (readline would only pause the input).
  lines.on("SIGINT", () => lines.close());
  options.signal?.addEventListener("abort", () => lines.close(), { once: true });
  if (interactive) {
    lines.setPrompt("jij › ");
    lines.prompt();
  }
  for await (const raw of lines) {
    const line = raw.trim();
    if (interactive && /^(exit|quit|stop|doei)$/i.test(line)) break;
    if (line) {
      const inbound = toInbound(line, last, place, user);
      last = await options.core.handle(inbound);
      print(last);
    }
    if (interactive) lines.prompt();
  }
  lines.close();
}

/** A typed number (or "#choose N") presses button N of the last reply; "/koppeling ..." is a command. */
function toInbound(line: string, last: Reply | null, where: Place, user: { id: string }): Inbound {
  const choose = /^(?:#choose\s+)?(\d{1,2})$/i.exec(line);
  const index = choose ? Number(choose[1]) - 1 : -1;
  if (choose && last && index >= 0 && index < last.actions.length && (line.startsWith("#") || last.actions.length > 0)) {
    return { kind: "action", where, user, actionId: last.actions[index]!.id };
  }
  const command = /^\/koppeling(?:\s+(.*))?$/i.exec(line);
  if (command) return { kind: "command", where, user, name: "koppeling", args: command[1] ?? "" };
  return { kind: "message", where, user, text: line };
}

/** The --json shape: intent, language, the plain text, the blocks and the buttons. */
function toJson(reply: Reply) {
  return {
    intent: reply.intent,
    language: reply.language,
    text: renderPlainText(reply),
    blocks: reply.blocks,
    actions: reply.actions.map((a) => ({ id: a.id, label: a.label })),
  };
}
