/**
 * The nightly refresh against the local Hub'Eau stand-in: a tenant that follows a station and has
 * imported its water asks for both over their windows and writes them once; the next night writes
 * nothing new; a week later the raw real-time levels join the chart after the validated days; a
 * tenant that follows nothing asks Hub'Eau nothing; Hub'Eau down for one step is
 * reported and the other step still runs. The night is an input (the recorded answers' autumn).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import { fakeHubeau, RECORDED } from "@communa/core/testing/hubeau";
import { groundwaterChart, saveStation } from "./groundwater.ts";
import { refreshTenant, REFRESH_DAYS } from "./refresh.ts";
import { storeWater } from "./water-import.ts";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string; DATABASE_URL: string };
/** The CCLVD's SIREN: its member communes are the territory the water refresh asks for. */
const CCLVD_SIREN = "246000129";
const night = new Date("2026-11-30T03:50:00Z");
const instant = { wait: async () => {} };

describe("nightly Hub'Eau refresh", () => {
  it("refreshes the stations followed and the water of a territory that imports it, once; a tenant following nothing asks nothing", async () => {
    const epci = { ...(await createTestTenant(testEnv, { kind: "epci" })), siren: CCLVD_SIREN };
    const idle = await createTestTenant(testEnv, { kind: "epci" });
    const fake = fakeHubeau();
    await withDb(testEnv, async (db) => {
      const ctx = testContext(epci, person("environment:write"));
      await saveStation(db, ctx, { kind: "hubeau", code: "01035X0087/F1", name: "Station BRGM de Cauffry" });
      // The service imported its water once (a saved answer): from then on the night keeps it fresh.
      await storeWater(db, ctx, 2026, { networks: [], results: RECORDED.resultats_dis.filter((r) => String(r.date_prelevement) < "2026-06-01") as never });
      const hubeau = { baseUrl: "http://hubeau.test/api", fetch: fake.fetch, ...instant };

      const first = await refreshTenant({ db, hubeau }, epci, night);
      expect(first.failures).toEqual([]);
      const inWindow = RECORDED.chroniques.filter((r) => String(r.date_mesure) >= "2026-10-31" && String(r.date_mesure) <= "2026-11-30");
      // The raw real-time levels after the last validated day (1–7 December) come too.
      expect(first.stations).toEqual([{ code: "01035X0087/F1", inserted: inWindow.length, raw: 0 }]);
      expect(first.water!.samples).toBeGreaterThan(0);
      const asked = fake.asked.map((u) => [
        u.pathname.replace(/^.*\/v1\//, ""),
        u.searchParams.get("date_min_prelevement") ?? u.searchParams.get("date_debut_mesure"),
      ]);
      expect(asked).toContainEqual(["niveaux_nappes/chroniques", "2026-10-31"]);
      expect(asked).toContainEqual(["qualite_eau_potable/resultats_dis", "2026-09-01"]);
      expect(REFRESH_DAYS).toEqual({ groundwater: 30, raw: 10, water: 90 });

      const again = await refreshTenant({ db, hubeau }, epci, night);
      expect(again.stations).toEqual([{ code: "01035X0087/F1", inserted: 0, raw: 0 }]);
      // A week later: the raw real-time levels of 1–7 December, on the chart after the validated days.
      const later = await refreshTenant({ db, hubeau }, epci, new Date("2026-12-08T03:50:00Z"));
      expect(later.stations).toEqual([{ code: "01035X0087/F1", inserted: 0, raw: RECORDED.chroniques_tr.length }]);
      const chart = await groundwaterChart({ db, ctx, now: new Date("2026-12-08T03:50:00Z"), days: 30 });
      const points = chart.series.find((x) => x.code === "01035X0087/F1")!.points;
      expect(points.at(-1)).toEqual({ at: "2026-12-07T06:00:00Z", depth: 15.39, status: "raw" });
      expect(points.find((p) => p.at.startsWith("2026-11-30"))?.status).toBe("validated");
      expect(again.water).toEqual({ samples: 0, results: 0 });

      const before = fake.asked.length;
      expect(await refreshTenant({ db, hubeau }, idle, night)).toEqual({ stations: [], water: null, failures: [] });
      expect(fake.asked.length).toBe(before);

      // Hub'Eau refuses the station's request (after its retries): said, and the water still refreshed.
      fake.failNext(...Array(10).fill(503));
      const down = await refreshTenant({ db, hubeau }, epci, night);
      expect(down.failures).toHaveLength(1);
      expect(down.failures[0]).toMatch(/^station 01035X0087\/F1 : /);
      expect(down.water).toEqual({ samples: 0, results: 0 });
    });
  });
});
