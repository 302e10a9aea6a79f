/**
 * The swimming pool's Décret tertiaire file out of a year of imported invoices (issue #22): invoice
 * periods spread over calendar years by days, the trajectory against the 2019 reference year with
 * the −40 / −50 / −60 % targets, the OPERAT-ready CSV, refused invoice lines named in French and a
 * re-import that changes nothing.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import { AppError } from "@communa/core";
import { readCsv } from "@communa/core/csv";
import { baseLoadDays, monthly, nightBaseLoadAlerts, spreadOverMonths, spreadOverYears } from "./energy-core.ts";
import {
  buildingConsumption,
  buildingTrajectory,
  handleEnergyAlert,
  importInvoices,
  importLoadCurve,
  listEnergyAlerts,
  operatCsv,
  saveBuilding,
} from "./energy.ts";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string; DATABASE_URL: string };

/** Monthly invoices of a year for a delivery point, `kwh(month)` each. */
function invoices(point: string, energy: string, year: number, kwh: (month: number) => number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const last = new Date(Date.UTC(year, i + 1, 0)).getUTCDate();
    const mm = String(i + 1).padStart(2, "0");
    return `${point};${energy};${year}-${mm}-01;${year}-${mm}-${last};${kwh(i + 1)}`;
  });
}

describe("energy rules by year", () => {
  it("spreads an invoice crossing the new year over both years by days", () => {
    const split = spreadOverYears("2025-12-17", "2026-01-15", 3000);
    expect(Math.round(split.get(2025)!)).toBe(1500);
    expect(Math.round(split.get(2026)!)).toBe(1500);
  });
});

/**
 * A day's load curve as Enedis exports it: 30-minute steps, each stamped at its end with the Paris
 * offset of that instant, `watts(hour)` for the step starting in that hour.
 */
function loadDay(point: string, day: string, offset: string, watts: (hour: number) => number): string[] {
  const start = Date.parse(`${day}T00:00:00${offset}`);
  return Array.from({ length: 48 }, (_, i) => {
    const end = new Date(start + (i + 1) * 1_800_000);
    const local = new Date(end.getTime() + Number(offset.slice(0, 3)) * 3_600_000).toISOString().slice(0, 19);
    return `${point};electricity;${local}${offset};${watts(Math.floor(i / 2))};30`;
  });
}

describe("energy rules", () => {
  it("spreads an invoice over months by days, and sums months per energy", () => {
    const split = spreadOverMonths("2031-01-17", "2031-02-15", 3000);
    expect([...split.keys()]).toEqual(["2031-01", "2031-02"]);
    expect(Math.round(split.get("2031-01")!)).toBe(1500);
    expect(
      monthly([
        { energy: "gas", periodStart: "2031-01-01", periodEnd: "2031-01-31", kwh: 900 },
        { energy: "electricity", periodStart: "2031-01-17", periodEnd: "2031-02-15", kwh: 3000 },
      ]),
    ).toEqual([
      { month: "2031-01", byEnergy: { gas: 900, electricity: 1500 }, kwh: 2400 },
      { month: "2031-02", byEnergy: { electricity: 1500 }, kwh: 1500 },
    ]);
  });

  it("compares the night's mean power (0–5 h, Paris time) with the working day's (8–18 h), on fully covered days only", () => {
    const points = (day: string, offset: string, watts: (h: number) => number) =>
      loadDay("P", day, offset, watts).map((l) => {
        const [, , at, w, step] = l.split(";");
        return { at: new Date(at), watts: Number(w), stepMinutes: Number(step) };
      });
    // A winter day (UTC+1) with a 3 kW night against 10 kW by day; a summer day (UTC+2) with a
    // 1 kW night; a day missing its 3 o'clock hour.
    const winter = points("2031-01-14", "+01:00", (h) => (h < 6 ? 3000 : h >= 8 && h < 18 ? 10_000 : 5000));
    const summer = points("2031-07-15", "+02:00", (h) => (h < 6 ? 1000 : 10_000));
    const gap = points("2031-07-16", "+02:00", () => 5000).filter((p) => new Date(p.at.getTime() - 1_800_000).getUTCHours() !== 1);
    const days = baseLoadDays([...winter, ...summer, ...gap]);
    expect(days).toEqual([
      { day: "2031-01-14", nightWatts: 3000, dayWatts: 10_000, ratio: 0.3 },
      { day: "2031-07-15", nightWatts: 1000, dayWatts: 10_000, ratio: 0.1 },
    ]);
    expect(nightBaseLoadAlerts(days, 0.25).map((d) => d.day)).toEqual(["2031-01-14"]);
    expect(nightBaseLoadAlerts([{ day: "2031-01-01", nightWatts: 0, dayWatts: 0, ratio: 0 }], 0.5)).toEqual([]);
  });
});

