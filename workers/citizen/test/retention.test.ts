/**
 * The citizen Worker's daily cron applies the retention periods: an appointment that ended more
 * than 2 years ago goes, a request closed (or received, never closed) more than 2 years ago goes;
 * recent ones stay.
 */
import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";
import { adminQuery, createTestTenant } from "@communa/core/testing";
import { uuidv7 } from "@communa/core";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };

it("the scheduled handler purges appointments and requests past 2 years", async () => {
  const t = await createTestTenant(testEnv);
  const one = async (sql: string, params: unknown[] = []) => (await adminQuery<{ id: string }>(testEnv, sql, [uuidv7(), t.id, ...params]))[0].id;
  const service = await one("INSERT INTO citizen_services (id, tenant_id, name) VALUES ($1, $2, 'Accueil') RETURNING id");
  const place = await one("INSERT INTO citizen_places (id, tenant_id, name, address) VALUES ($1, $2, 'Mairie', '1 place') RETURNING id");
  const motif = await one(
    "INSERT INTO citizen_motifs (id, tenant_id, service_id, name, duration_minutes, interval_minutes, location_type) VALUES ($1, $2, $3, 'Carte', 30, 30, 'desk') RETURNING id",
    [service],
  );
  const agent = await one("INSERT INTO citizen_agents (id, tenant_id, service_id, display_name) VALUES ($1, $2, $3, 'Agent') RETURNING id", [service]);
  const appointment = (age: string) =>
    one(
      `INSERT INTO citizen_appointments (id, tenant_id, motif_id, agent_id, place_id, starts_at, ends_at, held_from, held_until, name, email, commune_insee)
       VALUES ($1, $2, $3, $4, $5, now() - interval '${age}' - interval '30 minutes', now() - interval '${age}', now() - interval '${age}' - interval '30 minutes', now() - interval '${age}', 'Félix', 'f@example.invalid', '60540') RETURNING id`,
      [motif, agent, place],
    );
  const request = (code: string, received: string, closed: string | null) =>
    one(
      `INSERT INTO citizen_requests (id, tenant_id, code, channel, subject, received_at, closed_at, status)
       VALUES ($1, $2, $3, 'phone', 'Appel', now() - interval '${received}', ${closed ? `now() - interval '${closed}'` : "NULL"}, 'closed') RETURNING id`,
      [code],
    );
  await appointment("2 years 1 day");
  const keptAppointment = await appointment("23 months");
  await request("AAAAAAAA", "3 years", "2 years 1 day");
  const closedLately = await request("BBBBBBBB", "3 years", "1 year");
  await request("CCCCCCCC", "2 years 1 day", null);

  await (exports.default as unknown as { scheduled(c: { cron: string; scheduledTime: number }): Promise<void> }).scheduled({
    cron: "35 3 * * *",
    scheduledTime: Date.now(),
  });

  const left = async (table: string) => (await adminQuery<{ id: string }>(testEnv, `SELECT id FROM ${table} WHERE tenant_id = $1`, [t.id])).map((r) => r.id);
  expect(await left("citizen_appointments")).toEqual([keptAppointment]);
  expect(await left("citizen_requests")).toEqual([closedLately]);
});
