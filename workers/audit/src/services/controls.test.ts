/**
 * The platform's evidence is the archive Worker's own answer (the real Worker beside this one, over
 * the ARCHIVE binding, same Postgres): nothing recorded says « unknown », a clean audit is green, a
 * failed one red — and the controls no record backs are never green.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Tenant } from "@communa/core";
import { adminQuery, createTestTenant, type TestEnv } from "@communa/core/testing";
import type { AuditBindings } from "../env.ts";
import { platformControls } from "./controls.ts";

const e = env as unknown as AuditBindings & TestEnv;

async function recordAudit(tenant: Tenant, finishedAt: string, failed: number, chainOk: boolean) {
  await adminQuery(
    e,
    `WITH s AS (SELECT set_config('app.tenant_id', '${tenant.id}', true))
     INSERT INTO archive_audits (id, tenant_id, kind, started_at, finished_at, objects_checked, objects_failed, chain_ok, report)
     SELECT gen_random_uuid(), $1, 'scheduled', $2::timestamptz - interval '1 minute', $2::timestamptz, 12, $3, $4, '{}'::jsonb FROM s`,
    [tenant.id, finishedAt, failed, chainOk],
  );
}

const archiveOf = async (t: Tenant) => (await platformControls(e, t)).find((c) => c.id === "archive-integrity")!;

describe("platform controls as evidence", () => {
  it("the archive integrity control follows the newest audit of the whole fonds", async () => {
    const t = await createTestTenant(e);
    expect(await archiveOf(t)).toMatchObject({ status: "unknown", at: null });
    await recordAudit(t, "2086-05-01T06:00:00Z", 0, true);
    const ok = await archiveOf(t);
    expect(ok).toMatchObject({ status: "ok", at: "2086-05-01T06:00:00.000Z", theme: "IX" });
    expect(ok.evidence).toContain("12 objet(s) relu(s), 0 en échec");
    await recordAudit(t, "2086-05-02T06:00:00Z", 2, true);
    expect(await archiveOf(t)).toMatchObject({ status: "failed", at: "2086-05-02T06:00:00.000Z" });
    // Another tenant's audits are not this one's evidence.
    expect(await archiveOf(await createTestTenant(e))).toMatchObject({ status: "unknown" });
  });

  it("a control with no readable record is unknown, never green", async () => {
    const t = await createTestTenant(e);
    const controls = await platformControls(e, t);
    expect(controls.find((c) => c.id === "dependency-audit")!.status).toBe("unknown");
    expect(controls.find((c) => c.id === "restore-drill")!.status).toBe("unknown");
    const noArchive = await platformControls({ ...e, ARCHIVE: undefined }, t);
    expect(noArchive.find((c) => c.id === "archive-integrity")).toMatchObject({ status: "unknown" });
    expect(controls.find((c) => c.id === "personal-data-inventory")).toMatchObject({ status: "info", measure: 4 });
  });
});
