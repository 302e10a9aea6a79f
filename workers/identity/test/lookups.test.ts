/**
 * What the council and waste Workers may learn of people (ADR 0025, amended): through their doors
 * (the named entrypoints CouncilIdentity and WasteIdentity, called here as their callers call them),
 * only members of the tenant asked about, and only what each caller needs — an id for an address, a
 * yes or no, an address for a convocation. A malformed argument is a 400 naming the field.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CouncilIdentityService, DevicesIdentityService, WasteIdentityService } from "@communa/contracts/rpc";
import { adminQuery, createTestTenant, type TestEnv } from "@communa/core/testing";
import type { Tenant } from "@communa/core";

const e = env as unknown as TestEnv;
const doors = exports as unknown as { CouncilIdentity: CouncilIdentityService; WasteIdentity: WasteIdentityService; DevicesIdentity: DevicesIdentityService };
const council = doors.CouncilIdentity;
const waste = doors.WasteIdentity;

async function newPerson(name: string, email: string | null): Promise<string> {
  const [row] = await adminQuery<{ id: string }>(e, "INSERT INTO people (id, display_name, email) VALUES (gen_random_uuid(), $1, $2) RETURNING id", [
    name,
    email,
  ]);
  return row.id;
}

async function member(t: Tenant, personId: string, role = "agent:waste"): Promise<void> {
  await adminQuery(e, "INSERT INTO memberships (tenant_id, person_id, role, granted_by) VALUES ($1, $2, $3, 'test')", [t.id, personId, role]);
}

const unique = (local: string) => `${local}.${crypto.randomUUID().slice(0, 8)}@example.invalid`;

describe("the council's and the waste Worker's doors into identity", () => {
  it("find a member of the tenant by e-mail, whatever its case, and give the id only; not a member, or of another tenant: null", async () => {
    const [a, b] = [await createTestTenant(e), await createTestTenant(e)];
    const email = unique("gaspard");
    const id = await newPerson("Gaspard Élu", email);
    await member(a, id, "councillor");
    await member(a, id, "agent:waste");
    const loner = unique("sans-role");
    await newPerson("Sans Rôle", loner);
    expect(await council.memberByEmail({ id: a.id }, `  ${email.toUpperCase()} `)).toEqual({ ok: true, value: { personId: id } });
    expect(await waste.memberByEmail({ id: a.id }, email)).toEqual({ ok: true, value: { personId: id } });
    expect(await council.memberByEmail({ id: b.id }, email)).toEqual({ ok: true, value: null });
    expect(await waste.memberByEmail({ id: a.id }, loner)).toEqual({ ok: true, value: null });
  });

  it("give the addresses of the tenant's members among the ids asked, and nothing else of them", async () => {
    const [a, b] = [await createTestTenant(e), await createTestTenant(e)];
    const withMail = await newPerson("Amélie Élue", unique("amelie"));
    const noMail = await newPerson("Bruno Sans Adresse", null);
    const elsewhere = await newPerson("Chloé d’Ailleurs", unique("chloe"));
    await member(a, withMail, "councillor");
    await member(a, noMail, "councillor");
    await member(b, elsewhere, "councillor");
    const r = await council.memberEmails({ id: a.id }, [withMail, noMail, elsewhere, withMail]);
    const [{ email }] = await adminQuery<{ email: string }>(e, "SELECT email FROM people WHERE id = $1", [withMail]);
    expect(r).toEqual({ ok: true, value: [{ personId: withMail, email }] });
    expect(await council.memberEmails({ id: a.id }, [])).toEqual({ ok: true, value: [] });
  });

  it("tell whether a person holds a role in the tenant", async () => {
    const [a, b] = [await createTestTenant(e), await createTestTenant(e)];
    const agent = await newPerson("Agent de Collecte", null);
    await member(a, agent);
    expect(await waste.isMember({ id: a.id }, agent)).toEqual({ ok: true, value: true });
    expect(await waste.isMember({ id: b.id }, agent)).toEqual({ ok: true, value: false });
    expect(await council.isMember({ id: a.id }, agent)).toEqual({ ok: true, value: true });
    expect(await council.isMember({ id: b.id }, agent)).toEqual({ ok: true, value: false });
    expect(await waste.isMember({ id: a.id }, crypto.randomUUID())).toEqual({ ok: true, value: false });
  });

  it("answer a malformed tenant id or person id with a 400 naming the field, not a 500", async () => {
    const t = await createTestTenant(e);
    const refusals = [
      [await council.memberByEmail({ id: "not-a-uuid" }, "x@example.invalid"), "tenant/id"],
      [await council.memberEmails({ id: t.id }, ["42"]), "personIds/0"],
      [await waste.isMember({ id: t.id }, "42"), "personId"],
      [await waste.memberByEmail({ id: t.id }, ""), "email"],
      // The devices Worker's door had the same gap (a non-UUID tenant id was a 500).
      [await doors.DevicesIdentity.activeDevices({ id: "60001" }), "tenant/id"],
      [await doors.DevicesIdentity.activeDevice({ id: "60001" }, crypto.randomUUID()), "tenant/id"],
    ] as const;
    for (const [r, path] of refusals) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.problem).toMatchObject({ type: "urn:communa:probleme:invalid", status: 400 });
      expect(r.problem.errors?.map((f) => f.path)).toEqual([path]);
      expect(r.problem.errors?.[0].message).toMatch(/\p{L}/u);
    }
  });
});
