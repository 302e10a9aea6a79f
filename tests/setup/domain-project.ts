/**
 * The vitest project of a domain Worker: its tests run inside workerd with the Worker's own
 * bindings (from its wrangler.toml), a throw-away Postgres database and the relay, plus the owner
 * connection for fixtures and any secret the Worker needs.
 */
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import path from "node:path";
import { failSafeTestOptions } from "./fail-safe.ts";

export function domainProject(dir: string, secrets: Record<string, string> = {}) {
  return defineConfig({
    plugins: [
      cloudflareTest(({ inject }) => ({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            DATABASE_URL: inject("appDatabaseUrl"),
            NEON_WS_PROXY: inject("relayAddress"),
            TEST_ADMIN_DATABASE_URL: inject("adminDatabaseUrl"),
            ...secrets,
          },
        },
      })),
    ],
    test: {
      name: path.basename(dir),
      root: dir,
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      globalSetup: [path.join(import.meta.dirname, "database.ts")],
      // One workerd runtime for the project's files, one after the other (ADR 0022, amended).
      isolate: false,
      ...failSafeTestOptions,
    },
  });
}
