import { describe, expect, it } from "vitest";
import { sanitiseSentence } from "../../../conversations/llm/connecting-sentence.js";
import { maskSecrets } from "../../../conversations/llm/mask-secrets.js";
import { parseToolCall } from "../../../conversations/llm/llm-tools.js";

describe("what may leave and what may come back", () => {
  it("masks license keys, tokens, passwords, key-like strings and e-mail addresses", () => {
    const masked = maskSecrets("link kb-demo-0001 en KB-OTHR-0002; Bearer abc.def-123456; token=moneybird-simulator-token; ck_simulator cs_simulator; password: hunter2; 4f3a9c0d1e2b7a8f9e0d1c2b3a4f5e6d; jan@example.nl");
    for (const secret of ["kb-demo-0001", "KB-OTHR-0002", "abc.def-123456", "moneybird-simulator-token", "ck_simulator", "cs_simulator", "hunter2", "4f3a9c0d1e2b7a8f9e0d1c2b3a4f5e6d", "jan@example.nl"]) {
      expect(masked).not.toContain(secret);
    }
    expect(masked).toContain("KB-XXXX-XXXX");
    expect(maskSecrets("bestelling 1043 van Jan de Vries, BTW 9%")).toBe("bestelling 1043 van Jan de Vries, BTW 9%");
  });

  it("keeps one short plain sentence and drops any with numbers, amounts, links, keys or claims", () => {
    expect(sanitiseSentence("  Ik zet de fouten voor je op een rij.  Daarna kijken we verder. ")).toBe("Ik zet de fouten voor je op een rij.");
    for (const text of ["Er staan 44 fouten.", "Samen € twaalf.", "Zie https://evil.example", "Mail evil@example.com", "Your key is KB-DEMO-0001", "Done, everything is retried.", "Alles is doorgezet.", "<b>hi</b>", "Honderd procent goed: ٣"]) {
      expect(sanitiseSentence(text), text).toBeNull();
    }
    expect(sanitiseSentence("a".repeat(400))!.length).toBeLessThanOrEqual(160);
  });

  it("validates tool arguments strictly and maps tools onto the core's intents", () => {
    expect(parseToolCall("propose_retry", '{"sale_number":null}')).toMatchObject({ kind: "ok", meaning: { kind: "intent", intent: "retry", slots: { all: true } } });
    expect(parseToolCall("trace_sale", '{"sale_number":"#1043"}')).toMatchObject({ kind: "ok", saleNumbers: ["1043"] });
    expect(parseToolCall("trace_sale", '{"sale_number":"1043","extra":1}').kind).toBe("malformed");
    expect(parseToolCall("trace_sale", "{").kind).toBe("malformed");
    expect(parseToolCall("confirm_pending_action", "{}").kind).toBe("unknown_tool");
    expect(parseToolCall("toString", "{}").kind).toBe("unknown_tool");
  });
});
