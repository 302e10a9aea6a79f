/**
 * Gateway → territory over the service binding, with the real bundle of the territory Worker and a
 * real Postgres behind it.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest, person } from "@communa/core/testing";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);

async function problem(res: Response) {
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as { type: string; title: string; status: number; detail: string; errors?: unknown[] };
  expect(body.status).toBe(res.status);
  expect(body.title).toBeTruthy();
  return body;
}

describe("tenant resolution", () => {
  it("the EPCI sees its ten member communes", async () => {
    const res = await gateway(gatewayRequest({ slug: "cclvd" }, "/api/territory/communes?geometry=false"));
    expect(res.status).toBe(200);
    const { communes } = (await res.json()) as { communes: Array<{ insee: string; name: string; boundary?: unknown }> };
    expect(communes).toHaveLength(10);
    expect(communes.map((c) => c.name)).toContain("Liancourt");
    expect(communes.every((c) => c.boundary === undefined)).toBe(true);
  });

  it("a commune sees itself, with its boundary", async () => {
    const res = await gateway(gatewayRequest({ slug: "monchy-saint-eloi" }, "/api/territory/communes"));
    const { communes } = (await res.json()) as { communes: Array<{ insee: string; postcode: string; boundary: { type: string } }> };
    expect(communes).toEqual([expect.objectContaining({ insee: "60409", postcode: "60290" })]);
    expect(communes[0].boundary.type).toBe("Polygon");
  });

  it("a neighbouring commune belongs to its own EPCI", async () => {
    const res = await gateway(gatewayRequest({ slug: "catenoy" }, "/api/territory/tenant"));
    const body = (await res.json()) as { kind: string; parent: { siren: string } };
    expect(body.kind).toBe("commune");
    expect(body.parent.siren).toBe("246000376");
  });

  it("resolves the tenant from the host name too", async () => {
    const res = await gateway(new Request("http://rantigny.communa.localhost/api/territory/tenant"));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { name: string }).name).toBe("Rantigny");
  });

  it("an unknown tenant is a 404 problem", async () => {
    const res = await gateway(gatewayRequest({ slug: "atlantide" }, "/api/territory/communes"));
    expect(res.status).toBe(404);
    expect((await problem(res)).type).toContain("tenantNotFound");
  });

  it("a freshly created tenant is served (no hard-coded tenants)", async () => {
    const epci = await createTestTenant(testEnv, { kind: "epci", name: "CC de test" });
    const res = await gateway(gatewayRequest(epci, "/api/territory/tenant"));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { name: string }).name).toBe("CC de test");
  });
});

describe("platform endpoints", () => {
  it("health checks the database through the domain Worker", async () => {
    const res = await gateway(new Request("http://localhost/api/health"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("sets security headers and a request id on every answer", async () => {
    for (const path of ["/api/health", "/t/cclvd/api/territory/tenant", "/t/nowhere/api/x", "/api/docs"]) {
      const res = await gateway(new Request(`http://localhost${path}`));
      await res.arrayBuffer();
      expect(res.headers.get("strict-transport-security"), path).toContain("max-age=");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-request-id"), path).toMatch(/^[\w-]{16}$/);
    }
  });

  it("logs one JSON line per request: tenant, route, status, duration", async () => {
    const spy = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await (await gateway(gatewayRequest({ slug: "liancourt" }, "/api/territory/tenant"))).arrayBuffer();
      const lines = spy.mock.calls.map((c) => JSON.parse(String(c[0])) as Record<string, unknown>).filter((l) => l.msg === "requête");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ tenant: "liancourt", route: "/api/territory/tenant", status: 200, method: "GET" });
      expect(lines[0].durationMs).toEqual(expect.any(Number));
      expect(lines[0].requestId).toEqual(expect.any(String));
    } finally {
      spy.mockRestore();
    }
  });

  it("the OpenAPI document declares how to authenticate, and each operation what applies", async () => {
    const doc = (await (await gateway(new Request("http://localhost/api/openapi.json"))).json()) as {
      components: { securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }> };
      paths: Record<string, Record<string, { "x-communa-requires": string; security?: Array<Record<string, string[]>> }>>;
    };
    const schemes = doc.components.securitySchemes;
    expect(schemes.session).toMatchObject({ type: "apiKey", in: "cookie", name: "__Host-communa-session" });
    expect(schemes.csrf).toMatchObject({ type: "apiKey", in: "header", name: "x-csrf-token" });
    expect(schemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(schemes.deviceSignature).toMatchObject({ type: "apiKey", in: "header", name: "x-communa-signature" });
    let device = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item).filter(([m]) => ["get", "post", "put", "patch", "delete"].includes(m))) {
        const route = `${method.toUpperCase()} ${path}`;
        expect(op.security, route).toBeDefined();
        for (const alternative of op.security!) for (const name of Object.keys(alternative)) expect(schemes[name], `${route}: ${name}`).toBeDefined();
        if (op["x-communa-requires"] === "public") {
          expect(op.security, route).toEqual([]);
        } else if (op["x-communa-requires"].startsWith("devices:")) {
          device++;
          expect(op.security, route).toEqual([{ deviceId: [], deviceKey: [], deviceTimestamp: [], deviceNonce: [], deviceSignature: [] }]);
        } else {
          expect(op.security, route).toContainEqual({ apiKey: [] });
          expect(op.security, route).toContainEqual(method === "get" ? { session: [] } : { session: [], csrf: [] });
        }
      }
    }
    expect(device).toBeGreaterThan(0);
  });

  it("the reference page is French HTML built from the OpenAPI document", async () => {
    const res = await gateway(new Request("http://localhost/api/docs"));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("/api/territory/communes");
    expect(html).not.toMatch(/<script/i);
  });
});

describe("errors are problem+json, never a 500", () => {
  const tenant = { slug: "cclvd" };
  const writer = person("territory:write");

  it("malformed JSON → 400", async () => {
    const res = await gateway(
      gatewayRequest(tenant, "/api/territory/profile", { method: "PUT", actor: writer, body: "{pas du json", headers: { "content-type": "application/json" } }),
    );
    expect(res.status).toBe(400);
    expect((await problem(res)).type).toContain("malformedJson");
  });

  it("wrong content type → 415", async () => {
    const res = await gateway(
      gatewayRequest(tenant, "/api/territory/profile", {
        method: "PUT",
        actor: writer,
        body: "phone=1",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(res.status).toBe(415);
    await problem(res);
  });

  it("oversize body → 413, with or without Content-Length", async () => {
    const big = "x".repeat(1024 * 1024 + 1);
    const res = await gateway(gatewayRequest(tenant, "/api/territory/profile", { method: "PUT", actor: writer, json: { address: big } }));
    expect(res.status).toBe(413);
    await problem(res);
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new TextEncoder().encode("y".repeat(64 * 1024)));
        c.close();
      },
    });
    const chunked = await gateway(
      gatewayRequest(tenant, "/api/territory/profile", {
        method: "PUT",
        actor: writer,
        body: stream,
        headers: { "content-type": "application/json" },
        duplex: "half",
      } as RequestInit),
    );
    expect(chunked.status).toBe(413);
    await problem(chunked);
  });

  it("unknown route → 404, in a domain and outside", async () => {
    for (const path of ["/t/cclvd/api/territory/nulle-part", "/t/cclvd/api/inconnu/x", "/nulle-part"]) {
      const res = await gateway(new Request(`http://localhost${path}`));
      expect(res.status, path).toBe(404);
      await problem(res);
    }
  });

  it("invalid fields → 400 with French field details", async () => {
    const res = await gateway(
      gatewayRequest(tenant, "/api/territory/profile", { method: "PUT", actor: writer, json: { email: "pas-un-courriel", website: "ftp://x", extra: 1 } }),
    );
    expect(res.status).toBe(400);
    const body = await problem(res);
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/^body/) })]));
    const bad = await gateway(gatewayRequest(tenant, "/api/territory/communes/ABCDE"));
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors).toEqual([{ path: "param/insee", message: "Code INSEE : format invalide." }]);
  });

  it("a commune outside the territory → 404", async () => {
    const res = await gateway(gatewayRequest(tenant, "/api/territory/communes/60130"));
    expect(res.status).toBe(404);
    await problem(res);
  });
});

describe("authorisation and writes", () => {
  it("anonymous → 401, without the permission → 403, with it → 200", async () => {
    const t = await createTestTenant(testEnv);
    const path = "/api/territory/profile";
    const anon = await gateway(gatewayRequest(t, path, { method: "PUT", json: { phone: "03 44 00 00 00" } }));
    expect(anon.status).toBe(401);
    const reader = await gateway(gatewayRequest(t, path, { method: "PUT", actor: person("map:write"), json: { phone: "03 44 00 00 00" } }));
    expect(reader.status).toBe(403);
    const ok = await gateway(gatewayRequest(t, path, { method: "PUT", actor: person("territory:write"), json: { phone: "03 44 00 00 00" } }));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { phone: string }).phone).toBe("03 44 00 00 00");
  });

  it("a rejected write leaves stored data untouched", async () => {
    const t = await createTestTenant(testEnv);
    const writer = person("territory:write");
    await gateway(gatewayRequest(t, "/api/territory/profile", { method: "PUT", actor: writer, json: { phone: "0344000000", address: "1 rue de la Mairie" } }));
    const bad = await gateway(
      gatewayRequest(t, "/api/territory/profile", { method: "PUT", actor: writer, json: { phone: "n’importe quoi", address: "2 rue" } }),
    );
    expect(bad.status).toBe(400);
    await bad.arrayBuffer();
    const now = (await (await gateway(gatewayRequest(t, "/api/territory/profile", { actor: writer }))).json()) as { address: string };
    expect(now.address).toBe("1 rue de la Mairie");
  });
});

describe("edge cache", () => {
  it("serves anonymous reads from cache and drops them after a write", async () => {
    const t = await createTestTenant(testEnv);
    const path = "/api/territory/profile";
    const writer = person("territory:write");
    await (await gateway(gatewayRequest(t, path, { method: "PUT", actor: writer, json: { phone: "0344000001" } }))).arrayBuffer();
    const first = (await (await gateway(gatewayRequest(t, path))).json()) as { phone: string };
    expect(first.phone).toBe("0344000001");
    // Let the cache write (waitUntil) land.
    await new Promise((r) => setTimeout(r, 50));
    const cached = await gateway(gatewayRequest(t, path));
    expect(cached.headers.get("x-communa-cache")).toBe("hit");
    expect(((await cached.json()) as { phone: string }).phone).toBe("0344000001");
    // A signed-in reader never gets a shared cached copy.
    const personal = await gateway(gatewayRequest(t, path, { actor: writer }));
    expect(personal.headers.get("x-communa-cache")).toBeNull();
    await personal.arrayBuffer();
    await (await gateway(gatewayRequest(t, path, { method: "PUT", actor: writer, json: { phone: "0344000002" } }))).arrayBuffer();
    await new Promise((r) => setTimeout(r, 50));
    const afterRes = await gateway(gatewayRequest(t, path));
    expect(afterRes.headers.get("x-communa-cache")).toBeNull();
    expect(((await afterRes.json()) as { phone: string }).phone).toBe("0344000002");
  });
});

describe("audit journal through the gateway", () => {
  it("a change made through the API is journalled, listed and verified", async () => {
    const t = await createTestTenant(testEnv);
    const editor = person("territory:write");
    const put = await gateway(gatewayRequest(t, "/api/territory/profile", { method: "PUT", actor: editor, json: { phone: "03 44 11 22 33" } }));
    expect(put.status).toBe(200);
    await put.arrayBuffer();
    const auditor = person("audit:read");
    const list = await gateway(gatewayRequest(t, "/api/identity/journal", { actor: auditor }));
    expect(list.status).toBe(200);
    const { entries } = (await list.json()) as { entries: Array<{ seq: number; action: string; actor: { id: string }; summary: Record<string, unknown> }> };
    expect(entries).toEqual([
      expect.objectContaining({
        seq: 1,
        action: "territory.profile.update",
        actor: { kind: "person", id: editor.kind === "person" ? editor.id : "" },
        summary: { phone: "03 44 11 22 33" },
      }),
    ]);
    const verify = await gateway(gatewayRequest(t, "/api/identity/journal/verify", { actor: auditor }));
    // A verification that holds signs a checkpoint of the head, its own journal entry included (ADR 0020).
    expect(await verify.json()).toMatchObject({ ok: true, checked: 1, firstBroken: null, checkpoint: { seq: 2 } });
  });

  it("the journal is closed to the public and to other permissions", async () => {
    const t = await createTestTenant(testEnv);
    const anon = await gateway(gatewayRequest(t, "/api/identity/journal"));
    expect(anon.status).toBe(401);
    await anon.arrayBuffer();
    const other = await gateway(gatewayRequest(t, "/api/identity/journal/verify", { actor: person("territory:write") }));
    expect(other.status).toBe(403);
    await other.arrayBuffer();
  });
});

describe("API keys", () => {
  const admin = person("identity:admin", "territory:write", "audit:read");

  async function newKey(t: { slug: string }, body: unknown, as: Actor = admin) {
    const res = await gateway(gatewayRequest(t, "/api/identity/api-keys", { method: "POST", actor: as, json: body }));
    return { status: res.status, body: (await res.json()) as { id: string; key: string; prefix: string; permissions: string[] } };
  }

  it("is shown once, stored hashed, and authenticates an integration in its tenant only", async () => {
    const t = await createTestTenant(testEnv);
    const other = await createTestTenant(testEnv);
    // A key acts for a real person and holds no more than their roles here (ADR 0008).
    const [p] = await adminQuery<{ id: string }>(testEnv, "INSERT INTO people (id, display_name) VALUES (gen_random_uuid(), 'Admin') RETURNING id");
    await adminQuery(testEnv, "INSERT INTO memberships (tenant_id, person_id, role, granted_by) VALUES ($1, $2, 'admin', 'test')", [t.id, p.id]);
    const { status, body } = await newKey(t, { name: "Intégration SIG", permissions: ["territory:write"], expiresInDays: 30 }, { ...admin, id: p.id } as Actor);
    expect(status).toBe(201);
    expect(body.key).toMatch(/^cmn_[a-z2-7]{10}_[\w-]{43}$/);
    const stored = await adminQuery<{ hash: unknown; prefix: string }>(testEnv, "SELECT hash, prefix FROM api_keys WHERE id = $1", [body.id]);
    // The secret part (after "cmn_<prefix>_") appears nowhere in what is stored.
    expect(JSON.stringify(stored)).not.toContain(body.key.slice(15));
    const list = await (await gateway(gatewayRequest(t, "/api/identity/api-keys", { actor: admin }))).text();
    expect(list).toContain(body.prefix);
    expect(list).not.toContain(body.key);

    const auth = { authorization: `Bearer ${body.key}` };
    const put = await gateway(gatewayRequest(t, "/api/territory/profile", { method: "PUT", headers: auth, json: { phone: "03 44 55 66 77" } }));
    expect(put.status).toBe(200);
    await put.arrayBuffer();
    // Scoped to its permissions and to its tenant.
    const journal = await gateway(gatewayRequest(t, "/api/identity/journal", { headers: auth }));
    expect(journal.status).toBe(403);
    await journal.arrayBuffer();
    const elsewhere = await gateway(gatewayRequest(other, "/api/territory/profile", { method: "PUT", headers: auth, json: { phone: "0" } }));
    expect(elsewhere.status).toBe(401);
    await elsewhere.arrayBuffer();
    const [row] = await adminQuery<{ last_used_at: string | null }>(testEnv, "SELECT last_used_at FROM api_keys WHERE id = $1", [body.id]);
    expect(row.last_used_at).not.toBeNull();
  });

  it("revoked, expired, forged or malformed → 401 problem", async () => {
    const t = await createTestTenant(testEnv);
    const { body } = await newKey(t, { name: "Temporaire", permissions: ["territory:write"], expiresInDays: 1 });
    const call = (key: string) =>
      gateway(gatewayRequest(t, "/api/territory/profile", { method: "PUT", headers: { authorization: `Bearer ${key}` }, json: { phone: "0344" } }));
    const forged = `${body.key.slice(0, -4)}AAAA`;
    for (const key of [forged, "cmn_nope", `cmn_${"a".repeat(10)}_${"b".repeat(43)}`]) {
      const res = await call(key);
      expect(res.status, key).toBe(401);
      expect(res.headers.get("content-type")).toMatch(/problem\+json/);
      await res.arrayBuffer();
    }
    const revoke = await gateway(gatewayRequest(t, `/api/identity/api-keys/${body.id}`, { method: "DELETE", actor: admin }));
    expect(revoke.status).toBe(200);
    await revoke.arrayBuffer();
    const revoked = await call(body.key);
    expect(revoked.status).toBe(401);
    await revoked.arrayBuffer();

    const { body: old } = await newKey(t, { name: "Ancienne", permissions: ["territory:write"], expiresInDays: 1 });
    await adminQuery(testEnv, "UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [old.id]);
    const expired = await call(old.key);
    expect(expired.status).toBe(401);
    await expired.arrayBuffer();
  });

  it("nobody grants more than they hold; bad input is a 400 with field details", async () => {
    const t = await createTestTenant(testEnv);
    const beyond = await gateway(
      gatewayRequest(t, "/api/identity/api-keys", { method: "POST", actor: person("identity:admin"), json: { name: "x", permissions: ["hr:read"] } }),
    );
    expect(beyond.status).toBe(403);
    await beyond.arrayBuffer();
    const bad = await newKey(t, { name: "", permissions: ["licornes:write"], expiresInDays: 9999 });
    expect(bad.status).toBe(400);
    const paths = (bad.body as unknown as { errors: Array<{ path: string }> }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["body/name", "body/permissions/0", "body/expiresInDays"]));
  });

  it("creation and revocation are journalled", async () => {
    const t = await createTestTenant(testEnv);
    const { body } = await newKey(t, { name: "Journalisée", permissions: ["audit:read"] });
    await (await gateway(gatewayRequest(t, `/api/identity/api-keys/${body.id}`, { method: "DELETE", actor: admin }))).arrayBuffer();
    const rows = await adminQuery<{ action: string; summary: Record<string, unknown> }>(
      testEnv,
      "SELECT action, summary FROM audit_journal WHERE tenant_id = $1 ORDER BY seq",
      [t.id],
    );
    expect(rows.map((r) => r.action)).toEqual(["identity.apikey.create", "identity.apikey.revoke"]);
    expect(JSON.stringify(rows)).not.toContain(body.key);
  });
});

describe("rate limits", () => {
  it("too many failed authentications from one client → 429 with Retry-After, even for a good key", async () => {
    const t = await createTestTenant(testEnv);
    const created = await gateway(
      gatewayRequest(t, "/api/identity/api-keys", {
        method: "POST",
        actor: person("identity:admin", "territory:write"),
        json: { name: "k", permissions: ["territory:write"] },
      }),
    );
    const { key } = (await created.json()) as { key: string };
    const from = (ip: string, k: string) =>
      gateway(gatewayRequest(t, "/api/identity/whoami", { headers: { authorization: `Bearer ${k}`, "cf-connecting-ip": ip } }));
    for (let i = 0; i < 10; i++) {
      const res = await from("203.0.113.7", `cmn_${"a".repeat(10)}_${"b".repeat(43)}`);
      expect(res.status).toBe(401);
      await res.arrayBuffer();
    }
    const blocked = await from("203.0.113.7", key);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await blocked.json()) as { title: string }).title).toBe("Trop de requêtes");
    // Another client is not affected.
    const other = await from("198.51.100.2", key);
    expect(other.status).toBe(200);
    await other.arrayBuffer();
  });

  it("anonymous writes from one client are limited", async () => {
    const t = await createTestTenant(testEnv);
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await gateway(
        gatewayRequest(t, "/api/territory/profile", { method: "PUT", json: { phone: "0344" }, headers: { "cf-connecting-ip": "192.0.2.9" } }),
      );
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
});
