/**
 * Retention (RGPD): the daily job deletes what has outlived its period, in every tenant, and
 * nothing that has not.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminQuery, createTestTenant, withDb } from "@communa/core/testing";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; DATABASE_URL: string; NEON_WS_PROXY: string };

async function person(name: string, lastSeen: string | null) {
  const [p] = await adminQuery<{ id: string }>(
    testEnv,
    `INSERT INTO people (id, display_name, last_seen_at, created_at) VALUES (gen_random_uuid(), $1, ${lastSeen ? `now() - interval '${lastSeen}'` : "NULL"}, now() - interval '5 years') RETURNING id`,
    [name],
  );
  return p.id;
}

async function session(tenant: string, personId: string, revokedAgo: string | null, absoluteIn: string) {
  const [s] = await adminQuery<{ id: string }>(
    testEnv,
    `INSERT INTO sessions (id, tenant_id, person_id, token_hash, method, idle_seconds, absolute_expires_at, last_seen_at, revoked_at)
     VALUES (gen_random_uuid(), $1, $2, decode(md5(random()::text), 'hex'), 'magic-link', 1800, now() + interval '${absoluteIn}', now(), ${revokedAgo ? `now() - interval '${revokedAgo}'` : "NULL"}) RETURNING id`,
    [tenant, personId],
  );
  return s.id;
}

describe("retention", () => {
  it("deletes expired sessions and links, old mail, and people without a role for 3 years — in every tenant", async () => {
    const a = await createTestTenant(testEnv);
    const b = await createTestTenant(testEnv);
    const member = await person("Membre", "4 years");
    await adminQuery(testEnv, "INSERT INTO memberships (tenant_id, person_id, role, granted_by) VALUES ($1, $2, 'resident', 'test')", [b.id, member]);
    const gone = await person("Sans rôle depuis 4 ans", "4 years");
    const recent = await person("Sans rôle depuis 1 an", "1 year");

    const old = await session(a.id, member, "31 days", "1 day");
    const fresh = await session(a.id, member, "1 day", "1 day");
    const live = await session(b.id, member, null, "10 hours");
    const expiredLongAgo = await session(b.id, member, null, "-40 days");
    await adminQuery(
      testEnv,
      "INSERT INTO outbox (id, tenant_id, recipient, subject, body, created_at) VALUES (gen_random_uuid(), $1, 'x@example.org', 's', 'b', now() - interval '31 days'), (gen_random_uuid(), $1, 'y@example.org', 's', 'b', now())",
      [a.id],
    );

    const counts = await withDb(testEnv, (db) => db.applyRetention());
    expect(counts.sessions).toBeGreaterThanOrEqual(2);
    expect(counts.people).toBeGreaterThanOrEqual(1);

    const ids = (await adminQuery<{ id: string }>(testEnv, "SELECT id FROM sessions WHERE tenant_id IN ($1, $2)", [a.id, b.id])).map((r) => r.id).sort();
    expect(ids).toEqual([fresh, live].sort());
    expect(ids).not.toContain(old);
    expect(ids).not.toContain(expiredLongAgo);
    expect(await adminQuery(testEnv, "SELECT recipient FROM outbox WHERE tenant_id = $1", [a.id])).toEqual([{ recipient: "y@example.org" }]);
    const people = (await adminQuery<{ id: string }>(testEnv, "SELECT id FROM people WHERE id IN ($1, $2, $3)", [member, gone, recent]))
      .map((r) => r.id)
      .sort();
    expect(people).toEqual([member, recent].sort());
  });
});
