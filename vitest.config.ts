import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Most tests wait on HTTP to the simulators and fakes: two files at a time use both cores of a small CI machine.
    maxWorkers: 2,
  },
});
