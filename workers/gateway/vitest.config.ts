import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { auxiliaryWorker } from "../../tests/setup/bundle.ts";
import { domainDirs } from "../../scripts/lib/workers.ts";
import { failSafeTestOptions } from "../../tests/setup/fail-safe.ts";
import { testWorkerSecrets as workerSecrets } from "../../tests/setup/worker-secrets.ts";
import { randomBytes } from "node:crypto";

const staffMasterKey = randomBytes(32).toString("base64");

/** The gateway under test, with every domain Worker running beside it from its deploy bundle. */
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
          // Tests address tenants as http://localhost/t/<slug>: that is their public origin here.
          bindings: { ...dbBindings, TEST_ACTORS: "enabled", PUBLIC_ORIGIN: "http://localhost", TEST_ADMIN_DATABASE_URL: inject("adminDatabaseUrl") },
          workers: domainDirs().map((dir) =>
            auxiliaryWorker(dir, {
              ...dbBindings,
              ...workerSecrets[dir],
              ...(dir === "workers/directory" ? { SITE_BUILD_HOOK: `${inject("buildHook")}/rebuild` } : {}),
              // The safe's master secret (ADR 0039), made up for this run.
              ...(dir === "workers/staff" ? { STAFF_MASTER_KEY: staffMasterKey } : {}),
            }),
          ),
        },
      };
    }),
  ],
  test: {
    name: "gateway",
    root: import.meta.dirname,
    include: ["src/**/*.test.ts", "../../tests/integration/**/*.test.ts"],
    globalSetup: ["../../tests/setup/prebuild.ts", "../../tests/setup/database.ts", "../../tests/setup/oidc.ts", "../../tests/setup/hooks.ts"],
    setupFiles: ["../../tests/setup/quiet-request-logs.ts"],
    // One workerd runtime (the gateway and its nine Workers) for all the files, one after the other:
    // starting it per file was 89 s of the run (ADR 0022, amended).
    isolate: false,
    ...failSafeTestOptions,
  },
});
