/**
 * API keys act for their person and never outlive or outrank their authority (ADR 0008, issue #14
 * items 2, 3 and 13), through the gateway with real Postgres: the archivist's own key cannot give
 * the disposal visa; a key loses what its person loses, at once; a child key dies with its parent
 * and never outlives it; keys made by keys make no keys; the last identity provider of an audience
 * is removed (or disabled) only on explicit confirmation.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { permissionsOf, type Actor, type Role, type Tenant } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest, person } from "@communa/core/testing";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A real person of `t` holding `roles`, and the test actor that stands for their session. */
async function member(t: Tenant, name: string, roles: Role[]): Promise<{ id: string; actor: Actor }> {
  const [p] = await adminQuery<{ id: string }>(testEnv, "INSERT INTO people (id, display_name) VALUES (gen_random_uuid(), $1) RETURNING id", [name]);
  for (const role of roles)
    await adminQuery(testEnv, "INSERT INTO memberships (tenant_id, person_id, role, granted_by) VALUES ($1, $2, $3, 'test')", [t.id, p.id, role]);
  return { id: p.id, actor: { kind: "person", id: p.id, permissions: permissionsOf(roles) } };
}

/** `as`: a session (test actor) or an API key (Bearer). */
type Caller = Actor | string;
async function call(t: Tenant, path: string, as: Caller | null, init: RequestInit & { json?: unknown } = {}): Promise<{ status: number; body: Json }> {
  const headers = new Headers(init.headers);
  if (typeof as === "string") headers.set("authorization", `Bearer ${as}`);
  const res = await gateway(gatewayRequest(t, path, { ...init, headers, actor: as && typeof as !== "string" ? as : undefined }));
  const type = res.headers.get("content-type") ?? "";
  const body = type.includes("json") ? ((await res.json()) as Json) : (await res.arrayBuffer(), {});
  return { status: res.status, body };
}

