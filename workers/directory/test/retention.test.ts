/** The directory Worker's daily cron deletes claims older than 90 days and keeps recent ones. */
import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";
import { adminQuery, createTestTenant } from "@communa/core/testing";
import { uuidv7 } from "@communa/core";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };

it("the scheduled handler purges claims past 90 days", async () => {
  const t = await createTestTenant(testEnv);
  const [business] = await adminQuery<{ id: string }>(
    testEnv,
    "INSERT INTO directory_businesses (id, tenant_id, slug, name, siret, category, address, commune_insee, commune_name, lon, lat) VALUES ($1, $2, $3, 'Boulangerie', '73282932000074', 'Bakery', '1 rue', '60360', 'Liancourt', 2.46, 49.33) RETURNING id",
    [uuidv7(), t.id, `b-${uuidv7()}`],
  );
  const [person] = await adminQuery<{ id: string }>(testEnv, "INSERT INTO people (id, display_name) VALUES ($1, 'Eden') RETURNING id", [uuidv7()]);
  const claim = (status: string, age: string) =>
    adminQuery<{ id: string }>(
      testEnv,
      `INSERT INTO directory_claims (id, tenant_id, business_id, person_id, method, status, expires_at, created_at) VALUES ($1, $2, $3, $4, 'agent', $5, now() - interval '${age}' + interval '1 day', now() - interval '${age}') RETURNING id`,
      [uuidv7(), t.id, business.id, person.id, status],
    );
  await claim("granted", "91 days");
  const [recent] = await claim("refused", "89 days");

  await (exports.default as unknown as { scheduled(c: { cron: string; scheduledTime: number }): Promise<void> }).scheduled({
    cron: "25 3 * * *",
    scheduledTime: Date.now(),
  });

  const left = await adminQuery<{ id: string }>(testEnv, "SELECT id FROM directory_claims WHERE tenant_id = $1", [t.id]);
  expect(left.map((r) => r.id)).toEqual([recent.id]);
});
