/**
 * One groundwater chart (issue #22 « Done when »): a piezometer's readings arriving through the
 * telemetry consumer and a Hub'Eau station's validated levels (recorded answers, local fake) in one
 * answer, with the drought level of the commune (VigiEau's zone shape) and the EPCI's thresholds;
 * the 14-day trend raises an alert before the threshold is crossed.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import { parisDay, uuidv7 } from "@communa/core";
import { fakeHubeau, RECORDED } from "@communa/core/testing/hubeau";
import { consumeTelemetry, type TelemetryBindings } from "../ingest/consumer.ts";
import { groundwaterChart, importChroniques, importDrought, projectCrossing, saveStation } from "./groundwater.ts";

const testEnv = env as unknown as TelemetryBindings & { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const DAY = 86_400_000;

describe("trend projection", () => {
  const now = Date.parse("2030-08-15T00:00:00Z");
  const series = (slope: number, start: number) => Array.from({ length: 14 }, (_, i) => ({ at: now - (13 - i) * DAY, depth: start + slope * i }));
  it("projects the day a falling water table (rising depth) reaches the threshold", () => {
    const p = projectCrossing(series(0.1, 10), 12.3, now)!;
    expect(p.slope).toBeCloseTo(0.1, 6);
    expect(new Date(p.crossesAt!).toISOString().slice(0, 10)).toBe("2030-08-25");
  });
  it("projects nothing when the water table rises, and the last point when already past", () => {
    expect(projectCrossing(series(-0.1, 10), 12, now)!.crossesAt).toBeNull();
    expect(projectCrossing(series(0.1, 13), 12, now)!.crossesAt).toBe(now);
    expect(projectCrossing(series(0.1, 10).slice(0, 2), 12, now)).toBeNull();
  });
});

describe("groundwater chart", () => {
  it("puts a piezometer's telemetry and a Hub'Eau station on one chart, with thresholds, drought level and a trend alert", async () => {
    const t = await createTestTenant(testEnv, { kind: "epci" });
    const ctx = testContext(t, person("environment:write"));
    const device = uuidv7();
    await withDb(testEnv, async (db) => {
      await saveStation(db, ctx, {
        kind: "device",
        code: device,
        name: "Piézomètre de Rosoy",
        communeInsee: "60547",
        alertZone: "ZA-BRECHE",
        vigilanceDepthM: 14.5,
        alertDepthM: 16,
      });
      const hubeau = await saveStation(db, ctx, { kind: "hubeau", code: "01035X0087/F1", name: "Station BRGM de Cauffry", communeInsee: "60134" });
      // The sensor's depth rises 5 cm a day over the last ten days: 14.5 m is within reach.
      const now = Date.now();
      // Two readings a day (at the day's start and an hour later, 2 cm deeper): the chart draws their mean.
      const bodies = Array.from({ length: 20 }, (_, i) => ({
        v: 1,
        tenantId: t.id,
        deviceId: device,
        eventId: `${device}:${i + 1}`,
        requestId: "test",
        receivedAt: new Date(now).toISOString(),
        event: {
          seq: i + 1,
          at: `${parisDay(now - (10 - (i % 10)) * DAY)}T${i >= 10 ? "11" : "10"}:00:00Z`,
          metric: "nappe.profondeur",
          value: 13.9 + (i % 10) * 0.05 + (i >= 10 ? 0.02 : 0),
          unit: "m",
        },
      }));
      const batch = createMessageBatch(
        "telemetry",
        bodies.map((body, i) => ({ id: `g-${now}-${i}`, timestamp: new Date(), attempts: 1, body })),
      );
      await consumeTelemetry(batch, testEnv);
      expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toHaveLength(20);

      const fake = fakeHubeau();
      const report = await importChroniques(
        { db, ctx, hubeau: { baseUrl: "http://hubeau.test/api", fetch: fake.fetch, wait: async () => {} } },
        { stationId: hubeau.id, from: "2026-05-01", to: "2026-11-30" },
      );
      expect(report.inserted).toBe(RECORDED.chroniques.length);
      const again = await importChroniques(
        { db, ctx, hubeau: { baseUrl: "http://hubeau.test/api", fetch: fake.fetch, wait: async () => {} } },
        { stationId: hubeau.id, from: "2026-05-01", to: "2026-11-30" },
      );
      expect(again.inserted).toBe(0);

      await importDrought(db, ctx, "60547", [
        {
          code: "ZA-BRECHE",
          nom: "Bassin de la Brèche",
          type: "SOU",
          niveauGravite: "alerte_renforcee",
          arreteRestriction: { numero: "2026-SEC-14", dateDebut: "2026-08-01", dateFin: "2026-10-31" },
        },
      ]);

      const chart = await groundwaterChart({ db, ctx, days: 3660 });
      const sensor = chart.series.find((s) => s.kind === "device")!;
      const station = chart.series.find((s) => s.kind === "hubeau")!;
      expect(sensor.points).toHaveLength(10);
      expect(sensor.points[0].depth).toBeCloseTo(13.91, 3);
      expect(sensor.points.every((p) => p.status === "raw")).toBe(true);
      expect(station.points).toHaveLength(RECORDED.chroniques.length);
      expect(station.points[0].status).toBe("validated");
      expect(sensor.thresholds).toEqual({ vigilanceDepthM: 14.5, alertDepthM: 16 });
      expect(sensor.alerts.map((a) => a.level)).toEqual(["vigilance"]);
      expect(sensor.alerts[0].slopeMPerDay).toBeCloseTo(0.05, 3);
      expect(chart.drought).toEqual([
        expect.objectContaining({
          communeInsee: "60547",
          zoneCode: "ZA-BRECHE",
          level: "alerte_renforcee",
          label: "Alerte renforcée",
          orderReference: "2026-SEC-14",
        }),
      ]);
    });
  });
});
