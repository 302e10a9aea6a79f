/**
 * The France Services Worker's daily cron applies the retention periods: an accompaniment goes the
 * day after its own retain_until (recent ones stay), a registration one month after its session
 * (a registration to a coming session stays).
 */
import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";
import { adminQuery, createTestTenant } from "@communa/core/testing";
import { uuidv7 } from "@communa/core";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };

it("the scheduled handler purges accompaniments past their retention and registrations a month after their session", async () => {
  const t = await createTestTenant(testEnv);
  const one = async (sql: string, params: unknown[] = []) => (await adminQuery<{ id: string }>(testEnv, sql, [uuidv7(), t.id, ...params]))[0].id;
  const accompaniment = (retainUntil: string) =>
    one(
      `INSERT INTO france_services_accompaniments (id, tenant_id, day, minutes, channel, commune_insee, operator, family, mission, outcome, autonomy, created_by, retain_until)
       VALUES ($1, $2, current_date - 1100, 15, 'accueil', '60360', 'cnaf', 'famille', 'accompagnement', 'resolu', 2, 'agent', ${retainUntil}) RETURNING id`,
    );
  await accompaniment("current_date - 1");
  const kept = await accompaniment("current_date");
  const partner = await one("INSERT INTO france_services_partners (id, tenant_id, name, kind) VALUES ($1, $2, 'Médiathèque', 'bibliotheque') RETURNING id");
  const session = (startsAt: string) =>
    one(
      `INSERT INTO france_services_sessions (id, tenant_id, partner_id, title, starts_at, minutes, capacity, address) VALUES ($1, $2, $3, 'Soirée Educonnect', ${startsAt}, 90, 20, '1 rue de l’École') RETURNING id`,
      [partner],
    );
  const old = await session("now() - interval '1 month 1 day'");
  const soon = await session("now() + interval '7 days'");
  const registration = (s: string) =>
    one(
      "INSERT INTO france_services_registrations (id, tenant_id, session_id, full_name, phone) VALUES ($1, $2, $3, 'Inès Parent', '0600000000') RETURNING id",
      [s],
    );
  await registration(old);
  const keptRegistration = await registration(soon);

  await (exports.default as unknown as { scheduled(c: { cron: string; scheduledTime: number }): Promise<void> }).scheduled({
    cron: "20 3 * * *",
    scheduledTime: Date.now(),
  });

  const left = async (table: string) => (await adminQuery<{ id: string }>(testEnv, `SELECT id FROM ${table} WHERE tenant_id = $1`, [t.id])).map((r) => r.id);
  expect(await left("france_services_accompaniments")).toEqual([kept]);
  expect(await left("france_services_registrations")).toEqual([keptRegistration]);
});
