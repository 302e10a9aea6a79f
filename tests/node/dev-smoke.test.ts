/**
 * `npm run dev` as a person runs it: on the embedded default, it starts, the API and a site page
 * answer, the OpenAPI document is valid OpenAPI 3.1 and every operation declares its permission;
 * Ctrl-C stops every process it started and data survives a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { rm } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import pg from "pg";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { interrupt, lockPlatform, platformSetup, startDev as startPlatform, type Ports, type Running } from "../setup/dev-platform.ts";
import { FAIL_SAFE } from "../setup/fail-safe.ts";
import { root } from "../setup/bundle.ts";

let stateDir: string;
let ports: Ports;
let unlock: () => Promise<void>;
const startDev = () => startPlatform(stateDir, ports);

function leftovers(): string[] {
  const ps = execFileSync("ps", ["-eo", "pid,stat,args"], { encoding: "utf8" });
  return ps
    .split("\n")
    .filter((l) => l.includes(stateDir) || l.includes(`--port ${ports.api}`) || l.includes(`-p ${ports.pg}`))
    .filter((l) => !/\sZ/.test(l.slice(0, 14)));
}

async function portFree(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
    return false;
  } catch {
    return true;
  }
}

describe("npm run dev", () => {
  let run: Running;
  beforeAll(async () => {
    unlock = await lockPlatform();
    ({ stateDir, ports } = await platformSetup());
    run = await startDev();
  }, 780_000);

  afterAll(async () => {
    if (run) await interrupt(run).catch(() => {});
    await rm(stateDir, { recursive: true, force: true });
    await unlock?.();
  });

  it("prints the URLs of the site and the API reference", () => {
    expect(run.output()).toContain(`http://127.0.0.1:${ports.site}/`);
    expect(run.output()).toContain(`http://127.0.0.1:${ports.api}/api/docs`);
  });

  it("answers /api/health with the database checked", async () => {
    const res = await fetch(`http://127.0.0.1:${ports.api}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("serves the seeded territory through the gateway", async () => {
    const res = await fetch(`http://127.0.0.1:${ports.api}/t/cclvd/api/territory/communes?geometry=false`);
    const body = (await res.json()) as { communes: unknown[] };
    expect(body.communes).toHaveLength(10);
  });

  it("serves a site page", async () => {
    const res = await fetch(`http://127.0.0.1:${ports.site}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('lang="fr"');
  });

  it("publishes a valid OpenAPI 3.1 document where every operation declares its permission", async () => {
    const doc = (await (await fetch(`http://127.0.0.1:${ports.api}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { "x-communa-requires"?: string; operationId?: string; security?: unknown[] }>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
    const ops = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.entries(item)
        .filter(([m]) => ["get", "post", "put", "patch", "delete"].includes(m))
        .map(([m, op]) => ({ route: `${m.toUpperCase()} ${p}`, op })),
    );
    expect(ops.length).toBeGreaterThan(5);
    for (const { route, op } of ops) {
      expect(op["x-communa-requires"], `${route} sans déclaration de droit`).toMatch(/^(public|authenticated|[a-z-]+:[a-z-]+)$/);
      expect(op.operationId, route).toBeTruthy();
      // How to authenticate is declared (the validator above checks the schemes themselves).
      if (op["x-communa-requires"] !== "public") expect(op.security?.length, `${route} sans schéma de sécurité`).toBeGreaterThan(0);
    }
  });

  it(
    "Ctrl-C stops every process it started; data survives a restart",
    async () => {
      // A change made while running (written as the owner, directly in the database).
      const password = readFileSync(path.join(stateDir, "postgres", "superuser-password"), "utf8").trim();
      const admin = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${ports.pg}/communa` });
      await admin.connect();
      await admin.query(
        "INSERT INTO tenant_profiles (tenant_id, phone) SELECT id, '03 44 73 00 00' FROM tenants WHERE slug = 'liancourt' ON CONFLICT (tenant_id) DO UPDATE SET phone = excluded.phone",
      );
      await admin.end();
      await interrupt(run);
      expect(run.output()).toContain("Plateforme arrêtée");
      // The Workers' local secrets do not outlive the platform.
      expect(existsSync(path.join(root, "workers", "territory", ".dev.vars"))).toBe(false);
      // The group leader has exited; its children follow: wait until none is left.
      await expect.poll(leftovers).toEqual([]);
      expect(await portFree(ports.api)).toBe(true);
      expect(await portFree(ports.site)).toBe(true);
      expect(await portFree(ports.oidc)).toBe(true);

      run = await startDev();
      // Second start reuses the cluster (no new initdb) and the data is there.
      const res = await fetch(`http://127.0.0.1:${ports.api}/t/liancourt/api/territory/profile`);
      expect(((await res.json()) as { phone: string }).phone).toBe("03 44 73 00 00");
      expect(run.output()).not.toContain("initdb");
      await interrupt(run);
      // The group leader has exited; its children follow: wait until none is left.
      await expect.poll(leftovers).toEqual([]);
    },
    FAIL_SAFE.platformTestMs,
  );
});
