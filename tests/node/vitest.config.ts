import { defineConfig } from "vitest/config";

/** Node-side tests: shared-library units, database tooling, the dev command's smoke test. */
export default defineConfig({
  test: {
    name: "node",
    root: import.meta.dirname + "/../..",
    environment: "node",
    include: ["workers/core/src/**/*.test.ts", "db/src/**/*.test.ts", "tests/node/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
