import { defineConfig } from "vitest/config";

/** Public pages in Debian's Chromium (Playwright drives it; never a downloaded browser). */
export default defineConfig({
  test: {
    name: "browser",
    root: import.meta.dirname,
    environment: "node",
    include: ["**/*.test.ts"],
    globalSetup: ["./site-server.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
