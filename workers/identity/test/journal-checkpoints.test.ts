/**
 * The platform audit journal held to signed checkpoints (ADR 0020), through the verification
 * route: its tail cut (T7), its history rewritten and the chain recomputed with the database's own
 * function (T8), the checkpoint rows deleted with the tail (the R2 anchor still knows), a forged
 * checkpoint. Raw changes are made as the database owner with triggers off
 * (`session_replication_role = replica`), as a DBA or a compromised owner could.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CONTEXT_KEY, type Db, type Tenant } from "@communa/core";
import { adminQuery, createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import { app } from "../src/app.ts";
import type { IdentityBindings } from "../src/env.ts";
import { checkpointIfDue } from "../src/services/journal.ts";

const e = env as unknown as IdentityBindings & { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const use = <T>(fn: (db: Db) => Promise<T>) => withDb(e, fn);
type Report = { ok: boolean; checked: number; firstBroken: { seq: number; id: string | null; reason: string } | null; checkpoint?: { seq: number } | null };

const record = (t: Tenant, action: string) =>
  use((db) => db.write(testContext(t), (_tx, journal) => journal({ action, target: `test/${action}`, summary: { action } })));

/** GET /journal/verify as an auditor of the tenant (the route the gateway serves). */
async function verify(t: Tenant): Promise<Report> {
  const pending: Promise<unknown>[] = [];
  const ctx = { waitUntil: (p: Promise<unknown>) => pending.push(p), passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext;
  const res = await app.fetch(new Request("http://identity/journal/verify"), { ...e, [CONTEXT_KEY]: testContext(t, person("audit:read")) }, ctx);
  await Promise.all(pending);
  expect(res.status).toBe(200);
  return (await res.json()) as Report;
}

const asOwner = (statements: string) => adminQuery(e, `DO $$ BEGIN PERFORM set_config('session_replication_role', 'replica', true); ${statements} END $$`);
const lastSeq = async (t: Tenant) => Number((await adminQuery<{ n: string }>(e, "SELECT max(seq) AS n FROM audit_journal WHERE tenant_id = $1", [t.id]))[0].n);

describe("audit journal held to signed checkpoints", () => {
  it("finds its last entries deleted (T7)", async () => {
    const t = await createTestTenant(e);
    for (const a of ["un", "deux", "trois", "quatre"]) await record(t, a);
    expect(await verify(t)).toMatchObject({ ok: true, firstBroken: null });
    for (const a of ["cinq", "six"]) await record(t, a);
    const top = await lastSeq(t);
    await asOwner(`DELETE FROM audit_journal WHERE tenant_id = '${t.id}' AND seq > ${top - 3};`);
    const report = await verify(t);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ reason: "truncated" });
  });

  it("finds a rewritten entry whose chain was recomputed with app.audit_canonical (T8)", async () => {
    const t = await createTestTenant(e);
    for (const a of ["a", "b", "c", "d"]) await record(t, a);
    const made = await verify(t);
    expect(made).toMatchObject({ ok: true });
    await asOwner(`
      UPDATE audit_journal SET actor_id = 'forged-actor' WHERE tenant_id = '${t.id}' AND seq = 2;
      DECLARE r record; prev bytea;
      BEGIN
        FOR r IN SELECT id, seq FROM audit_journal WHERE tenant_id = '${t.id}' AND seq >= 2 ORDER BY seq LOOP
          SELECT hash INTO prev FROM audit_journal WHERE tenant_id = '${t.id}' AND seq = r.seq - 1;
          UPDATE audit_journal j SET prev_hash = prev, hash = sha256(convert_to(app.audit_canonical(j), 'UTF8') || prev) WHERE j.id = r.id;
        END LOOP;
      END;`);
    // The rewrite is consistent as a chain…
    const [forged] = await adminQuery<{ actor_id: string }>(e, "SELECT actor_id FROM audit_journal WHERE tenant_id = $1 AND seq = 2", [t.id]);
    expect(forged.actor_id).toBe("forged-actor");
    // …but the entry at the checkpoint's seq is not the one that was signed.
    const report = await verify(t);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ seq: made.checkpoint!.seq, reason: "checkpoint" });
  });

  it("still finds the cut when the checkpoint rows were deleted too: the R2 anchor is read", async () => {
    const t = await createTestTenant(e);
    for (const a of ["a", "b", "c"]) await record(t, a);
    const made = await verify(t);
    expect(made.checkpoint?.seq).toBe(4);
    await asOwner(`DELETE FROM audit_checkpoints WHERE tenant_id = '${t.id}'; DELETE FROM audit_journal WHERE tenant_id = '${t.id}' AND seq >= 3;`);
    expect(await verify(t)).toMatchObject({ ok: false, firstBroken: { seq: 3, id: null, reason: "truncated" } });
  });

  it("refuses a checkpoint it did not sign", async () => {
    const t = await createTestTenant(e);
    for (const a of ["a", "b"]) await record(t, a);
    await adminQuery(
      e,
      "INSERT INTO audit_checkpoints (id, tenant_id, seq, hash, at, key_id, signature, reason, anchor_key) VALUES (gen_random_uuid(), $1, 1, $2, now(), 'k', 'c2lnbmF0dXJl', 'verify', 'x')",
      [t.id, "0".repeat(64)],
    );
    expect(await verify(t)).toMatchObject({ ok: false, firstBroken: { seq: 1, reason: "checkpoint-signature" } });
    // And the application cannot change or remove a checkpoint.
    await expect(adminQuery(e, "DELETE FROM audit_checkpoints WHERE tenant_id = $1", [t.id])).rejects.toThrow(/Point de contrôle/);
  });

  it("the cron checkpoints a tenant whose chain moved, then nothing more until it moves again", async () => {
    const t = await createTestTenant(e);
    for (const a of ["a", "b"]) await record(t, a);
    expect(await use((db) => checkpointIfDue(db, e, t, "daily"))).toBe("made");
    const rows = await adminQuery<{ seq: string; reason: string }>(e, "SELECT seq, reason FROM audit_checkpoints WHERE tenant_id = $1", [t.id]);
    expect(rows).toEqual([{ seq: "3", reason: "daily" }]);
    expect(await use((db) => checkpointIfDue(db, e, t, "entries"))).toBe("none");
    expect(await use((db) => checkpointIfDue(db, e, t, "daily"))).toBe("none");
    expect(await adminQuery(e, "SELECT seq FROM audit_checkpoints WHERE tenant_id = $1", [t.id])).toHaveLength(1);
    expect(await verify(t)).toMatchObject({ ok: true, checkpoint: { seq: 3 } });
  });
});
