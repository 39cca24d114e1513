#!/usr/bin/env node
// The `koppelbot` command (and `npm start`). esbuild bundles the TypeScript sources in a fraction of a
// second into dist/<content hash>/, and Node runs that JavaScript directly. No TypeScript loader stays in
// the process; under tsx, `koppelbot serve` used about 60 MB more memory (issue #9, part 6). A build is
// reused as long as the sources are unchanged. When several processes start at once, each writes to a
// folder of its own and renames it into place, so they all end up with the same complete build.
// Development without a build step: `npx tsx bot/cli.ts ...`.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, stop } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
/** Builds of other source versions are removed once they are this old (a running process has loaded its own). */
const KEEP_OLD_BUILDS_MS = 24 * 3_600_000;

async function bundle() {
  const staging = join(dist, ".staging");
  const result = await build({
    entryPoints: [join(root, "bot/cli.ts")],
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    outdir: staging,
    write: false,
    logLevel: "error",
  });
  await stop();
  const files = result.outputFiles.map((file) => ({ name: relative(staging, file.path), contents: file.contents }));
  const hash = createHash("sha256");
  for (const file of files) hash.update(file.name).update(file.contents);
  const target = join(dist, hash.digest("hex").slice(0, 16));
  if (!existsSync(join(target, "cli.js"))) {
    const pending = join(dist, `.pending-${process.pid}-${Date.now()}`);
    for (const file of files) {
      mkdirSync(dirname(join(pending, file.name)), { recursive: true });
      writeFileSync(join(pending, file.name), file.contents);
    }
    try {
      renameSync(pending, target);
    } catch {
      // Another process put the same build in place first.
      rmSync(pending, { recursive: true, force: true });
    }
  }
  pruneOldBuilds(target);
  return join(target, "cli.js");
}

function pruneOldBuilds(current) {
  for (const name of readdirSync(dist)) {
    const path = join(dist, name);
    if (path === current) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > KEEP_OLD_BUILDS_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by another process.
    }
  }
}

await import(pathToFileURL(await bundle()).href);
