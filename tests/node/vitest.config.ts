import { defineConfig } from "vitest/config";
import { failSafeTestOptions } from "../setup/fail-safe.ts";

/** Node-side tests: shared-library units, database tooling, the dev command's smoke test. */
export default defineConfig({
  test: {
    name: "node",
    root: `${import.meta.dirname}/../..`,
    environment: "node",
    include: [
      "site/src/lib/**/*.test.ts",
      "workers/core/src/**/*.test.ts",
      "workers/contracts/src/**/*.test.ts",
      "db/src/**/*.test.ts",
      "tests/node/**/*.test.ts",
    ],
    // One process for the files, one after the other (ADR 0022, amended).
    isolate: false,
    ...failSafeTestOptions,
  },
});
