/**
 * The vitest project of a domain Worker: its tests run inside workerd with the Worker's own
 * bindings (from its wrangler.toml), a throw-away Postgres database and the relay, plus the owner
 * connection for fixtures and any secret the Worker needs. The Workers its service bindings name
 * (identity's doors for the directory and the devices Worker, ADR 0025) run beside it from their
 * deploy bundles, with their own secrets, as in the gateway project.
 */
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { readFileSync } from "node:fs";
import path from "node:path";
import { domainDirs } from "../../scripts/lib/workers.ts";
import { auxiliaryWorker, bundleWorker, root } from "./bundle.ts";
import { failSafeTestOptions } from "./fail-safe.ts";
import { testWorkerSecrets } from "./worker-secrets.ts";

const nameOf = (dir: string) => /^name\s*=\s*"([^"]+)"/m.exec(readFileSync(path.join(root, dir, "wrangler.toml"), "utf8"))?.[1];

/** The domain Worker folders `dir`'s wrangler.toml binds as services. */
function servicesOf(dir: string): string[] {
  const toml = readFileSync(path.join(dir, "wrangler.toml"), "utf8");
  const names = new Set([...toml.matchAll(/^service\s*=\s*"([^"]+)"/gm)].map((m) => m[1]));
  return domainDirs().filter((d) => names.has(nameOf(d) ?? ""));
}

export function domainProject(dir: string, secrets: Record<string, string> = {}) {
  const services = servicesOf(dir);
  // Built (or found up to date) now, not inside vitest's fixed budget for starting a pool worker.
  for (const d of services) bundleWorker(d);
  return defineConfig({
    plugins: [
      cloudflareTest(({ inject }) => {
        const db = { DATABASE_URL: inject("appDatabaseUrl"), NEON_WS_PROXY: inject("relayAddress") };
        return {
          wrangler: { configPath: "./wrangler.toml" },
          miniflare: {
            bindings: { ...db, TEST_ADMIN_DATABASE_URL: inject("adminDatabaseUrl"), ...secrets },
            ...(services.length ? { workers: services.map((d) => auxiliaryWorker(d, { ...db, ...testWorkerSecrets[d] })) } : {}),
          },
        };
      }),
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
