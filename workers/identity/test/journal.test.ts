/** The audit journal: written with each change, append-only, hash-chained, verified. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { verifyChain, type Tenant, type Db } from "@communa/core";
import { adminQuery, createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import { auditJournal } from "@communa/db";

const e = env as unknown as { DATABASE_URL: string; NEON_WS_PROXY: string; TEST_ADMIN_DATABASE_URL: string };

const use = <T>(fn: (db: Db) => Promise<T>) => withDb(e, fn);

const record = (t: Tenant, action: string, summary: Record<string, unknown> = {}) =>
  use((db) => db.write(testContext(t), (_tx, journal) => journal({ action, target: `test/${action}`, summary })));

const verify = (t: Tenant) => use((db) => db.withTenant(t.id, (tx) => verifyChain(tx)));

describe("audit journal", () => {
  it("chains entries per tenant and verifies them", async () => {
    const t = await createTestTenant(e);
    for (const a of ["un", "deux", "trois"]) await record(t, a);
    const rows = await use((db) => db.withTenant(t.id, (tx) => tx.select().from(auditJournal).orderBy(auditJournal.seq)));
    expect(rows.map((r) => [r.seq, r.action])).toEqual([
      [1, "un"],
      [2, "deux"],
      [3, "trois"],
    ]);
    expect(rows[1].prevHash).toEqual(rows[0].hash);
    expect(await verify(t)).toMatchObject({ ok: true, checked: 3, firstBroken: null });
  });

  it("records the actor and request, and masks secrets in the summary", async () => {
    const t = await createTestTenant(e);
    const ctx = testContext(t, person("territory:write"));
    await use((db) => db.write(ctx, (_tx, journal) => journal({ action: "x", target: "y", summary: { phone: "0344", password: "hunter2", apiKey: "k" } })));
    const [row] = await adminQuery<{ actor_kind: string; actor_id: string; request_id: string; summary: Record<string, string> }>(
      e,
      "SELECT actor_kind, actor_id, request_id, summary FROM audit_journal WHERE tenant_id = $1",
      [t.id],
    );
    expect(row).toMatchObject({ actor_kind: "person", actor_id: ctx.actor.kind === "person" ? ctx.actor.id : "", request_id: ctx.requestId });
    expect(row.summary).toEqual({ phone: "0344", password: "[masqué]", apiKey: "[masqué]" });
  });

  it("concurrent writers never fork the chain", async () => {
    const t = await createTestTenant(e);
    await Promise.all(Array.from({ length: 8 }, (_, i) => record(t, `parallèle-${i}`)));
    const report = await verify(t);
    expect(report).toMatchObject({ ok: true, checked: 8, firstBroken: null });
  });

  it("is append-only for the application", async () => {
    const t = await createTestTenant(e);
    await record(t, "à-garder");
    for (const stmt of [sql`UPDATE audit_journal SET action = 'falsifié'`, sql`DELETE FROM audit_journal`]) {
      await expect(
        use((db) =>
          db.write(testContext(t), async (tx, journal) => {
            await journal({ action: "tentative", target: "audit_journal" });
            await tx.execute(stmt);
          }),
        ),
      ).rejects.toMatchObject({ kind: "forbidden" });
    }
    expect(await verify(t)).toMatchObject({ ok: true, checked: 1 });
  });

  it("names the first row changed by hand", async () => {
    const t = await createTestTenant(e);
    for (const a of ["a", "b", "c", "d"]) await record(t, a, { valeur: a });
    // Someone with SQL access edits entry 2 (as the owner: the application cannot).
    await adminQuery(e, `UPDATE audit_journal SET summary = '{"valeur":"z"}' WHERE tenant_id = $1 AND seq = 2`, [t.id]);
    const report = await verify(t);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ seq: 2, reason: "hash" });
    expect(report.checked).toBe(1);
  });

  it("notices a deleted entry and a rewritten chain", async () => {
    const t = await createTestTenant(e);
    for (const a of ["a", "b", "c"]) await record(t, a);
    await adminQuery(e, "DELETE FROM audit_journal WHERE tenant_id = $1 AND seq = 2", [t.id]);
    expect((await verify(t)).firstBroken).toMatchObject({ seq: 3, reason: "gap" });

    const u = await createTestTenant(e);
    for (const a of ["a", "b"]) await record(u, a);
    await adminQuery(e, "UPDATE audit_journal SET prev_hash = decode(repeat('11', 32), 'hex') WHERE tenant_id = $1 AND seq = 2", [u.id]);
    expect((await verify(u)).firstBroken).toMatchObject({ seq: 2, reason: "link" });
  });

  it("a tenant sees only its own journal", async () => {
    const a = await createTestTenant(e);
    const b = await createTestTenant(e);
    await record(a, "secret-de-a");
    const seenByB = await use((db) => db.withTenant(b.id, (tx) => tx.select().from(auditJournal)));
    expect(seenByB).toEqual([]);
  });
});
