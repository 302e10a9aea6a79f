/**
 * Closed sittings' minutes reach the archive (the real archive Worker beside this one, over the
 * ARCHIVE service binding, with the same Postgres): one sealed unit, PDF/A + JSON, kept for good
 * (APP-DELIB, final action Keep); closing twice or retrying deposits once; a refused deposit is
 * recorded where the secretariat sees it, and the cron delivers it once the cause is gone.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { openDb, type Tenant } from "@communa/core";
import { adminQuery, createTestTenant, person, testContext } from "@communa/core/testing";
import type { CouncilBindings } from "../env.ts";
import type { Minutes } from "../live/minutes-data.ts";
import { recordSitting } from "../live/record.ts";
import { getSitting } from "../services/sittings.ts";
import { messageIdentifierOf, minutesRules, transferMinutes } from "./archive.ts";

const e = env as unknown as CouncilBindings & { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };

async function closedSitting(tenant: Tenant) {
  const q = <T = { id: string }>(sql: string, params: unknown[]) =>
    adminQuery<T>(e, `WITH s AS (SELECT set_config('app.tenant_id', '${tenant.id}', true)) ${sql}`, params);
  const [council] = await q(
    "INSERT INTO council_councils (id, tenant_id, name, kind) SELECT gen_random_uuid(), $1, 'Conseil communautaire', 'community' FROM s RETURNING id",
    [tenant.id],
  );
  const [sitting] = await q(
    "INSERT INTO council_sittings (id, tenant_id, council_id, title, starts_at, status) SELECT gen_random_uuid(), $1, $2, 'Séance du conseil', now(), 'live' FROM s RETURNING id",
    [tenant.id, council.id],
  );
  const openedAt = new Date(Date.now() - 3_600_000).toISOString();
  const minutes: Minutes = {
    version: 1,
    sittingId: sitting.id,
    tenantId: tenant.id,
    title: `Séance « ordinaire » ${crypto.randomUUID().slice(0, 8)}`,
    openedAt,
    closedAt: new Date().toISOString(),
    teleconference: false,
    rooms: [{ id: "r1", name: "Salle du conseil" }],
    members: [{ id: "m1", name: "Hélène Bœuf", status: "present", representedBy: null }],
    attendance: [],
    proxies: [],
    quorum: [{ at: openedAt, present: 1, reached: true }],
    items: [],
  };
  return minutes;
}

const transfer = (sittingId: string) =>
  adminQuery<{ status: string; attempts: number; last_error: string | null; deposit_reference: string | null; unit_reference: string | null }>(
    e,
    "SELECT status, attempts, last_error, deposit_reference, unit_reference FROM council_minutes_transfers WHERE sitting_id = $1",
    [sittingId],
  );
const deposits = (tenantId: string, sittingId: string) =>
  adminQuery<{ id: string; reference: string; status: string; source: string }>(
    e,
    "SELECT id, reference, status, source FROM archive_deposits WHERE tenant_id = $1 AND message_identifier = $2",
    [tenantId, messageIdentifierOf(sittingId)],
  );

describe("minutes to the archive", () => {
  it("closing deposits one sealed unit (PDF/A + JSON) kept for good; closing again or retrying deposits nothing more", async () => {
    const tenant = await createTestTenant(e);
    const minutes = await closedSitting(tenant);
    await recordSitting(e, minutes, "");
    const [t] = await transfer(minutes.sittingId);
    expect(t).toMatchObject({ status: "deposited", attempts: 1, last_error: null });
    const [d] = await deposits(tenant.id, minutes.sittingId);
    expect(d).toMatchObject({ status: "accepted", source: "service", reference: t.deposit_reference });
    const units = await adminQuery<{ reference: string; appraisal_rule: string; final_action: string; access_rule: string; status: string; title: string }>(
      e,
      "SELECT reference, appraisal_rule, final_action, access_rule, status, title FROM archive_units WHERE deposit_id = $1",
      [d.id],
    );
    expect(units).toEqual([
      {
        reference: t.unit_reference,
        appraisal_rule: "APP-DELIB",
        final_action: "Keep",
        access_rule: "ACC-00",
        status: "sealed",
        title: `Procès-verbal de séance — ${minutes.title}`,
      },
    ]);
    const [sitting] = await adminQuery<{ minutes_sha256: string }>(e, "SELECT minutes_sha256 FROM council_sittings WHERE id = $1", [minutes.sittingId]);
    const objects = await adminQuery<{ file_name: string; sha256: string; mime_type: string | null }>(
      e,
      "SELECT o.file_name, o.sha256, o.mime_type FROM archive_objects o JOIN archive_units u ON u.id = o.unit_id WHERE u.deposit_id = $1 ORDER BY o.file_name",
      [d.id],
    );
    expect(objects.map((o) => o.file_name)).toEqual([`proces-verbal-${minutes.sittingId}.json`, `proces-verbal-${minutes.sittingId}.pdf`]);
    expect(objects[1].sha256).toBe(sitting.minutes_sha256);
    const sealed = await adminQuery(e, "SELECT seq FROM archive_journal WHERE tenant_id = $1 AND action = 'archive.deposit.accept' AND target = $2", [
      tenant.id,
      `archive_deposits/${d.id}`,
    ]);
    expect(sealed).toHaveLength(1);

    // Closing twice (the room's alarm retried), a direct retry, and two at once: still one deposit.
    await recordSitting(e, minutes, "");
    const db = openDb(e);
    try {
      await Promise.all([transferMinutes(e, db, tenant.id, minutes.sittingId), transferMinutes(e, db, tenant.id, minutes.sittingId)]);
    } finally {
      await db.close();
    }
    expect(await deposits(tenant.id, minutes.sittingId)).toHaveLength(1);
    expect((await transfer(minutes.sittingId))[0]).toMatchObject({ status: "deposited", attempts: 1 });
  });

  it("a refused deposit is kept for the next try and shown to the secretariat; the cron delivers it later", async () => {
    const tenant = await createTestTenant(e);
    // The archive refuses: the tenant's rule table has no APP-DELIB (as before its rules were seeded).
    await adminQuery(
      e,
      `WITH s AS (SELECT set_config('app.tenant_id', '${tenant.id}', true)) DELETE FROM archive_rules WHERE tenant_id = $1 AND code = 'APP-DELIB' AND (SELECT true FROM s)`,
      [tenant.id],
    );
    const minutes = await closedSitting(tenant);
    await recordSitting(e, minutes, "");
    const [t] = await transfer(minutes.sittingId);
    expect(t).toMatchObject({ status: "pending", attempts: 1 });
    expect(t.last_error).toMatch(/APP-DELIB/);
    expect(await deposits(tenant.id, minutes.sittingId)).toHaveLength(0);
    const db = openDb(e);
    try {
      const seen = await getSitting({
        db,
        ctx: testContext(tenant, person("council:write")),
        sittingId: minutes.sittingId,
        withVisio: true,
        withArchive: true,
      });
      expect(seen.archive).toMatchObject({ status: "pending", attempts: 1, messageIdentifier: `PV-${minutes.sittingId}`, depositReference: null });
      expect(seen.archive?.lastError).toMatch(/APP-DELIB/);
      expect(new Date(seen.archive!.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now());
    } finally {
      await db.close();
    }

    // The rule is back; the cron's pass at a time past the delay delivers it.
    await adminQuery(e, "SELECT app.archive_seed_rules($1)", [tenant.id]);
    await (exports.default as unknown as { scheduled(o: { cron: string; scheduledTime: number }): Promise<unknown> }).scheduled({
      cron: "*/10 * * * *",
      scheduledTime: Date.now() + 3_600_000,
    });
    expect((await transfer(minutes.sittingId))[0]).toMatchObject({ status: "deposited", attempts: 2, last_error: null });
    expect(await deposits(tenant.id, minutes.sittingId)).toHaveLength(1);
  });

  it("the retention rule is a dated parameter: the one in force at the sitting's date", () => {
    expect(minutesRules("2026-11-30")).toMatchObject({ appraisalRule: "APP-DELIB", accessRule: "ACC-00" });
    expect(minutesRules("2026-11-30").source).toMatch(/DAF\/DPACI\/RES\/2009\/018/);
  });
});