describe("the pool's trajectory and OPERAT file", () => {
  it("come out of a year of imported invoices", async () => {
    const t = await createTestTenant(testEnv, { kind: "epci" });
    const ctx = testContext(t, person("environment:write", "environment:read"));
    await withDb(testEnv, async (db) => {
      const pool = await saveBuilding(db, ctx, {
        reference: "PISC-01",
        name: "Piscine de la Vallée dorée",
        communeInsee: "60360",
        floorAreaM2: 1850,
        activity: "sport",
        referenceYear: 2019,
        meters: [
          { energy: "electricity", deliveryPoint: "14600000000001" },
          { energy: "gas", deliveryPoint: "GI000001" },
        ],
      });
      expect(pool.inScope).toBe(true);
      const small = await saveBuilding(db, ctx, {
        reference: "MAIRIE",
        name: "Mairie annexe",
        floorAreaM2: 420,
        activity: "bureaux",
        meters: [{ energy: "electricity", deliveryPoint: "14600000000009" }],
      });
      expect(small.inScope).toBe(false);

      const csv = [
        "point_livraison;energie;debut;fin;kwh",
        ...invoices("14600000000001", "electricity", 2019, () => 50_000),
        ...invoices("GI000001", "gas", 2019, (m) => (m <= 3 || m >= 11 ? 150_000 : 75_000)),
        ...invoices("14600000000001", "electricity", 2026, () => 40_000),
        ...invoices("GI000001", "gas", 2026, (m) => (m <= 3 || m >= 11 ? 110_000 : 55_000)),
        ...invoices("14600000000009", "electricity", 2026, () => 3_000),
      ].join("\n");
      expect(await importInvoices(db, ctx, csv)).toEqual({ lines: 60, changed: 60 });
      expect(await importInvoices(db, ctx, csv)).toEqual({ lines: 60, changed: 0 });

      const traj = await buildingTrajectory(db, ctx, pool.id, new Date("2026-12-03T10:00:00Z"));
      // 2019: 600,000 kWh of electricity + 5 × 150,000 + 7 × 75,000 of gas = 1,875,000 kWh.
      expect(traj.referenceKwh).toBe(1_875_000);
      expect(traj.referenceComplete).toBe(true);
      expect(traj.targets).toEqual([
        { year: 2030, reduction: 0.4, maxKwh: 1_125_000 },
        { year: 2040, reduction: 0.5, maxKwh: 937_500 },
        { year: 2050, reduction: 0.6, maxKwh: 750_000 },
      ]);
      // 2026: 480,000 + 5 × 110,000 + 7 × 55,000 = 1,415,000 kWh, 24.5 % below 2019.
      expect(traj.years.find((y) => y.year === 2026)).toEqual({ year: 2026, kwh: 1_415_000, complete: true, changePct: -24.5 });

      const use = await buildingConsumption(db, ctx, pool.id);
      expect(use.years).toEqual([
        { year: 2019, kwh: 1_875_000, days: 365 },
        { year: 2026, kwh: 1_415_000, days: 365 },
      ]);
      expect(use.months).toHaveLength(24);
      expect(use.months.find((mo) => mo.month === "2026-01")).toEqual({ month: "2026-01", byEnergy: { electricity: 40_000, gas: 110_000 }, kwh: 150_000 });

      const operat = readCsv(await operatCsv(db, ctx, 2026));
      expect(operat.data).toEqual([
        expect.objectContaining({
          reference_batiment: "PISC-01",
          energie: "Électricité",
          consommation_brute_kwh: "480000",
          surface_m2: "1850",
          annee_reference: "2019",
          jours_couverts: "365",
        }),
        expect.objectContaining({ reference_batiment: "PISC-01", energie: "Gaz naturel", consommation_brute_kwh: "935000", categorie_activite: "sport" }),
      ]);

      const refused = await importInvoices(
        db,
        ctx,
        "point_livraison;energie;debut;fin;kwh\n99999;electricity;2026-01-01;2026-01-31;12\n14600000000001;electricity;2026-02-31;2026-02-01;-4",
      ).catch((e) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).fieldErrors?.map((e) => e.message)).toEqual([
        "Ligne 2 : aucun compteur ne porte le point de livraison « electricity 99999 ».",
        "Ligne 3 : « debut » doit être une date (AAAA-MM-JJ).",
        "Ligne 3 : « kwh » doit être un nombre positif.",
      ]);
    });
  });
});

