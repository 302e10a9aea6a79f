/**
 * The daily cron of the waste Worker applies the retention periods: a check older than 3 years goes
 * with its photo in R2, a lift older than 6 years goes; recent ones stay.
 */
import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";
import { adminQuery, createTestTenant } from "@communa/core/testing";
import { uuidv7 } from "@communa/core";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string; CHECK_PHOTOS: R2Bucket };

it("the scheduled handler purges expired checks (and their photos) and lifts, and keeps recent ones", async () => {
  const t = await createTestTenant(testEnv);
  const binId = uuidv7();
  await adminQuery(
    testEnv,
    "INSERT INTO waste_bins (id, tenant_id, chip_id, stream, volume_litres, status) VALUES ($1, $2, $3, 'residual', 120, 'in_service')",
    [binId, t.id, `250${Date.now()}`],
  );
  const oldPhoto = `checks/${t.id}/${uuidv7()}.webp`;
  const newPhoto = `checks/${t.id}/${uuidv7()}.webp`;
  await testEnv.CHECK_PHOTOS.put(oldPhoto, new Uint8Array([1, 2, 3]));
  await testEnv.CHECK_PHOTOS.put(newPhoto, new Uint8Array([4, 5, 6]));
  await adminQuery(
    testEnv,
    "INSERT INTO waste_bin_checks (id, tenant_id, bin_id, checked_at, grade, photo_key) VALUES (gen_random_uuid(), $1, $2, now() - interval '3 years 1 day', 'C', $3), (gen_random_uuid(), $1, $2, now() - interval '2 years', 'A', $4)",
    [t.id, binId, oldPhoto, newPhoto],
  );
  const lift = (eventId: string, age: string) =>
    adminQuery(
      testEnv,
      `INSERT INTO waste_lifts (id, tenant_id, event_id, device_id, chip_id, bin_id, truck, round, lifted_at, lon, lat, stream) VALUES ($1, $2, $3, $4, 'x', $5, 'BOM-1', 'nord', now() - interval '${age}', 2.46, 49.33, 'residual')`,
      [uuidv7(), t.id, eventId, uuidv7(), binId],
    );
  await lift("old", "6 years 1 day");
  await lift("recent", "5 years");

  await (exports.default as unknown as { scheduled(c: { cron: string; scheduledTime: number }): Promise<void> }).scheduled({
    cron: "55 3 * * *",
    scheduledTime: Date.now(),
  });

  expect((await adminQuery<{ grade: string }>(testEnv, "SELECT grade FROM waste_bin_checks WHERE tenant_id = $1", [t.id])).map((r) => r.grade)).toEqual(["A"]);
  expect((await adminQuery<{ event_id: string }>(testEnv, "SELECT event_id FROM waste_lifts WHERE tenant_id = $1", [t.id])).map((r) => r.event_id)).toEqual([
    "recent",
  ]);
  expect(await testEnv.CHECK_PHOTOS.get(oldPhoto)).toBeNull();
  expect(await testEnv.CHECK_PHOTOS.head(newPhoto)).not.toBeNull();
});
