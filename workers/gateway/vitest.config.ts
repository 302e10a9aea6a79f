import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import path from "node:path";
import { bundleWorker } from "../../tests/setup/bundle.ts";
import { domainDirs } from "../../scripts/lib/workers.ts";

/** The gateway under test, with every domain Worker running beside it from its deploy bundle. */
const domains = domainDirs().map(bundleWorker);

export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => {
      const dbBindings = {
        DATABASE_URL: inject("appDatabaseUrl"),
        NEON_WS_PROXY: inject("relayAddress"),
      };
      return {
        wrangler: { configPath: "../../wrangler.toml" },
        miniflare: {
          bindings: { ...dbBindings, TEST_ACTORS: "enabled", TEST_ADMIN_DATABASE_URL: inject("adminDatabaseUrl") },
          workers: domains.map((d) => ({
            name: d.name,
            modules: true,
            scriptPath: d.scriptPath,
            modulesRoot: path.dirname(d.scriptPath),
            compatibilityDate: d.compatibilityDate,
            compatibilityFlags: d.compatibilityFlags,
            bindings: dbBindings,
          })),
        },
      };
    }),
  ],
  test: {
    name: "gateway",
    root: import.meta.dirname,
    include: ["src/**/*.test.ts", "../../tests/integration/**/*.test.ts"],
    globalSetup: ["../../tests/setup/database.ts"],
    setupFiles: ["../../tests/setup/quiet-request-logs.ts"],
    testTimeout: 20_000,
  },
});
