/**
 * The vitest project of a domain Worker: its tests run inside workerd with the Worker's own
 * bindings (from its wrangler.toml), a throw-away Postgres database and the relay, plus the owner
 * connection for fixtures and any secret the Worker needs.
 */
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import path from "node:path";
import { failSafeTestOptions } from "./fail-safe.ts";
import { auxiliaryWorker } from "./bundle.ts";

/**
 * `auxiliaries`: other domain Workers this one calls over a service binding (e.g. the council's
 * ARCHIVE), run beside it from their deploy bundles with the same database and their own secrets.
 */
export function domainProject(dir: string, secrets: Record<string, string> = {}, opts: { auxiliaries?: Record<string, Record<string, string>> } = {}) {
  return defineConfig({
    plugins: [
      cloudflareTest(({ inject }) => {
        const db = { DATABASE_URL: inject("appDatabaseUrl"), NEON_WS_PROXY: inject("relayAddress") };
        return {
          wrangler: { configPath: "./wrangler.toml" },
          miniflare: {
            bindings: {
              ...db,
              TEST_ADMIN_DATABASE_URL: inject("adminDatabaseUrl"),
              ...secrets,
            },
            ...(opts.auxiliaries ? { workers: Object.entries(opts.auxiliaries).map(([aux, auxSecrets]) => auxiliaryWorker(aux, { ...db, ...auxSecrets })) } : {}),
          },
        };
      }),
    ],
    test: {
      name: path.basename(dir),
      root: dir,
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      globalSetup: [path.join(import.meta.dirname, "database.ts")],
      ...failSafeTestOptions,
    },
  });
}
