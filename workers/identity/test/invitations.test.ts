/** Inviting someone by e-mail with one role (the admin pages): who is created, what is sent, what is refused. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { permissionsOf, type Db } from "@communa/core";
import { adminQuery, createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import { inviteMember, listMembers, setRoles } from "../src/services/members.ts";

const e = env as unknown as { DATABASE_URL: string; NEON_WS_PROXY: string; TEST_ADMIN_DATABASE_URL: string };
const use = <T>(fn: (db: Db) => Promise<T>) => withDb(e, fn);
const admin = () => person(...permissionsOf(["admin"]));
const address = () => `invite-${crypto.randomUUID()}@exemple.invalid`;

describe("inviting a member by e-mail", () => {
  it("creates someone unknown with the role asked (not resident), mails the sign-in page, journals it", async () => {
    const t = await createTestTenant(e);
    const email = address();
    const ctx = { ...testContext(t, admin()), siteUrl: `https://communa.example/${t.slug}` };
    const out = await use((db) => inviteMember({ db, ctx, email, displayName: "Inès Invitée", role: "agent:map" }));
    expect(out).toMatchObject({ roles: ["agent:map"], created: true });
    expect(await use((db) => listMembers({ db, tenant: t }))).toEqual([{ id: out.id, displayName: "Inès Invitée", roles: ["agent:map"] }]);
    const mails = await adminQuery<{ body: string }>(e, "SELECT body FROM outbox WHERE tenant_id = $1 AND recipient = $2", [t.id, email]);
    expect(mails).toHaveLength(1);
    expect(mails[0].body).toContain(`https://communa.example/${t.slug}/connexion/`);
    const journal = await adminQuery<{ action: string; summary: unknown }>(e, "SELECT action, summary FROM audit_journal WHERE tenant_id = $1", [t.id]);
    expect(journal).toEqual([{ action: "identity.member.invite", summary: { role: "agent:map", known: false } }]);
  });

  it("adds the role to a member already known here (by e-mail, case ignored), and refuses it twice", async () => {
    const t = await createTestTenant(e);
    const email = address();
    const first = await use((db) => inviteMember({ db, ctx: testContext(t, admin()), email, role: "resident" }));
    expect(first.roles).toEqual(["resident"]);
    const again = await use((db) => inviteMember({ db, ctx: testContext(t, admin()), email: email.toUpperCase(), role: "agent:waste" }));
    expect(again).toEqual({ id: first.id, roles: ["agent:waste", "resident"], created: false });
    await expect(use((db) => inviteMember({ db, ctx: testContext(t, admin()), email, role: "agent:waste" }))).rejects.toMatchObject({ kind: "conflict" });
  });

  it("nobody invites with a role that carries more than they hold; nothing is written then", async () => {
    const t = await createTestTenant(e);
    const email = address();
    await expect(
      use((db) => inviteMember({ db, ctx: testContext(t, person("identity:admin", "waste:read")), email, role: "agent:waste" })),
    ).rejects.toMatchObject({ kind: "forbidden" });
    expect(await adminQuery(e, "SELECT 1 FROM people WHERE email = $1", [email])).toEqual([]);
    expect(await adminQuery(e, "SELECT 1 FROM outbox WHERE recipient = $1", [email])).toEqual([]);
  });

  it("a withdrawn member invited again is found by e-mail only while a member: else created anew", async () => {
    const t = await createTestTenant(e);
    const email = address();
    const first = await use((db) => inviteMember({ db, ctx: testContext(t, admin()), email, role: "agent:hr" }));
    await use((db) => setRoles({ db, ctx: testContext(t, admin()), personId: first.id, roles: [] }));
    const second = await use((db) => inviteMember({ db, ctx: testContext(t, admin()), email, role: "agent:hr" }));
    expect(second.created).toBe(true);
    expect(second.roles).toEqual(["agent:hr"]);
  });
});