async function newKey(t: Tenant, as: Caller, body: { name?: string; permissions: string[]; expiresInDays?: number }) {
  const res = await call(t, "/api/identity/api-keys", as, { method: "POST", json: { name: "Intégration", ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; key: string; prefix: string; expiresAt: string; personId: string | null; parentKeyId: string | null; notice?: string };
}

const whoami = (t: Tenant, key: string) => call(t, "/api/identity/whoami", key);
const journalOf = (t: Tenant) =>
  adminQuery<{ action: string; target: string; actor_kind: string; actor_id: string; summary: Json }>(
    testEnv,
    "SELECT action, target, actor_kind, actor_id, summary FROM audit_journal WHERE tenant_id = $1 ORDER BY seq",
    [t.id],
  );

const enc = new TextEncoder();
const pdf = (text: string) => enc.encode(`%PDF-1.7\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** A sealed unit whose retention period has ended (deposit, upload, seal), ready for disposal. */
async function dueUnit(t: Tenant, as: Actor): Promise<string> {
  const bytes = pdf(crypto.randomUUID());
  // APP-OFFRE-NR keeps 5 years after the end date: ten years ago is due whatever today is.
  const endDate = `${new Date().getUTCFullYear() - 10}-06-30`;
  const opened = await call(t, "/api/archive/deposits", as, {
    method: "POST",
    json: {
      transferringAgency: "Secrétariat général",
      units: [
        {
          title: "Offres non retenues",
          description: "Offres des candidats évincés",
          originatingAgency: "Commande publique",
          endDate,
          keywords: ["marché public"],
          appraisalRule: "APP-OFFRE-NR",
          accessRule: "ACC-00",
          files: [{ name: "offre.pdf", size: bytes.byteLength }],
        },
      ],
    },
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const upload = opened.body.uploads[0].path as string;
  const up = await call(t, upload, as, { method: "PUT", body: bytes, headers: { "content-type": "application/octet-stream" } });
  expect(up.status, JSON.stringify(up.body)).toBe(200);
  const sealed = await call(t, `/api/archive/deposits/${opened.body.id}/seal`, as, { method: "POST" });
  expect(sealed.status, JSON.stringify(sealed.body)).toBe(200);
  return sealed.body.units[0].id;
}

describe("a credential acts as the person who created it", () => {
  it("the mayor's own key cannot give the visa on the mayor's disposal; another person's key can, and both are journalled", async () => {
    const t = await createTestTenant(testEnv);
    const mayor = await member(t, "Maire", ["admin"]);
    // Making a key takes identity:admin: the other person is an administrator too.
    const controller = await member(t, "Contrôleur", ["admin"]);
    const unitId = await dueUnit(t, mayor.actor);
    const decided = await call(t, "/api/archive/disposals", mayor.actor, {
      method: "POST",
      json: { unitIds: [unitId], reason: "DUA échue, sort final : élimination" },
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(201);
    const visa = { approved: true, authority: "Archives départementales de l’Oise", reference: "VISA-1" };

    const own = await newKey(t, mayor.actor, { name: "Visa du maire", permissions: ["archives:read", "archives:visa"] });
    const self = await call(t, `/api/archive/disposals/${decided.body.id}/visa`, own.key, { method: "POST", json: visa });
    expect(self.status, JSON.stringify(self.body)).toBe(409);
    expect(self.body.detail).toMatch(/autre personne/);
    expect(own.personId).toBe(mayor.id);

    // A device is nobody: it cannot give a visa either, whatever it was granted.
    const device = await call(
      t,
      `/api/archive/disposals/${decided.body.id}/visa`,
      { kind: "device", id: crypto.randomUUID(), permissions: ["archives:visa"] },
      { method: "POST", json: visa },
    );
    expect(device.status).toBe(403);

    const theirs = await newKey(t, controller.actor, { name: "Visa du contrôle", permissions: ["archives:read", "archives:visa"] });
    const approved = await call(t, `/api/archive/disposals/${decided.body.id}/visa`, theirs.key, { method: "POST", json: visa });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", decidedBy: `person:${mayor.id}`, visaBy: `person:${controller.id}` });
    // The journal names the credential (actor) and the person it acted for.
    const entry = (await journalOf(t)).find((r) => r.action === "archive.disposal.visa");
    expect(entry).toMatchObject({ actor_kind: "api-key", actor_id: theirs.id, summary: { onBehalfOf: controller.id } });
  });
});

describe("a key never outranks its person", () => {
  it("a key whose creator lost their roles is refused at once, and whoami shows what remains", async () => {
    const t = await createTestTenant(testEnv);
    const admin = await member(t, "Administratrice", ["admin"]);
    const other = await member(t, "Autre administrateur", ["admin"]);
    const k = await newKey(t, admin.actor, { permissions: ["identity:admin", "territory:write"] });
    const put = () => call(t, "/api/territory/profile", k.key, { method: "PUT", json: { phone: "03 44 00 00 00" } });
    expect((await put()).status).toBe(200);
    expect((await whoami(t, k.key)).body).toMatchObject({ kind: "api-key", permissions: ["identity:admin", "territory:write"] });

    const removed = await call(t, `/api/identity/members/${admin.id}/roles`, other.actor, { method: "PUT", json: { roles: ["agent:map"] } });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    const refused = await put();
    expect(refused.status).toBe(403);
    expect((await whoami(t, k.key)).body).toMatchObject({ kind: "api-key", personId: admin.id, permissions: [] });
    const scope = (await journalOf(t)).find((r) => r.action === "identity.apikey.scope");
    expect(scope).toMatchObject({ target: `api_keys/${k.id}`, summary: { lost: ["identity:admin", "territory:write"], cause: "personRoles" } });

    // Given back, the role comes back to the key (within the key's own list, never beyond).
    await call(t, `/api/identity/members/${admin.id}/roles`, other.actor, { method: "PUT", json: { roles: ["admin"] } });
    expect((await whoami(t, k.key)).body.permissions).toEqual(["identity:admin", "territory:write"]);
  });

  it("a key of nobody (its creator is no person of this platform) can do nothing; a device makes no key", async () => {
    const t = await createTestTenant(testEnv);
    const k = await newKey(t, person("identity:admin", "territory:write"), { permissions: ["territory:write"] });
    expect(k.personId).toBeNull();
    expect((await whoami(t, k.key)).body).toMatchObject({ kind: "api-key", personId: null, permissions: [] });
    const device = await call(
      t,
      "/api/identity/api-keys",
      { kind: "device", id: crypto.randomUUID(), permissions: ["identity:admin", "territory:write"] },
      { method: "POST", json: { name: "x", permissions: ["territory:write"] } },
    );
    expect(device.status).toBe(403);
  });
});

describe("a key never outlives its parent", () => {
  it("a child is capped at its parent's expiry, makes no key itself, and is revoked with its parent (journalled)", async () => {
    const t = await createTestTenant(testEnv);
    const admin = await member(t, "Administratrice", ["admin"]);
    const parent = await newKey(t, admin.actor, { name: "Parente", permissions: ["identity:admin", "territory:write"], expiresInDays: 1 });
    const child = await newKey(t, parent.key, { name: "Enfant", permissions: ["identity:admin", "territory:write"], expiresInDays: 366 });
    expect(new Date(child.expiresAt).getTime()).toBeLessThanOrEqual(new Date(parent.expiresAt).getTime());
    expect(child).toMatchObject({ parentKeyId: parent.id, personId: admin.id });
    expect(child.notice).toMatch(/clé parente/);
    expect((await whoami(t, child.key)).status).toBe(200);

    const grandchild = await call(t, "/api/identity/api-keys", child.key, { method: "POST", json: { name: "Petite-fille", permissions: ["territory:write"] } });
    expect(grandchild.status).toBe(403);
    expect(grandchild.body.detail).toMatch(/une seule délégation/);

    const revoked = await call(t, `/api/identity/api-keys/${parent.id}`, admin.actor, { method: "DELETE" });
    expect(revoked.status).toBe(200);
    expect((await whoami(t, parent.key)).status).toBe(401);
    expect((await whoami(t, child.key)).status).toBe(401);
    const revokes = (await journalOf(t)).filter((r) => r.action === "identity.apikey.revoke");
    expect(revokes.map((r) => [r.target, r.summary.cause ?? null])).toEqual([
      [`api_keys/${parent.id}`, null],
      [`api_keys/${child.id}`, "parentRevoked"],
    ]);
  });

  it("a child is refused as soon as its parent has ended, even where no cascade reached it (older chains)", async () => {
    const t = await createTestTenant(testEnv);
    const admin = await member(t, "Administratrice", ["admin"]);
    const parent = await newKey(t, admin.actor, { permissions: ["identity:admin", "territory:write"], expiresInDays: 30 });
    const child = await newKey(t, parent.key, { permissions: ["territory:write"] });
    expect((await whoami(t, child.key)).body.permissions).toEqual(["territory:write"]);
    await adminQuery(testEnv, "UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [parent.id]);
    const refused = await whoami(t, child.key);
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/la clé qui l’a créée/);
    await adminQuery(testEnv, "UPDATE api_keys SET expires_at = now() + interval '1 day', revoked_at = now() WHERE id = $1", [parent.id]);
    expect((await whoami(t, child.key)).status).toBe(401);
  });
});

describe("the last identity provider of an audience", () => {
  const provider = (slug: string, audience: "agents" | "residents", enabled = true) => ({
    slug,
    label: `Fournisseur ${slug}`,
    kind: "oidc",
    issuer: "https://idp.example.org",
    clientId: "client",
    clientSecret: "secret-de-test",
    audience,
    enabled,
  });

  it("is removed only with explicit confirmation (409 otherwise), and the confirmed removal is journalled", async () => {
    const t = await createTestTenant(testEnv);
    const admin = person("identity:admin");
    for (const body of [provider("agents-a", "agents"), provider("habitants", "residents"), provider("ancien", "agents", false)]) {
      expect((await call(t, "/api/identity/identity-providers", admin, { method: "POST", json: body })).status).toBe(201);
    }
    const remove = (slug: string, query = "") => call(t, `/api/identity/identity-providers/${slug}${query}`, admin, { method: "DELETE" });
    // A disabled provider signs nobody in: no confirmation needed.
    expect((await remove("ancien")).status).toBe(204);
    const refused = await remove("agents-a");
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/dernier fournisseur d’identité actif pour les agents et les élus/);
    expect(refused.body.detail).toMatch(/confirmer=dernier-fournisseur/);
    expect((await call(t, "/api/identity/identity-providers", admin)).body.providers.map((p: Json) => p.slug).sort()).toEqual(["agents-a", "habitants"]);

    // With another provider for agents, removing one is ordinary.
    expect((await call(t, "/api/identity/identity-providers", admin, { method: "POST", json: provider("agents-b", "agents") })).status).toBe(201);
    expect((await remove("agents-a")).status).toBe(204);
    expect((await remove("agents-b")).status).toBe(409);
    expect((await remove("agents-b", "?confirmer=dernier-fournisseur")).status).toBe(204);
    // Disabling the residents' only provider, or moving it to agents, locks residents out the same way.
    const patch = (json: unknown, query = "") => call(t, `/api/identity/identity-providers/habitants${query}`, admin, { method: "PATCH", json });
    expect((await patch({ enabled: false })).status).toBe(409);
    expect((await patch({ audience: "agents" })).status).toBe(409);
    expect((await patch({ label: "FranceConnect" })).status).toBe(200);
    expect((await remove("habitants")).status).toBe(409);
    const deletes = (await journalOf(t)).filter((r) => r.action === "identity.provider.delete").map((r) => r.summary);
    expect(deletes).toEqual([{ slug: "ancien" }, { slug: "agents-a" }, { slug: "agents-b", lastOfAudience: "agents", confirmed: true }]);
  });
});
