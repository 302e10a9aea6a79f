import { defineConfig } from "vitest/config";

/** Every test project (a Worker's, the Node-side one, the browser one); `npm test` runs them all. */
export default defineConfig({
  test: {
    projects: ["workers/*/vitest.config.ts", "tests/*/vitest.config.ts"],
  },
});
