/** Block Kit validation as Slack does it for messages (limits from ../shared/fixtures/LIMITS.md). */

type Json = Record<string, unknown>;

const limits = {
  blocks: 50,
  blockId: 255,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  header: 150,
  actionsElements: 25,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
};

/** Slack's complaints about a blocks array, one "[ERROR] ..." per problem; empty when valid. */
export function validateSlackBlocks(blocks: Json[]): string[] {
  const problems: string[] = [];
  if (blocks.length > limits.blocks) problems.push(`[ERROR] no more than ${limits.blocks} items allowed [json-pointer:/blocks]`);
  blocks.forEach((block, i) => {
    const at = `/blocks/${i}`;
    const fail = (what: string) => problems.push(`[ERROR] ${what} [json-pointer:${at}]`);
    if (typeof block.block_id === "string" && block.block_id.length > limits.blockId) fail(`block_id must be less than ${limits.blockId + 1} characters`);
    switch (block.type) {
      case "header": {
        const text = textOf(block.text);
        if (!text || text.length > limits.header) fail(`header text must be 1-${limits.header} characters`);
        if ((block.text as Json | undefined)?.type !== "plain_text") fail("header text must be plain_text");
        break;
      }
      case "section": {
        const text = textOf(block.text);
        const fields = Array.isArray(block.fields) ? (block.fields as Json[]) : undefined;
        if (text === undefined && !fields) fail("section needs text or fields");
        if (text !== undefined && (text.length < 1 || text.length > limits.sectionText)) fail(`text must be 1-${limits.sectionText} characters`);
        if (fields && (fields.length < 1 || fields.length > limits.fields)) fail(`fields must have 1-${limits.fields} items`);
        for (const field of fields ?? []) if ((textOf(field) ?? "").length > limits.fieldText || !textOf(field)) fail(`field text must be 1-${limits.fieldText} characters`);
        break;
      }
      case "actions": {
        const elements = Array.isArray(block.elements) ? (block.elements as Json[]) : [];
        if (elements.length < 1 || elements.length > limits.actionsElements) fail(`actions must have 1-${limits.actionsElements} elements`);
        const ids = new Set<string>();
        for (const element of elements) {
          if (element.type !== "button") continue;
          const label = textOf(element.text) ?? "";
          if (label.length < 1 || label.length > limits.buttonText) fail(`button text must be 1-${limits.buttonText} characters`);
          if (typeof element.value === "string" && element.value.length > limits.buttonValue) fail(`button value must be less than ${limits.buttonValue + 1} characters`);
          const id = String(element.action_id ?? "");
          if (id.length > limits.actionId) fail(`action_id must be less than ${limits.actionId + 1} characters`);
          if (id && ids.has(id)) fail(`action_id ${id} is not unique in the block`);
          ids.add(id);
        }
        break;
      }
      case "context": {
        const elements = Array.isArray(block.elements) ? (block.elements as Json[]) : [];
        if (elements.length < 1 || elements.length > limits.contextElements) fail(`context must have 1-${limits.contextElements} elements`);
        for (const element of elements) if (!textOf(element)) fail("context text must not be empty");
        break;
      }
      case "divider":
      case "rich_text":
        break;
      default:
        fail(`unsupported type: ${String(block.type)}`);
    }
  });
  return problems;
}

function textOf(value: unknown): string | undefined {
  const text = (value as Json | undefined)?.text;
  return typeof text === "string" ? text : undefined;
}
