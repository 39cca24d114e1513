import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { errorCodes } from "../../engine/errors/catalogue.js";
import { errorCopy } from "../../conversations/replies/error-copy.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const platformImport = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)["'](@slack\/[^"']*|discord\.js|discord-api-types[^"']*|\.\.?\/[^"']*\bbot\/[^"']*)["']/;

describe("the architecture", () => {
  it.each(["conversations", "engine"])("keeps %s/ free of Slack, Discord and the bot shell", (dir) => {
    const offenders = sourceFiles(dir).filter((file) => platformImport.test(readFileSync(file, "utf8")));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  it("has one explanation per catalogue code in Dutch and English", () => {
    for (const code of errorCodes) {
      expect(errorCopy[code].nl.title.length, code).toBeGreaterThan(5);
      expect(errorCopy[code].en.fix.length, code).toBeGreaterThan(5);
    }
    expect(Object.keys(errorCopy).sort()).toEqual([...errorCodes].sort());
  });

  it("catches a platform import (the guard itself works)", () => {
    expect(platformImport.test(`import { App } from "@slack/bolt";`)).toBe(true);
    expect(platformImport.test(`import { Client } from "discord.js";`)).toBe(true);
    expect(platformImport.test(`import { x } from "../../engine/x.js";`)).toBe(false);
  });
});
