/**
 * Sign-in with OpenID Connect through the gateway, end to end against a real local provider
 * (oidc-provider: real redirects, signed ID tokens, JWKS, RP-initiated logout), and refusal of
 * every bad token a misbehaving provider sends.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { CSRF_HEADER, OIDC_COOKIE, SESSION_COOKIE, type Tenant } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest, person } from "@communa/core/testing";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const oidc = inject("oidc");
const hostile = inject("hostileOidc");
const admin = person("identity:admin");

/** Cookies of one browser, per host (enough for the provider and the gateway here). */
class Browser {
  private jar = new Map<string, Map<string, string>>();
  keep(url: string, res: Response) {
    const host = new URL(url).host;
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      const value = pair.slice(i + 1);
      if (/Max-Age=0/i.test(c) || !value) cookies.delete(pair.slice(0, i));
      else cookies.set(pair.slice(0, i), value);
    }
    this.jar.set(host, cookies);
  }
  header(url: string) {
    return [...(this.jar.get(new URL(url).host) ?? [])].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  cookie(url: string, name: string) {
    return this.jar.get(new URL(url).host)?.get(name) ?? null;
  }
  /** One request, from this browser; the gateway is reached in-process, the provider over HTTP. */
  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.header(url);
    if (cookie) headers.set("cookie", cookie);
    const req = new Request(url, { ...init, headers, redirect: "manual" });
    const res = new URL(url).host === "localhost" ? await gateway(req) : await fetch(req);
    this.keep(url, res);
    return res;
  }
}

async function addProvider(t: Tenant, body: Record<string, unknown>) {
  const res = await gateway(gatewayRequest(t, "/api/identity/identity-providers", { method: "POST", actor: admin, json: body }));
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json() as Promise<Record<string, unknown>>;
}

const localProvider = (t: Tenant, extra: Record<string, unknown> = {}) =>
  addProvider(t, {
    slug: "demo",
    label: "Compte de démonstration",
    kind: "oidc",
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    ...extra,
  });

async function member(t: Tenant, email: string, roles: string[]) {
  const [p] = await adminQuery<{ id: string }>(
    testEnv,
    "INSERT INTO people (id, display_name, email) VALUES (gen_random_uuid(), 'Agent Test', $1) RETURNING id",
    [email],
  );
  for (const role of roles)
    await adminQuery(testEnv, "INSERT INTO memberships (tenant_id, person_id, role, granted_by) VALUES ($1, $2, $3, 'test')", [t.id, p.id, role]);
  return p.id;
}

const account = (email: string) => oidc.accounts.find((a) => a.email === email)!;

/** Starts a sign-in at the gateway and follows it to the provider's login page. */
async function toLoginPage(b: Browser, t: Tenant, slug = "demo") {
  const start = await b.go(`http://localhost/t/${t.slug}/api/identity/auth/oidc/${slug}/start?retour=/espace/`);
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get("location")!);
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorize.searchParams.get("state")).toBeTruthy();
  expect(authorize.searchParams.get("nonce")).toBeTruthy();
  const toInteraction = await b.go(authorize.href);
  await toInteraction.arrayBuffer();
  const page = new URL(toInteraction.headers.get("location")!, authorize);
  const html = await (await b.go(page.href)).text();
  expect(html).toContain("Fournisseur d’identité local");
  return page;
}

/** Follows redirects at the provider until it sends the browser back to the gateway. */
async function backToGateway(b: Browser, res: Response, from: URL): Promise<string> {
  let loc = new URL(res.headers.get("location")!, from);
  while (loc.host !== "localhost") {
    const next = await b.go(loc.href);
    await next.arrayBuffer();
    loc = new URL(next.headers.get("location")!, loc);
  }
  return loc.href;
}

