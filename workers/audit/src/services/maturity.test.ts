import { describe, expect, it } from "vitest";
import { MEASURES, THEMES, type Measure } from "./anssi.ts";
import { maturity, type MeasureStatus } from "./maturity.ts";

const fixture: Measure[] = [
  { number: 1, theme: "I", level: "standard", title: "a" },
  { number: 2, theme: "I", level: "standard", title: "b" },
  { number: 3, theme: "I", level: "renforcé", title: "c" },
  { number: 4, theme: "II", level: "standard", title: "d" },
  { number: 5, theme: "II", level: "standard", title: "e" },
];

describe("maturity per theme", () => {
  it("counts done, half of partial, and leaves not-applicable measures out of the share", () => {
    const s = new Map<number, MeasureStatus>([
      [1, "done"],
      [2, "partial"],
      [3, "not_applicable"],
      [4, "done"],
    ]);
    const r = maturity(s, fixture);
    const i = r.themes.find((t) => t.code === "I")!;
    expect(i).toMatchObject({ known: 3, done: 1, partial: 1, notApplicable: 1, todo: 0, percent: 75 });
    // Measure 5 never answered counts as to do.
    expect(r.themes.find((t) => t.code === "II")).toMatchObject({ known: 2, done: 1, todo: 1, percent: 50 });
    expect(r.overall).toMatchObject({ known: 5, done: 2, partial: 1, todo: 1, notApplicable: 1, percent: 63 });
  });

  it("never shows a theme without known measures, or with none applicable, as mature", () => {
    const r = maturity(new Map([[1, "not_applicable"]]), [fixture[0]]);
    expect(r.themes.find((t) => t.code === "I")!.percent).toBeNull();
    expect(r.themes.filter((t) => t.code !== "I").every((t) => t.known === 0 && t.percent === null)).toBe(true);
    expect(r.themes.map((t) => t.code)).toEqual(THEMES.map((t) => t.code));
  });

  it("the reference data holds only numbered measures of the ten themes, each once", () => {
    const numbers = MEASURES.map((x) => x.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.every((n) => n >= 1 && n <= 42)).toBe(true);
    expect(MEASURES.every((x) => THEMES.some((t) => t.code === x.theme) && x.title.length > 0)).toBe(true);
  });
});
