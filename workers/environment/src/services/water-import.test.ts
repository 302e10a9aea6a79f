/**
 * The Hub'Eau drinking-water import against a local fake that speaks Hub'Eau's paging and errors,
 * serving recorded answers: paging within the depth limit (the date range is split when a range
 * holds more), at most 10 requests per second, retries with backoff, and idempotence on the sample
 * code (a second import writes nothing; a corrected result is updated).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminQuery, createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import { fakeHubeau, RECORDED } from "@communa/core/testing/hubeau";
import { HubeauClient, splitRange } from "./hubeau.ts";
import { importWater } from "./water-import.ts";
import { communeWater } from "./water.ts";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string; DATABASE_URL: string };
const CCLVD = ["60360", "60524", "60134", "60342"];

/** A clock that only moves when the client waits: the spacing of requests is read off it. */
function fakeClock() {
  let t = 1_000_000;
  const waits: number[] = [];
  return {
    now: () => t,
    wait: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
    waits,
  };
}

describe("Hub'Eau client", () => {
  it("splits an inclusive range of days into two halves that do not overlap", () => {
    expect(splitRange({ from: "2024-01-01", to: "2024-12-31" })).toEqual([
      { from: "2024-01-01", to: "2024-07-01" },
      { from: "2024-07-02", to: "2024-12-31" },
    ]);
    expect(splitRange({ from: "2024-03-01", to: "2024-03-02" })).toEqual([
      { from: "2024-03-01", to: "2024-03-01" },
      { from: "2024-03-02", to: "2024-03-02" },
    ]);
  });

  it("pages with 206 then 200, splits the date range past the depth limit, and gets every row once", async () => {
    const fake = fakeHubeau({ maxDepth: 60 });
    const clock = fakeClock();
    const client = new HubeauClient(
      { baseUrl: "http://hubeau.test/api", fetch: fake.fetch, ...clock },
      { size: 20, maxDepth: 60, spacingMs: 100, attempts: 10 },
    );
    const rows = await client.byDateRange<{ code_prelevement: string; code_parametre: string }>(
      "v1/qualite_eau_potable/resultats_dis",
      { code_commune: ["60360"] },
      { from: "2024-01-01", to: "2026-12-31" },
      ["date_min_prelevement", "date_max_prelevement"],
    );
    const expected = RECORDED.resultats_dis.filter((r) => r.code_commune === "60360");
    expect(expected.length).toBeGreaterThan(60);
    expect(rows).toHaveLength(expected.length);
    expect(new Set(rows.map((r) => `${r.code_prelevement}/${r.code_parametre}`)).size).toBe(expected.length);
    // No page beyond the depth limit was asked, and the range was split.
    expect(fake.asked.every((u) => Number(u.searchParams.get("page")) * Number(u.searchParams.get("size")) <= 60)).toBe(true);
    expect(new Set(fake.asked.map((u) => u.searchParams.get("date_min_prelevement"))).size).toBeGreaterThan(2);
    // Never more than 10 requests per second: every request after the first waited its turn.
    expect(clock.waits.length).toBe(fake.asked.length - 1);
    expect(clock.waits.every((w) => w === 100)).toBe(true);
  });

  it("retries 503 and dropped connections with a growing backoff, and gives up on a 400", async () => {
    const fake = fakeHubeau();
    const clock = fakeClock();
    const client = new HubeauClient({ baseUrl: "http://hubeau.test/api/", fetch: fake.fetch, ...clock });
    fake.failNext(503, "drop", 502);
    const page = await client.get("v1/qualite_eau_potable/communes_udi", { code_commune: ["60360"], annee: 2026 });
    expect(page.count).toBe(1);
    expect(fake.asked).toHaveLength(4);
    expect(clock.waits).toEqual([500, 1000, 2000]);
    fake.failNext(400);
    await expect(client.get("v1/qualite_eau_potable/communes_udi", {})).rejects.toThrow(/400/);
  });
});

