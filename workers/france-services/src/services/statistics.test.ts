import { describe, expect, it } from "vitest";
import { readCsv } from "@communa/core/csv";
import { exportColumns, months, periodFigures, rollUp, statisticsCsv, yearSummary, type Cell } from "./statistics.ts";
import { openingHours } from "./network.ts";

const cell = (over: Partial<Cell>): Cell => ({
  month: "2026-03",
  operator: "cnaf",
  commune: "60360",
  mission: "accompagnement",
  family: "famille",
  channel: "accueil",
  outcome: "resolu",
  autonomy: "2",
  count: 1,
  minutes: 10,
  mandates: 0,
  ...over,
});

describe("statistics", () => {
  const cells = [
    cell({ count: 2, minutes: 30 }),
    cell({ family: "argent", count: 1, minutes: 15, mandates: 1 }),
    cell({ month: "2026-04", operator: "Oise Mobilité", mission: "orientation", count: 3, minutes: 20 }),
  ];

  it("rolls the cube up onto the chosen dimensions", () => {
    expect(rollUp(cells, ["month", "operator"])).toEqual([
      { key: { month: "2026-03", operator: "cnaf" }, count: 3, minutes: 45 },
      { key: { month: "2026-04", operator: "Oise Mobilité" }, count: 3, minutes: 20 },
    ]);
  });

  it("writes the default export as month × operator × commune × mission, and a chosen column set", () => {
    const base = readCsv(statisticsCsv(cells, exportColumns("2026-12-31")));
    expect(base.meta.fields).toEqual(["mois", "organisme", "commune_insee", "mission", "accompagnements", "minutes"]);
    expect(base.data).toEqual([
      { mois: "2026-03", organisme: "cnaf", commune_insee: "60360", mission: "accompagnement", accompagnements: "3", minutes: "45" },
      { mois: "2026-04", organisme: "Oise Mobilité", commune_insee: "60360", mission: "orientation", accompagnements: "3", minutes: "20" },
    ]);
    const byFamily = readCsv(statisticsCsv(cells, exportColumns("2026-12-31", undefined, "family")));
    expect(byFamily.data.map((r) => [r.famille, r.accompagnements])).toEqual([
      ["argent", "1"],
      ["famille", "5"],
    ]);
    expect(() => exportColumns("2026-12-31", undefined, "month,notes")).toThrow();
    expect(() => exportColumns("2026-12-31", "anct-inconnu")).toThrow();
    expect(exportColumns("2026-12-31", "communa-2026-detail")).toHaveLength(8);
  });

  it("fills every month of the period and sums the year for the label", () => {
    expect(months("2025-11-15", "2026-02-01")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    const p = periodFigures(cells, "2026-02-01", "2026-04-30");
    expect(p.byMonth.map((m) => m.count)).toEqual([0, 3, 3]);
    expect(p.total).toBe(6);
    const y = yearSummary(cells, 2026);
    expect(y).toMatchObject({ total: 6, minutes: 65, mandates: 1 });
    expect(y.byMission).toEqual([
      { key: "accompagnement", count: 3, minutes: 45 },
      { key: "orientation", count: 3, minutes: 20 },
    ]);
  });

  it("writes weekly slots as an opening_hours rule", () => {
    expect(
      openingHours([
        { weekday: 3, start: "14:00", end: "17:00" },
        { weekday: 1, start: "09:00", end: "12:00" },
        { weekday: 3, start: "09:00", end: "11:00" },
      ]),
    ).toBe("Mo 09:00-12:00; We 09:00-11:00,14:00-17:00");
  });
});