describe("the gymnasium's load curve", () => {
  it("raises a night base-load alert, once, which an agent closes with a note; a refused line is named", async () => {
    const t = await createTestTenant(testEnv, { kind: "epci" });
    const ctx = testContext(t, person("environment:write", "environment:read"));
    await withDb(testEnv, async (db) => {
      const gym = await saveBuilding(db, ctx, {
        reference: "GYM-02",
        name: "Gymnase Marcel-Cerdan",
        floorAreaM2: 1200,
        activity: "sport",
        meters: [{ energy: "electricity", deliveryPoint: "14600000000077" }],
      });
      // Monday: lights left on all night (6 kW of 10 kW by day); Tuesday: a normal 1.5 kW night.
      const csv = [
        "point_livraison;energie;horodatage;puissance_w;pas_minutes",
        ...loadDay("14600000000077", "2031-01-13", "+01:00", (h) => (h >= 8 && h < 18 ? 10_000 : 6000)),
        ...loadDay("14600000000077", "2031-01-14", "+01:00", (h) => (h >= 8 && h < 18 ? 10_000 : 1500)),
      ].join("\n");
      const now = new Date("2031-01-15T08:00:00Z");
      // The span is the file's first and last step ends (the halls' days are checked over it).
      const span = { from: new Date("2031-01-13T00:30:00+01:00"), to: new Date("2031-01-15T00:00:00+01:00") };
      expect(await importLoadCurve(db, ctx, csv, now)).toEqual({ lines: 96, alertsOpened: 1, span });
      // The same file again: the same points, no second alert.
      expect(await importLoadCurve(db, ctx, csv, now)).toEqual({ lines: 96, alertsOpened: 0, span });
      const [alert, ...others] = await listEnergyAlerts(db, ctx);
      expect(others).toEqual([]);
      expect(alert).toMatchObject({ day: "2031-01-13", buildingName: "Gymnase Marcel-Cerdan", nightWatts: 6000, dayWatts: 10_000, ratio: 0.6, status: "open" });

      const done = await handleEnergyAlert(db, ctx, alert.id, { status: "done", note: "Minuterie de l’éclairage réglée" }, now);
      expect(done).toMatchObject({ status: "done", note: "Minuterie de l’éclairage réglée" });
      expect(await listEnergyAlerts(db, ctx, "open")).toEqual([]);
      // A re-import keeps what the agent did.
      await importLoadCurve(db, ctx, csv, now);
      expect((await listEnergyAlerts(db, ctx))[0]).toMatchObject({ status: "done", note: "Minuterie de l’éclairage réglée" });

      const refused = await importLoadCurve(
        db,
        ctx,
        "point_livraison;energie;horodatage;puissance_w;pas_minutes\n14600000000077;electricity;2031-01-13 00:30;12;30\n14600000000077;electricity;2031-01-13T01:00:00+01:00;-3;90",
        now,
      ).catch((e) => e);
      expect((refused as AppError).fieldErrors?.map((e) => e.message)).toEqual([
        "Ligne 2 : « horodatage » doit être un instant avec son fuseau (AAAA-MM-JJTHH:MM+01:00).",
        "Ligne 3 : « puissance_w » doit être un nombre positif.",
        "Ligne 3 : « pas_minutes » doit être un nombre entier de minutes, de 1 à 60.",
      ]);

      // Another tenant sees neither the building's consumption nor its alerts.
      const other = testContext(await createTestTenant(testEnv, { kind: "epci" }), person("environment:write", "environment:read"));
      expect(await listEnergyAlerts(db, other)).toEqual([]);
      expect(await buildingConsumption(db, other, gym.id).catch((e) => (e as AppError).status)).toBe(404);
      expect(await handleEnergyAlert(db, other, alert.id, { status: "open" }).catch((e) => (e as AppError).status)).toBe(404);
    });
  });
});