describe("drinking-water import", () => {
  it("imports the territory's networks and results, is idempotent on the sample code, and updates a corrected result", async () => {
    const t = await createTestTenant(testEnv, { kind: "epci" });
    const ctx = testContext(t, person("environment:write"));
    const fake = fakeHubeau();
    const input = { communes: CCLVD, year: 2026, from: "2024-01-01", to: "2026-12-31" };
    const samples = new Set(RECORDED.resultats_dis.map((r) => r.code_prelevement)).size;
    await withDb(testEnv, async (db) => {
      const first = await importWater({ db, ctx, hubeau: { baseUrl: "http://hubeau.test/api", fetch: fake.fetch, wait: async () => {} } }, input);
      expect(first.networks).toBe(4);
      expect(first.samples).toEqual({ inserted: samples, updated: 0 });
      expect(first.results).toEqual({ inserted: RECORDED.resultats_dis.length, updated: 0 });

      const again = await importWater({ db, ctx, hubeau: { baseUrl: "http://hubeau.test/api", fetch: fake.fetch, wait: async () => {} } }, input);
      expect(again.samples).toEqual({ inserted: 0, updated: 0 });
      expect(again.results).toEqual({ inserted: 0, updated: 0 });

      // The ARS corrects one nitrate result: the next import updates that row only.
      const corrected = structuredClone(RECORDED);
      const row = corrected.resultats_dis.find((r) => r.code_commune === "60524" && r.code_parametre === "1340")!;
      row.resultat_numerique = 41.5;
      const third = await importWater(
        { db, ctx, hubeau: { baseUrl: "http://hubeau.test/api", fetch: fakeHubeau({ data: corrected }).fetch, wait: async () => {} } },
        input,
      );
      expect(third.results).toEqual({ inserted: 0, updated: 1 });
    });
    const [count] = await adminQuery<{ n: string }>(testEnv, "SELECT count(*) AS n FROM env_water_samples WHERE tenant_id = $1", [t.id]);
    expect(Number(count.n)).toBe(samples);
    const journal = await adminQuery<{ action: string }>(testEnv, "SELECT action FROM audit_journal WHERE tenant_id = $1", [t.id]);
    expect(journal.map((j) => j.action)).toEqual(["environment.water.import", "environment.water.import", "environment.water.import"]);
  });

  it("gives a commune its network of the year, its latest conformity and its key parameters with their limits", async () => {
    const t = await createTestTenant(testEnv, { kind: "epci" });
    const ctx = testContext(t, person("environment:write"));
    await withDb(testEnv, async (db) => {
      await importWater(
        { db, ctx, hubeau: { baseUrl: "http://hubeau.test/api", fetch: fakeHubeau().fetch, wait: async () => {} } },
        { communes: CCLVD, year: 2026, from: "2024-01-01", to: "2026-12-31" },
      );
      await importWater(
        { db, ctx, hubeau: { baseUrl: "http://hubeau.test/api", fetch: fakeHubeau().fetch, wait: async () => {} } },
        { communes: CCLVD, year: 2025, from: "2024-01-01", to: "2024-01-01" },
      );
      const view = await communeWater({ db, ctx, insee: "60342", now: new Date("2026-12-03T10:00:00Z") });
      expect(view.networkYear).toBe(2026);
      expect(view.networks).toEqual([{ code: "060000421", name: "VALLEE DOREE SUD" }]);
      // In 2025 the same commune was on another network: a page read that year says so.
      const before = await communeWater({ db, ctx, insee: "60342", now: new Date("2025-06-01T10:00:00Z") });
      expect(before.networks).toEqual([{ code: "060000418", name: "LAIGNEVILLE" }]);

      const liancourt = await communeWater({ db, ctx, insee: "60360", now: new Date("2026-12-03T10:00:00Z") });
      const newest = RECORDED.resultats_dis
        .filter((r) => r.code_commune === "60360")
        .sort((a, b) => (String(a.date_prelevement) < String(b.date_prelevement) ? 1 : -1))[0];
      expect(liancourt.latest?.sampleCode).toBe(newest.code_prelevement);
      expect(liancourt.latest?.chemicalLimits).toEqual({ code: "C", label: "conforme" });
      const nitrates = liancourt.history.find((h) => h.key === "nitrates")!;
      expect(nitrates.limit).toBe(50);
      expect(nitrates.points.length).toBe(35);
      expect(nitrates.points.some((p) => p.value === 52.3)).toBe(true);
      expect(liancourt.history.find((h) => h.key === "pesticides")!.limit).toBe(0.5);
    });
  });
});
