import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import path from "node:path";
import { bundleWorker } from "../../tests/setup/bundle.ts";

/** The gateway under test, with every domain Worker running beside it from its deploy bundle. */
const territory = bundleWorker("workers/territory");

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
          workers: [
            {
              name: territory.name,
              modules: true,
              scriptPath: territory.scriptPath,
              modulesRoot: path.dirname(territory.scriptPath),
              compatibilityDate: "2026-10-01",
              compatibilityFlags: ["nodejs_compat"],
              bindings: dbBindings,
            },
          ],
        },
      };
    }),
  ],
  test: {
    name: "gateway",
    root: import.meta.dirname,
    include: ["src/**/*.test.ts", "../../tests/integration/**/*.test.ts"],
    globalSetup: ["../../tests/setup/database.ts"],
    testTimeout: 20_000,
  },
});
