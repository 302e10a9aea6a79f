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
import { spreadOverYears } from "./energy-core.ts";
import { buildingTrajectory, importInvoices, operatCsv, saveBuilding } from "./energy.ts";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string; DATABASE_URL: string };

/** Monthly invoices of a year for a delivery point, `kwh(month)` each. */
function invoices(point: string, energy: string, year: number, kwh: (month: number) => number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const last = new Date(Date.UTC(year, i + 1, 0)).getUTCDate();
    const mm = String(i + 1).padStart(2, "0");
    return `${point};${energy};${year}-${mm}-01;${year}-${mm}-${last};${kwh(i + 1)}`;
  });
}

describe("energy rules", () => {
  it("spreads an invoice crossing the new year over both years by days", () => {
    const split = spreadOverYears("2025-12-17", "2026-01-15", 3000);
    expect(Math.round(split.get(2025)!)).toBe(1500);
    expect(Math.round(split.get(2026)!)).toBe(1500);
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
