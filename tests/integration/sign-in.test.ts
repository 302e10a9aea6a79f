/**
 * Sign-in by e-mail link through the gateway, end to end: request, the mail in the outbox, the
 * link opened in the same browser, the session cookie, CSRF on writes, timeouts, sign-out.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CSRF_HEADER, LINK_COOKIE, SESSION_COOKIE, type Tenant } from "@communa/core";
import { createPool } from "@communa/core";
import { adminQuery, createTestTenant } from "@communa/core/testing";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const base = (t: Tenant) => `http://localhost/t/${t.slug}`;

function cookieFrom(res: Response, name: string): string | null {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const [k, v] = pair.split("=");
    if (k === name) return v;
  }
  return null;
}

async function member(t: Tenant, email: string, roles: string[]) {
  const [p] = await adminQuery<{ id: string }>(
    testEnv,
    "INSERT INTO people (id, display_name, email) VALUES (gen_random_uuid(), 'Claude Commerçant', $1) RETURNING id",
    [email],
  );
  for (const role of roles)
    await adminQuery(testEnv, "INSERT INTO memberships (tenant_id, person_id, role, granted_by) VALUES ($1, $2, $3, 'test')", [t.id, p.id, role]);
  return p.id;
}

async function askLink(t: Tenant, email: string, origin = "http://localhost") {
  const res = await gateway(
    new Request(`${origin}/t/${t.slug}/api/identity/auth/magic-link`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email }),
    }),
  );
  expect(res.status).toBe(202);
  await res.arrayBuffer();
  return cookieFrom(res, LINK_COOKIE)!;
}

const mailsRead = new Set<string>();

/**
 * The link in the tenant's newest mail not read yet. The mail is written after the answer has
 * left (no timing oracle), so this waits for it to land.
 */
async function linkInOutbox(t: Tenant): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const [mail] = await adminQuery<{ id: string; body: string }>(
      testEnv,
      "SELECT id, body FROM outbox WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 1",
      [t.id],
    );
    if (mail && !mailsRead.has(mail.id)) {
      mailsRead.add(mail.id);
      return /https?:\/\/\S+callback\?token=[\w-]+/.exec(mail.body)![0];
    }
    await scheduler.wait(25);
  }
  throw new Error("Aucun courriel n’est arrivé dans la boîte d’envoi.");
}

async function signIn(t: Tenant, email: string): Promise<string> {
  const browser = await askLink(t, email);
  const res = await gateway(new Request(await linkInOutbox(t), { headers: { cookie: `${LINK_COOKIE}=${browser}` }, redirect: "manual" }));
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe(`http://localhost/${t.slug}/espace/`);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(SESSION_COOKIE))!;
  expect(setCookie).toMatch(/; Path=\/; Secure; HttpOnly; SameSite=Lax/);
  return cookieFrom(res, SESSION_COOKIE)!;
}

const withSession = (token: string, init: RequestInit = {}) => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), cookie: `${SESSION_COOKIE}=${token}` },
});