async function signIn(b: Browser, t: Tenant, email: string, slug = "demo") {
  const page = await toLoginPage(b, t, slug);
  const login = await b.go(`${page.href}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `compte=${account(email).sub}`,
  });
  await login.arrayBuffer();
  const callback = await backToGateway(b, login, page);
  expect(callback).toContain(`/api/identity/auth/oidc/${slug}/callback?code=`);
  return b.go(callback);
}

const session = (b: Browser) => b.cookie("http://localhost/", SESSION_COOKIE);

async function me(b: Browser, t: Tenant) {
  const res = await b.go(`http://localhost/t/${t.slug}/api/identity/session`);
  return { status: res.status, body: (await res.json()) as { personId: string; displayName: string; roles: string[]; csrfToken: string } };
}

describe("sign-in with OpenID Connect", () => {
  it("signs in a member by the provider's verified address, with a new session each time", async () => {
    const t = await createTestTenant(testEnv);
    const demo = account("agent.dechets@cclvd.invalid");
    const id = await member(t, demo.email, ["agent:waste"]);
    await localProvider(t);

    const b = new Browser();
    // A session id planted in the browser before sign-in (fixation attempt) is replaced.
    b.keep("http://localhost/", new Response(null, { headers: { "set-cookie": `${SESSION_COOKIE}=planted; Path=/` } }));
    const done = await signIn(b, t, demo.email);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`http://localhost/${t.slug}/espace/`);
    const set = done.headers.getSetCookie();
    expect(set.find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/; Path=\/; Secure; HttpOnly; SameSite=Lax/);
    expect(set.some((c) => c.startsWith(`${OIDC_COOKIE}=;`))).toBe(true);
    const first = session(b)!;
    expect(first).not.toBe("planted");
    const who = await me(b, t);
    expect(who.body).toMatchObject({ personId: id, roles: ["agent:waste"] });
    expect(who.body.csrfToken).toBeTruthy();

    // Signing in again (same browser; the provider remembers the person, so no login page this
    // time) makes another session, never reuses the first token.
    const start = await b.go(`http://localhost/t/${t.slug}/api/identity/auth/oidc/demo/start`);
    const again = await b.go(await backToGateway(b, start, new URL("http://localhost/")));
    expect(again.headers.get("location")).toBe(`http://localhost/${t.slug}/espace/`);
    expect(session(b)).not.toBe(first);
    const [link] = await adminQuery<{ person_id: string; subject: string }>(testEnv, "SELECT person_id, subject FROM person_identities WHERE tenant_id = $1", [
      t.id,
    ]);
    expect(link).toEqual({ person_id: id, subject: demo.sub });
    const [s] = await adminQuery<{ method: string; sealed: boolean }>(
      testEnv,
      "SELECT method, id_token_cipher IS NOT NULL AS sealed FROM sessions WHERE tenant_id = $1 LIMIT 1",
      [t.id],
    );
    expect(s).toEqual({ method: "oidc:demo", sealed: true });
    const actions = (await adminQuery<{ action: string }>(testEnv, "SELECT action FROM audit_journal WHERE tenant_id = $1 ORDER BY seq", [t.id])).map(
      (r) => r.action,
    );
    expect(actions.filter((a) => a === "identity.person.link")).toHaveLength(1);
    expect(actions.filter((a) => a === "identity.session.create")).toHaveLength(2);
  });

  it("refuses a person the tenant does not know when the provider is for its members", async () => {
    const t = await createTestTenant(testEnv);
    await localProvider(t);
    const b = new Browser();
    const done = await signIn(b, t, "admin@cclvd.invalid");
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`http://localhost/${t.slug}/connexion/?erreur=inconnu`);
    expect(session(b)).toBeNull();
  });

  it("creates a resident on first sign-in through a residents' provider (FranceConnect-like), once", async () => {
    const t = await createTestTenant(testEnv);
    await localProvider(t, { slug: "franceconnect", label: "FranceConnect", kind: "franceconnect", acrValues: "eidas1" });
    const b = new Browser();
    expect((await signIn(b, t, "habitant@rantigny.invalid", "franceconnect")).status).toBe(303);
    const who = await me(b, t);
    expect(who.body).toMatchObject({ displayName: "Félix Habitant", roles: ["resident"] });
    const again = new Browser();
    await signIn(again, t, "habitant@rantigny.invalid", "franceconnect");
    expect((await me(again, t)).body.personId).toBe(who.body.personId);
    const people = await adminQuery(testEnv, "SELECT person_id FROM memberships WHERE tenant_id = $1", [t.id]);
    expect(people).toHaveLength(1);
    // A role here grants nothing in another tenant.
    const other = await createTestTenant(testEnv);
    const elsewhere = await gateway(
      new Request(`http://localhost/t/${other.slug}/api/identity/sessions`, { headers: { cookie: `${SESSION_COOKIE}=${session(again)}` } }),
    );
    expect(elsewhere.status).toBe(401);
    await elsewhere.arrayBuffer();
  });

  it("refuses a return without the browser's pending sign-in, with another state, or after cancelling", async () => {
    const t = await createTestTenant(testEnv);
    await member(t, "agent.dechets@cclvd.invalid", ["agent:waste"]);
    await localProvider(t);
    const b = new Browser();
    const page = await toLoginPage(b, t);
    const login = await b.go(`${page.href}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `compte=${account("agent.dechets@cclvd.invalid").sub}`,
    });
    const callback = await backToGateway(b, login, page);
    // Another browser (no pending sign-in cookie) brings the code back: refused.
    const stranger = await new Browser().go(callback);
    expect(stranger.headers.get("location")).toBe(`http://localhost/${t.slug}/connexion/?erreur=expiree`);
    // The right browser but a tampered state: refused.
    const tampered = new URL(callback);
    tampered.searchParams.set("state", "autre");
    const bad = await b.go(tampered.href);
    expect(bad.headers.get("location")).toBe(`http://localhost/${t.slug}/connexion/?erreur=jeton`);
    expect(session(b)).toBeNull();

    const c = new Browser();
    const page2 = await toLoginPage(c, t);
    const abort = await c.go(`${page2.href}/abort`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" });
    const back = await c.go(await backToGateway(c, abort, page2));
    expect(back.headers.get("location")).toBe(`http://localhost/${t.slug}/connexion/?erreur=annulee`);
  });

  it.each(["forged", "expired", "wrong-audience", "wrong-nonce", "wrong-issuer"] as const)("refuses an ID token that is %s", async (mode) => {
    const t = await createTestTenant(testEnv);
    await addProvider(t, {
      slug: "pp",
      label: "Pp",
      kind: "oidc",
      issuer: hostile.issuers[mode],
      clientId: hostile.clientId,
      clientSecret: hostile.clientSecret,
      firstSignIn: "create-resident",
    });
    const b = new Browser();
    const start = await b.go(`http://localhost/t/${t.slug}/api/identity/auth/oidc/pp/start`);
    const back = await b.go(start.headers.get("location")!);
    const done = await b.go(back.headers.get("location")!);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`http://localhost/${t.slug}/connexion/?erreur=jeton`);
    expect(session(b)).toBeNull();
    expect(await adminQuery(testEnv, "SELECT 1 FROM memberships WHERE tenant_id = $1", [t.id])).toHaveLength(0);
  });

  it("the same misbehaving server, playing by the rules, signs in (control)", async () => {
    const t = await createTestTenant(testEnv);
    await addProvider(t, {
      slug: "pp",
      label: "Pp",
      kind: "oidc",
      issuer: hostile.issuers.honest,
      clientId: hostile.clientId,
      clientSecret: hostile.clientSecret,
      firstSignIn: "create-resident",
    });
    const b = new Browser();
    const start = await b.go(`http://localhost/t/${t.slug}/api/identity/auth/oidc/pp/start`);
    const back = await b.go(start.headers.get("location")!);
    const done = await b.go(back.headers.get("location")!);
    expect(done.headers.get("location")).toBe(`http://localhost/${t.slug}/espace/`);
    expect(session(b)).toBeTruthy();
  });

  it("signs out here and at the provider (RP-initiated logout)", async () => {
    const t = await createTestTenant(testEnv);
    await member(t, "admin@cclvd.invalid", ["admin"]);
    await localProvider(t);
    const b = new Browser();
    await signIn(b, t, "admin@cclvd.invalid");
    const { body } = await me(b, t);
    const out = await b.go(`http://localhost/t/${t.slug}/api/identity/auth/logout`, {
      method: "POST",
      headers: { origin: "http://localhost", [CSRF_HEADER]: body.csrfToken },
    });
    expect(out.status).toBe(200);
    const { logoutUrl } = (await out.json()) as { logoutUrl: string };
    const end = new URL(logoutUrl);
    expect(end.origin).toBe(oidc.issuer);
    expect(end.searchParams.get("id_token_hint")).toMatch(/^ey/);
    expect(end.searchParams.get("post_logout_redirect_uri")).toBe(`http://localhost/${t.slug}/connexion/`);
    expect((await me(b, t)).status).toBe(401);

    // At the provider: the confirmation page, then back to the tenant's sign-in page.
    const confirm = await (await b.go(logoutUrl)).text();
    const action = /<form[^>]*action="([^"]+)"/.exec(confirm)![1];
    const fields = [...confirm.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map(
      ([, k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`,
    );
    const confirmed = await b.go(new URL(action, oidc.issuer).href, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: [...fields, "logout=yes"].join("&"),
    });
    const final = await backToGateway(b, confirmed, new URL(oidc.issuer));
    expect(final).toMatch(new RegExp(`^http://localhost/${t.slug}/connexion/\\?state=`));
  });
});

describe("identity providers (administration)", () => {
  it("keeps the client secret sealed: never returned, never journalled", async () => {
    const t = await createTestTenant(testEnv);
    const created = await localProvider(t);
    expect(created).not.toHaveProperty("clientSecret");
    expect(created).toMatchObject({ slug: "demo", scopes: "openid email profile", firstSignIn: "match-email", audience: "agents" });
    const [row] = await adminQuery<{ cipher: string }>(
      testEnv,
      "SELECT encode(client_secret_cipher, 'escape') AS cipher FROM identity_providers WHERE tenant_id = $1",
      [t.id],
    );
    expect(row.cipher).not.toContain(oidc.clientSecret);
    const journal = await adminQuery<{ summary: unknown }>(testEnv, "SELECT summary FROM audit_journal WHERE tenant_id = $1", [t.id]);
    expect(JSON.stringify(journal)).not.toContain(oidc.clientSecret);
    const rotate = await gateway(
      gatewayRequest(t, "/api/identity/identity-providers/demo", { method: "PATCH", actor: admin, json: { clientSecret: "nouveau-secret-tres-long" } }),
    );
    expect(rotate.status).toBe(200);
    expect(JSON.stringify(await adminQuery(testEnv, "SELECT summary FROM audit_journal WHERE tenant_id = $1", [t.id]))).not.toContain("nouveau-secret");

    const list = await gateway(new Request(`http://localhost/t/${t.slug}/api/identity/auth/providers`));
    expect(await list.json()).toEqual({ providers: [{ slug: "demo", label: "Compte de démonstration", kind: "oidc", audience: "agents" }] });
  });

  it("refuses a provider over plain HTTP elsewhere than this machine, or without openid", async () => {
    const t = await createTestTenant(testEnv);
    const http = await gateway(
      gatewayRequest(t, "/api/identity/identity-providers", {
        method: "POST",
        actor: admin,
        json: { slug: "xx", label: "Xx", kind: "oidc", issuer: "http://idp.example.org", clientId: "c", clientSecret: "12345678" },
      }),
    );
    expect(http.status).toBe(400);
    expect(((await http.json()) as { errors: Array<{ path: string }> }).errors[0].path).toBe("body/issuer");
    const scopes = await gateway(
      gatewayRequest(t, "/api/identity/identity-providers", {
        method: "POST",
        actor: admin,
        json: { slug: "xx", label: "Xx", kind: "oidc", issuer: "https://idp.example.org", clientId: "c", clientSecret: "12345678", scopes: "email profile" },
      }),
    );
    expect(scopes.status).toBe(400);
    await scopes.arrayBuffer();
  });

  it("limits sign-in attempts from one client (429 with Retry-After)", async () => {
    const t = await createTestTenant(testEnv);
    let last: Response | undefined;
    for (let i = 0; i < 61; i++) {
      last = await gateway(new Request(`http://localhost/t/${t.slug}/api/identity/auth/oidc/nope/start`, { headers: { "cf-connecting-ip": "203.0.113.9" } }));
      await last.arrayBuffer();
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
