import { defineConfig } from "vitest/config";
import { FAIL_SAFE, failSafeTestOptions } from "../setup/fail-safe.ts";

/** Public pages in Debian's Chromium (Playwright drives it; never a downloaded browser). */
export default defineConfig({
  test: {
    name: "browser",
    root: import.meta.dirname,
    environment: "node",
    include: ["**/*.test.ts"],
    // The platform's control first: the site's build reads its tenants from the platform's API.
    globalSetup: ["../setup/shared-platform.ts", "./site-server.ts"],
    fileParallelism: false,
    // One process for the files, one after the other, its modules kept (ADR 0022, amended): each
    // file used to import Playwright, axe and the set-up again (~3 s a file, 88 s a run).
    isolate: false,
    ...failSafeTestOptions,
    testTimeout: FAIL_SAFE.platformTestMs,
  },
});