describe("sign-in by e-mail link", () => {
  it("signs in a member, who then acts with their roles in this tenant only", async () => {
    const t = await createTestTenant(testEnv);
    const other = await createTestTenant(testEnv);
    const id = await member(t, "claude@example.org", ["admin"]);
    const session = await signIn(t, "claude@example.org");
    const who = await gateway(new Request(`${base(t)}/api/identity/whoami`, withSession(session)));
    expect(await who.json()).toMatchObject({ kind: "person", id, tenant: t.slug });
    // The session belongs to the tenant where the person signed in.
    // There it is just a stale cookie: the caller is anonymous, and protected routes refuse.
    const elsewhere = await gateway(new Request(`${base(other)}/api/identity/whoami`, withSession(session)));
    expect(await elsewhere.json()).toMatchObject({ kind: "anonymous" });
    const mine = await gateway(new Request(`${base(other)}/api/identity/sessions`, withSession(session)));
    expect(mine.status).toBe(401);
    await mine.arrayBuffer();
  });

  it("the mail goes to the outbox; unknown addresses get the same answer and no mail", async () => {
    const t = await createTestTenant(testEnv);
    await member(t, "connu@example.org", ["resident"]);
    await askLink(t, "inconnu@example.org");
    await askLink(t, "Connu@Example.org");
    await linkInOutbox(t);
    // One mail only: the known address's (the unknown one was asked for first).
    const mails = await adminQuery<{ recipient: string; subject: string }>(testEnv, "SELECT recipient, subject FROM outbox WHERE tenant_id = $1", [t.id]);
    expect(mails).toHaveLength(1);
    expect(mails[0].recipient).toBe("connu@example.org");
    expect(mails[0].subject).toContain("lien de connexion");
  });

  it("the link mailed is the tenant's configured address, whatever Host the request carried", async () => {
    const t = await createTestTenant(testEnv);
    await member(t, "hote@example.org", ["merchant"]);
    // The takeover of the finding: the attacker asks with a forged Host, so holds the browser cookie.
    await askLink(t, "hote@example.org", "http://evil.example");
    const link = await linkInOutbox(t);
    expect(link.startsWith(`http://localhost/t/${t.slug}/api/identity/auth/magic-link/callback?token=`)).toBe(true);
  });

  it("answers before looking the address up: member or not, the answer does not wait for the mail", async () => {
    const t = await createTestTenant(testEnv);
    await member(t, "vite@example.org", ["resident"]);
    // A controlled step: while this transaction holds the lock, no sign-in link can be stored (so
    // no mail written). The server ends the transaction on its own if the test stops early.
    const pool = createPool(testEnv.TEST_ADMIN_DATABASE_URL, testEnv.NEON_WS_PROXY);
    const holder = await pool.connect();
    try {
      await holder.query("BEGIN; SET LOCAL idle_in_transaction_session_timeout = '10s'; LOCK TABLE magic_links IN SHARE MODE");
      for (const email of ["vite@example.org", "inconnu@example.org"]) {
        const res = await gateway(
          new Request(`${base(t)}/api/identity/auth/magic-link`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ email }),
          }),
        );
        expect(res.status).toBe(202);
        await res.arrayBuffer();
      }
      // Both answered while the member's link was still blocked: nothing is in the outbox yet.
      expect(await adminQuery(testEnv, "SELECT 1 FROM outbox WHERE tenant_id = $1", [t.id])).toHaveLength(0);
      await holder.query("COMMIT");
    } finally {
      holder.release();
      await pool.end();
    }
    // Released: the member's mail follows.
    expect(await linkInOutbox(t)).toContain(`/t/${t.slug}/api/identity/auth/magic-link/callback?token=`);
  });

  it("a link is single use, expires, and only works in the browser that asked", async () => {
    const t = await createTestTenant(testEnv);
    await member(t, "a@example.org", ["resident"]);
    const browser = await askLink(t, "a@example.org");
    const link = await linkInOutbox(t);
    const otherBrowser = await gateway(new Request(link, { headers: { cookie: `${LINK_COOKIE}=autre` }, redirect: "manual" }));
    expect(otherBrowser.status).toBe(401);
    expect(((await otherBrowser.json()) as { detail: string }).detail).toContain("navigateur");
    const ok = await gateway(new Request(link, { headers: { cookie: `${LINK_COOKIE}=${browser}` }, redirect: "manual" }));
    expect(ok.status).toBe(303);
    const again = await gateway(new Request(link, { headers: { cookie: `${LINK_COOKIE}=${browser}` }, redirect: "manual" }));
    expect(again.status).toBe(401);
    await again.arrayBuffer();

    const b2 = await askLink(t, "a@example.org");
    const late = await linkInOutbox(t);
    await adminQuery(testEnv, "UPDATE magic_links SET expires_at = now() - interval '1 second' WHERE tenant_id = $1 AND used_at IS NULL", [t.id]);
    const expired = await gateway(new Request(late, { headers: { cookie: `${LINK_COOKIE}=${b2}` }, redirect: "manual" }));
    expect(expired.status).toBe(401);
    await expired.arrayBuffer();
  });

  it("writes with a session need the same origin and the CSRF token", async () => {
    const t = await createTestTenant(testEnv);
    await member(t, "w@example.org", ["admin"]);
    const session = await signIn(t, "w@example.org");
    const put = (headers: Record<string, string>) =>
      gateway(
        new Request(
          `${base(t)}/api/territory/profile`,
          withSession(session, {
            method: "PUT",
            headers: { "content-type": "application/json", ...headers },
            body: JSON.stringify({ phone: "03 44 00 00 09" }),
          }),
        ),
      );
    const noToken = await put({ origin: "http://localhost" });
    expect(noToken.status).toBe(403);
    await noToken.arrayBuffer();
    const me = (await (await gateway(new Request(`${base(t)}/api/identity/session`, withSession(session)))).json()) as { csrfToken: string };
    const crossSite = await put({ origin: "https://evil.example", [CSRF_HEADER]: me.csrfToken });
    expect(crossSite.status).toBe(403);
    await crossSite.arrayBuffer();
    const ok = await put({ origin: "http://localhost", [CSRF_HEADER]: me.csrfToken });
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
  });

  it("idle and absolute timeouts, own sessions listed and revoked, sign-out", async () => {
    const t = await createTestTenant(testEnv);
    const id = await member(t, "s@example.org", ["resident"]);
    const first = await signIn(t, "s@example.org");
    const second = await signIn(t, "s@example.org");
    expect(second).not.toBe(first);
    const list = (await (await gateway(new Request(`${base(t)}/api/identity/sessions`, withSession(second)))).json()) as {
      sessions: Array<{ id: string; current: boolean }>;
    };
    expect(list.sessions).toHaveLength(2);
    const other = list.sessions.find((s) => !s.current)!;
    const me = (await (await gateway(new Request(`${base(t)}/api/identity/session`, withSession(second)))).json()) as { csrfToken: string };
    const csrf = { origin: "http://localhost", [CSRF_HEADER]: me.csrfToken };
    const del = await gateway(new Request(`${base(t)}/api/identity/sessions/${other.id}`, withSession(second, { method: "DELETE", headers: csrf })));
    expect(del.status).toBe(204);
    const revoked = await gateway(new Request(`${base(t)}/api/identity/sessions`, withSession(first)));
    expect(revoked.status).toBe(401);
    await revoked.arrayBuffer();

    await adminQuery(testEnv, "UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE person_id = $1", [id]);
    const idle = await gateway(new Request(`${base(t)}/api/identity/sessions`, withSession(second)));
    expect(idle.status).toBe(401);
    expect(((await idle.json()) as { detail: string }).detail).toContain("expirée");

    const third = await signIn(t, "s@example.org");
    await adminQuery(testEnv, "UPDATE sessions SET absolute_expires_at = now() - interval '1 second' WHERE person_id = $1 AND revoked_at IS NULL", [id]);
    const absolute = await gateway(new Request(`${base(t)}/api/identity/sessions`, withSession(third)));
    expect(absolute.status).toBe(401);
    await absolute.arrayBuffer();

    const fourth = await signIn(t, "s@example.org");
    const me4 = (await (await gateway(new Request(`${base(t)}/api/identity/session`, withSession(fourth)))).json()) as { csrfToken: string };
    const out = await gateway(
      new Request(
        `${base(t)}/api/identity/auth/logout`,
        withSession(fourth, { method: "POST", headers: { origin: "http://localhost", [CSRF_HEADER]: me4.csrfToken } }),
      ),
    );
    expect(out.status).toBe(200);
    // An e-mail session has no identity provider to sign out from.
    expect(await out.json()).toEqual({ logoutUrl: null });
    expect(out.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=;`) && c.includes("Max-Age=0"))).toBe(true);
    const after = await gateway(new Request(`${base(t)}/api/identity/sessions`, withSession(fourth)));
    expect(after.status).toBe(401);
    await after.arrayBuffer();
    const actions = (await adminQuery<{ action: string }>(testEnv, "SELECT action FROM audit_journal WHERE tenant_id = $1 ORDER BY seq", [t.id])).map(
      (r) => r.action,
    );
    expect(actions).toContain("identity.session.create");
    expect(actions).toContain("identity.session.revoke");
  });
});
