/**
 * Discord's message validation as the fake applies it: the embed and component limits of
 * ../shared/fixtures/LIMITS.md, answered like Discord does (400, code 50035 "Invalid Form Body",
 * errors nested by path as in fixtures/discord/error_50035_invalid_form_body_nested.json).
 */

type ErrorTree = { _errors?: Array<{ code: string; message: string }>; [key: string]: unknown };

/** A 400 body, or null when the message is valid. */
export function validateMessageBody(body: Record<string, unknown>): { code: number; message: string; errors?: ErrorTree } | null {
  const errors: ErrorTree = {};
  const add = (path: Array<string | number>, code: string, message: string) => {
    let node = errors;
    for (const key of path) node = (node[String(key)] ??= {}) as ErrorTree;
    (node._errors ??= []).push({ code, message });
  };
  const maxLength = (path: Array<string | number>, value: unknown, max: number) => {
    if (typeof value === "string" && value.length > max) add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
  };
  const content = body.content;
  maxLength(["content"], content, 2000);
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Array<Record<string, unknown>>) : [];
  if (embeds.length > 10) add(["embeds"], "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
  let total = 0;
  embeds.forEach((embed, e) => {
    const text = (v: unknown) => (typeof v === "string" ? v.length : 0);
    maxLength(["embeds", e, "title"], embed.title, 256);
    maxLength(["embeds", e, "description"], embed.description, 4096);
    total += text(embed.title) + text(embed.description);
    const footer = embed.footer as { text?: unknown } | undefined;
    maxLength(["embeds", e, "footer", "text"], footer?.text, 2048);
    total += text(footer?.text);
    const fields = Array.isArray(embed.fields) ? (embed.fields as Array<{ name?: unknown; value?: unknown }>) : [];
    if (fields.length > 25) add(["embeds", e, "fields"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
    fields.forEach((field, f) => {
      if (!field.name) add(["embeds", e, "fields", f, "name"], "BASE_TYPE_REQUIRED", "This field is required");
      if (!field.value) add(["embeds", e, "fields", f, "value"], "BASE_TYPE_REQUIRED", "This field is required");
      maxLength(["embeds", e, "fields", f, "name"], field.name, 256);
      maxLength(["embeds", e, "fields", f, "value"], field.value, 1024);
      total += text(field.name) + text(field.value);
    });
  });
  if (total > 6000) add(["embeds"], "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000");
  const rows = Array.isArray(body.components) ? (body.components as Array<{ type?: number; components?: Array<Record<string, unknown>> }>) : [];
  if (rows.length > 5) add(["components"], "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
  const ids = new Set<string>();
  rows.forEach((row, r) => {
    if (row.type !== 1) add(["components", r, "type"], "BASE_TYPE_CHOICES", "Value must be one of {1}.");
    const items = row.components ?? [];
    if (items.length === 0 || items.length > 5) add(["components", r, "components"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
    items.forEach((item, i) => {
      const id = item.custom_id;
      if (typeof id !== "string" || id.length < 1 || id.length > 100) add(["components", r, "components", i, "custom_id"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
      else if (ids.has(id)) add(["components", r, "components", i, "custom_id"], "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated");
      else ids.add(id);
      maxLength(["components", r, "components", i, "label"], item.label, 80);
    });
  });
  if (Object.keys(errors).length > 0) return { code: 50035, message: "Invalid Form Body", errors };
  return null;
}

/** True when a create would be empty (Discord answers 50006 "Cannot send an empty message"). */
export function isEmptyMessage(body: Record<string, unknown>): boolean {
  const has = (v: unknown) => (Array.isArray(v) ? v.length > 0 : typeof v === "string" ? v.length > 0 : false);
  return !has(body.content) && !has(body.embeds) && !has(body.components);
}
