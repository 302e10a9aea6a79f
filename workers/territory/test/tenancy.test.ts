/**
 * Tenancy enforced by the database: the application role sees and writes only what the current
 * tenant may, even when a query forgets its tenant filter.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestTenant, adminQuery, testContext, withDb } from "@communa/core/testing";
import type { Db, Tenant, WriteTx } from "@communa/core";
import { tenantProfiles, competenceTransfers } from "@communa/db";

const testEnv = env as unknown as Cloudflare.Env & { TEST_ADMIN_DATABASE_URL: string; DATABASE_URL: string; NEON_WS_PROXY: string };

const use = <T>(fn: (db: Db) => Promise<T>) => withDb(testEnv, fn);

/** Writes as `tenant` (a write always carries its journal entry). */
function writeAs<T>(tenant: Tenant, fn: (tx: WriteTx) => Promise<T>): Promise<T> {
  return use((db) =>
    db.write(testContext(tenant), async (tx, journal) => {
      await journal({ action: "test.write", target: "test" });
      return fn(tx);
    }),
  );
}

describe("row-level security", () => {
  it("a query without a tenant filter sees nothing of another tenant", async () => {
    const a = await createTestTenant(testEnv);
    const b = await createTestTenant(testEnv);
    await writeAs(a, (tx) => tx.insert(tenantProfiles).values({ tenantId: a.id, phone: "0344000001" }));
    await writeAs(b, (tx) => tx.insert(tenantProfiles).values({ tenantId: b.id, phone: "0344000002" }));

    // No WHERE clause at all: RLS alone decides.
    const seenByA = await use((db) => db.withTenant(a.id, (tx) => tx.select().from(tenantProfiles)));
    expect(seenByA.map((r) => r.tenantId)).toContain(a.id);
    expect(seenByA.map((r) => r.tenantId)).not.toContain(b.id);

    // The owner sees both rows: they exist, RLS hid them.
    const all = await adminQuery(testEnv, "SELECT tenant_id FROM tenant_profiles WHERE tenant_id = ANY($1)", [[a.id, b.id]]);
    expect(all).toHaveLength(2);
  });

  it("without a tenant set, tenant-owned tables are empty to the application", async () => {
    const a = await createTestTenant(testEnv);
    await writeAs(a, (tx) => tx.insert(tenantProfiles).values({ tenantId: a.id }));
    const rows = await use((db) => db.reference((tx) => tx.select().from(tenantProfiles)));
    expect(rows).toEqual([]);
  });

  it("writing into another tenant fails and stores nothing", async () => {
    const a = await createTestTenant(testEnv);
    const b = await createTestTenant(testEnv);
    await expect(writeAs(a, (tx) => tx.insert(tenantProfiles).values({ tenantId: b.id, phone: "0000000000" }))).rejects.toMatchObject({ kind: "forbidden" });
    const rows = await adminQuery(testEnv, "SELECT 1 FROM tenant_profiles WHERE tenant_id = $1", [b.id]);
    expect(rows).toHaveLength(0);
  });

  it("cannot update or delete another tenant's rows", async () => {
    const a = await createTestTenant(testEnv);
    const b = await createTestTenant(testEnv);
    await writeAs(b, (tx) => tx.insert(tenantProfiles).values({ tenantId: b.id, phone: "0344000002" }));
    const updated = await use((db) =>
      db.write(testContext(a), async (tx, journal) => {
        await journal({ action: "test.update", target: "tenant_profiles" });
        return tx.update(tenantProfiles).set({ phone: "pirate" }).returning();
      }),
    );
    expect(updated).toEqual([]);
    const deleted = await writeAs(a, (tx) => tx.delete(tenantProfiles).returning());
    expect(deleted.filter((r) => r.tenantId === b.id)).toEqual([]);
    const [row] = await adminQuery<{ phone: string }>(testEnv, "SELECT phone FROM tenant_profiles WHERE tenant_id = $1", [b.id]);
    expect(row.phone).toBe("0344000002");
  });

  it("shared data: a commune reads its EPCI's rows, the EPCI its members', strangers nothing", async () => {
    const epci = await createTestTenant(testEnv, { kind: "epci" });
    const member = await createTestTenant(testEnv, { parent: epci });
    const stranger = await createTestTenant(testEnv);
    await writeAs(epci, (tx) => tx.insert(competenceTransfers).values({ tenantId: epci.id, competenceCode: "dechets" }));
    await writeAs(member, (tx) => tx.insert(tenantProfiles).values({ tenantId: member.id, phone: "0344111111" }));

    const memberSees = await use((db) => db.withTenant(member.id, (tx) => tx.select().from(competenceTransfers)));
    expect(memberSees.map((r) => r.tenantId)).toEqual([epci.id]);
    const epciSees = await use((db) => db.withTenant(epci.id, (tx) => tx.select().from(tenantProfiles)));
    expect(epciSees.map((r) => r.tenantId)).toEqual([member.id]);
    const strangerSees = await use((db) => db.withTenant(stranger.id, (tx) => tx.select().from(competenceTransfers)));
    expect(strangerSees).toEqual([]);

    // Reading is shared, writing is not: a member cannot write its EPCI's rows.
    await expect(writeAs(member, (tx) => tx.insert(competenceTransfers).values({ tenantId: epci.id, competenceCode: "eau" }))).rejects.toMatchObject({
      kind: "forbidden",
    });
  });

  it("the application role cannot bypass RLS nor write the tenant registry", async () => {
    const [role] = await use((db) => db.reference((tx) => tx.execute(sql`SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user`))).then(
      (r) => r.rows as Array<{ rolbypassrls: boolean; rolsuper: boolean }>,
    );
    expect(role).toEqual({ rolbypassrls: false, rolsuper: false });
    const t = await createTestTenant(testEnv);
    await expect(writeAs(t, (tx) => tx.execute(sql`UPDATE tenants SET name = 'x'`))).rejects.toMatchObject({ kind: "forbidden" });
  });

  it("reads are read-only transactions; a write without its journal entry is refused", async () => {
    const t = await createTestTenant(testEnv);
    await expect(use((db) => db.withTenant(t.id, (tx) => tx.insert(tenantProfiles).values({ tenantId: t.id })))).rejects.toThrow();
    await expect(use((db) => db.write(testContext(t), (tx) => tx.insert(tenantProfiles).values({ tenantId: t.id })))).rejects.toThrow(/journal/);
    expect(await adminQuery(testEnv, "SELECT 1 FROM tenant_profiles WHERE tenant_id = $1", [t.id])).toHaveLength(0);
  });

  it("every tenant-owned table forces RLS", async () => {
    const rows = await adminQuery<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      testEnv,
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public' WHERE c.relkind = 'r'`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) expect(r, r.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
  });
});

