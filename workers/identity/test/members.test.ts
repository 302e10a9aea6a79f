/** Roles are held per tenant: what a person may do in one commune says nothing of another. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { permissionsOf, type Db, type Tenant } from "@communa/core";
import { adminQuery, createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import { people } from "@communa/db";
import { actorForPerson, listMembers, setRoles } from "../src/services/members.ts";

const e = env as unknown as { DATABASE_URL: string; NEON_WS_PROXY: string; TEST_ADMIN_DATABASE_URL: string };
const use = <T>(fn: (db: Db) => Promise<T>) => withDb(e, fn);
const admin = () => person(...permissionsOf(["admin"]));

async function newPerson(name: string): Promise<string> {
  const [row] = await adminQuery<{ id: string }>(e, "INSERT INTO people (id, display_name) VALUES (gen_random_uuid(), $1) RETURNING id", [name]);
  return row.id;
}

const perms = (t: Tenant, id: string) => use((db) => actorForPerson({ db, tenant: t, personId: id })).then((a) => (a.kind === "person" ? a.permissions : []));

describe("memberships", () => {
  it("a role in commune A grants nothing in commune B, nor in their EPCI", async () => {
    const epci = await createTestTenant(e, { kind: "epci" });
    const a = await createTestTenant(e, { parent: epci });
    const b = await createTestTenant(e, { parent: epci });
    const id = await newPerson("Camille Agent");
    await use((db) => setRoles({ db, ctx: testContext(a, admin()), personId: id, roles: ["admin"] }));
    expect(await perms(a, id)).toContain("identity:admin");
    expect(await perms(b, id)).toEqual([]);
    expect(await perms(epci, id)).toEqual([]);
  });

  it("one person holds different roles in the EPCI and in a commune", async () => {
    const epci = await createTestTenant(e, { kind: "epci" });
    const commune = await createTestTenant(e, { parent: epci });
    const id = await newPerson("Dominique Élue");
    await use((db) => setRoles({ db, ctx: testContext(epci, admin()), personId: id, roles: ["agent:waste"] }));
    await use((db) => setRoles({ db, ctx: testContext(commune, admin()), personId: id, roles: ["councillor", "council_president"] }));
    expect(await perms(epci, id)).toEqual(["identity:people", "waste:read", "waste:write"]);
    expect(await perms(commune, id)).toEqual(["council:preside", "council:read", "council:vote"]);
  });

  it("a tenant sees only its own members, and people only while they are members", async () => {
    const a = await createTestTenant(e);
    const b = await createTestTenant(e);
    const id = await newPerson("Sacha Secrétaire");
    await use((db) => setRoles({ db, ctx: testContext(a, admin()), personId: id, roles: ["agent:hr"] }));
    expect((await use((db) => listMembers({ db, tenant: a }))).map((m) => m.id)).toEqual([id]);
    expect(await use((db) => listMembers({ db, tenant: b }))).toEqual([]);
    expect(await use((db) => db.withTenant(b.id, (tx) => tx.select().from(people)))).toEqual([]);
    // Roles removed: the person disappears from the tenant's view.
    await use((db) => setRoles({ db, ctx: testContext(a, admin()), personId: id, roles: [] }));
    expect(await use((db) => db.withTenant(a.id, (tx) => tx.select().from(people)))).toEqual([]);
  });

  it("nobody grants a role that carries more than they hold; changes are journalled", async () => {
    const t = await createTestTenant(e);
    const id = await newPerson("Alex");
    await expect(
      use((db) => setRoles({ db, ctx: testContext(t, person("identity:admin", "waste:read", "waste:write")), personId: id, roles: ["admin"] })),
    ).rejects.toMatchObject({ kind: "forbidden" });
    await use((db) => setRoles({ db, ctx: testContext(t, admin()), personId: id, roles: ["resident"] }));
    const rows = await adminQuery<{ action: string; summary: unknown }>(e, "SELECT action, summary FROM audit_journal WHERE tenant_id = $1", [t.id]);
    expect(rows).toEqual([{ action: "identity.member.roles", summary: { before: [], after: ["resident"] } }]);
  });

  it("an unknown person is a 400-class error, not a 500", async () => {
    const t = await createTestTenant(e);
    await expect(
      use((db) => setRoles({ db, ctx: testContext(t, admin()), personId: "00000000-0000-7000-8000-000000000000", roles: ["resident"] })),
    ).rejects.toMatchObject({ kind: "invalid" });
  });
});
