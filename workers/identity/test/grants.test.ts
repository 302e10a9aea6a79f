/**
 * Roles another domain asks identity for (ADR 0025): the directory's door grants the merchant role
 * on a granted claim, once, journalled with the claim; it cannot hand out a role beyond its ceiling.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AppError, type Db } from "@communa/core";
import { adminQuery, createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import { actorForPerson } from "../src/services/members.ts";
import { grantRoleFor } from "../src/services/grants.ts";

const e = env as unknown as { DATABASE_URL: string; NEON_WS_PROXY: string; TEST_ADMIN_DATABASE_URL: string };
const use = <T>(fn: (db: Db) => Promise<T>) => withDb(e, fn);

async function newPerson(name: string): Promise<string> {
  const [row] = await adminQuery<{ id: string }>(e, "INSERT INTO people (id, display_name) VALUES (gen_random_uuid(), $1) RETURNING id", [name]);
  return row.id;
}

describe("roles granted by another domain", () => {
  it("the directory grants merchant once, journalled with its reason; the person then holds directory:own", async () => {
    const t = await createTestTenant(e);
    const id = await newPerson("Alix Boulangère");
    const ctx = testContext(t, person());
    const grant = { personId: id, role: "merchant", reason: "claim:0194f0c4-0000-7000-8000-000000000001" };
    expect(await use((db) => grantRoleFor({ db, ctx, grantor: "directory", grant }))).toEqual({ personId: id, role: "merchant", granted: true });
    expect(await use((db) => grantRoleFor({ db, ctx, grantor: "directory", grant }))).toEqual({ personId: id, role: "merchant", granted: false });
    const actor = await use((db) => actorForPerson({ db, tenant: t, personId: id }));
    expect(actor.permissions).toEqual(["directory:own"]);
    const rows = await adminQuery<{ granted_by: string }>(e, "SELECT granted_by FROM memberships WHERE tenant_id = $1 AND person_id = $2", [t.id, id]);
    expect(rows).toEqual([{ granted_by: grant.reason }]);
    const journal = await adminQuery<{ action: string }>(e, "SELECT action FROM audit_journal WHERE tenant_id = $1 AND target = $2", [t.id, `people/${id}`]);
    expect(journal.map((j) => j.action)).toEqual(["identity.member.grant", "identity.member.grant"]);
  });

  it("nobody grants more than they hold: the directory's door refuses admin (403) and unknown roles (400)", async () => {
    const t = await createTestTenant(e);
    const id = await newPerson("Eden Intrus");
    const ctx = testContext(t, person());
    const refused = (role: string) =>
      use((db) => grantRoleFor({ db, ctx, grantor: "directory", grant: { personId: id, role, reason: "claim:x" } })).then(
        () => null,
        (err: unknown) => err,
      );
    const admin = await refused("admin");
    expect(admin).toBeInstanceOf(AppError);
    expect((admin as AppError).status).toBe(403);
    expect((admin as AppError).message).toContain("« admin »");
    expect(((await refused("superuser")) as AppError).status).toBe(400);
    expect(await adminQuery(e, "SELECT 1 FROM memberships WHERE person_id = $1", [id])).toEqual([]);
  });
});