describe("a write Postgres aborts as a deadlock victim", () => {
  // Postgres itself raises the deadlock (SQLSTATE 40P01) inside the transaction, as it does for
  // the victim of a real one: what reaches core is the driver's error, unchanged.
  const deadlock = (tx: WriteTx) => tx.execute(sql`DO $$ BEGIN RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01'; END $$`);

  it("runs again from the start, and only the run that commits is stored", async () => {
    const a = await createTestTenant(testEnv);
    let runs = 0;
    const phone = await use((db) =>
      db.write(testContext(a), async (tx, journal) => {
        runs++;
        await tx.insert(tenantProfiles).values({ tenantId: a.id, phone: `034400000${runs}` });
        await journal({ action: "test.deadlock", target: `run/${runs}` });
        if (runs === 1) await deadlock(tx);
        return `034400000${runs}`;
      }),
    );
    expect(runs).toBe(2);
    expect(phone).toBe("0344000002");
    expect(await adminQuery(testEnv, "SELECT phone FROM tenant_profiles WHERE tenant_id = $1", [a.id])).toEqual([{ phone: "0344000002" }]);
    expect(await adminQuery(testEnv, "SELECT target FROM audit_journal WHERE tenant_id = $1 AND action = 'test.deadlock'", [a.id])).toEqual([
      { target: "run/2" },
    ]);
  });

  it("gives up after three runs with a 503 to retry later, never a 500, and stores nothing", async () => {
    const a = await createTestTenant(testEnv);
    let runs = 0;
    await expect(
      use((db) =>
        db.write(testContext(a), async (tx, journal) => {
          runs++;
          await tx.insert(tenantProfiles).values({ tenantId: a.id, phone: "0344000009" });
          await journal({ action: "test.deadlock", target: "always" });
          await deadlock(tx);
        }),
      ),
    ).rejects.toMatchObject({ kind: "unavailable" });
    expect(runs).toBe(3);
    expect(await adminQuery(testEnv, "SELECT 1 FROM tenant_profiles WHERE tenant_id = $1", [a.id])).toEqual([]);
  });
});
