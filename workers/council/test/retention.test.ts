/** The daily purge removes convocation receipts past their retention period, and nothing else. */
import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";
import { adminQuery, createTestTenant } from "@communa/core/testing";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };

it("purges expired convocation receipts only", async () => {
  const tenant = await createTestTenant(testEnv);
  const q = <T = { id: string }>(sql: string, params: unknown[]) =>
    adminQuery<T>(testEnv, `WITH s AS (SELECT set_config('app.tenant_id', '${tenant.id}', true)) ${sql}`, params);
  const [council] = await q(
    "INSERT INTO council_councils (id, tenant_id, name, kind) SELECT gen_random_uuid(), $1, 'Conseil municipal', 'municipal' FROM s RETURNING id",
    [tenant.id],
  );
  const [member] = await q(
    "INSERT INTO council_members (id, tenant_id, council_id, full_name, birth_date, mandate_start) SELECT gen_random_uuid(), $1, $2, 'Élu', '1970-01-01', '2020-01-01' FROM s RETURNING id",
    [tenant.id, council.id],
  );
  const sittings = [];
  for (const when of ["2019-06-01", "2026-06-01"]) {
    const [sitting] = await q(
      "INSERT INTO council_sittings (id, tenant_id, council_id, title, starts_at) SELECT gen_random_uuid(), $1, $2, 'Séance', $3 FROM s RETURNING id",
      [tenant.id, council.id, when],
    );
    sittings.push(sitting.id);
  }
  await q(
    "INSERT INTO council_convocations (id, tenant_id, sitting_id, member_id, sent_at, expires_at) SELECT gen_random_uuid(), $1, $2, $3, '2019-05-20', '2025-05-20' FROM s",
    [tenant.id, sittings[0], member.id],
  );
  await q(
    "INSERT INTO council_convocations (id, tenant_id, sitting_id, member_id, sent_at, expires_at) SELECT gen_random_uuid(), $1, $2, $3, now(), now() + interval '6 years' FROM s",
    [tenant.id, sittings[1], member.id],
  );
  await (exports.default as unknown as { scheduled(o: { cron: string }): Promise<unknown> }).scheduled({ cron: "40 3 * * *" });
  const left = await adminQuery<{ sitting_id: string }>(testEnv, "SELECT sitting_id FROM council_convocations WHERE tenant_id = $1", [tenant.id]);
  expect(left.map((r) => r.sitting_id)).toEqual([sittings[1]]);
});
