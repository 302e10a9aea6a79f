/**
 * The maturity view (pure): per theme of the guide, how many of its known measures are done,
 * partly done, to do or not applicable, and the share done among the applicable ones. A measure the
 * tenant has not answered counts as « to do ». A theme with no known measure yet says so (null
 * share), it is never shown as mature. Tested in maturity.test.ts.
 */
import { MEASURES, THEMES, type Measure, type ThemeCode } from "./anssi.ts";

export type MeasureStatus = "todo" | "partial" | "done" | "not_applicable";

export interface Counts {
  known: number;
  done: number;
  partial: number;
  todo: number;
  notApplicable: number;
  /** Done among applicable, in whole percent (partial counts half); null when nothing applies. */
  percent: number | null;
}

export interface ThemeMaturity extends Counts {
  code: ThemeCode;
  title: string;
}

function count(measures: readonly Measure[], status: (n: number) => MeasureStatus): Counts {
  const c = { known: measures.length, done: 0, partial: 0, todo: 0, notApplicable: 0 };
  for (const m of measures) {
    const s = status(m.number);
    if (s === "done") c.done++;
    else if (s === "partial") c.partial++;
    else if (s === "not_applicable") c.notApplicable++;
    else c.todo++;
  }
  const applicable = c.known - c.notApplicable;
  return { ...c, percent: applicable ? Math.round((100 * (c.done + c.partial / 2)) / applicable) : null };
}

export function maturity(statuses: ReadonlyMap<number, MeasureStatus>, measures: readonly Measure[] = MEASURES) {
  const status = (n: number) => statuses.get(n) ?? "todo";
  return {
    themes: THEMES.map(
      (t): ThemeMaturity => ({
        code: t.code,
        title: t.title,
        ...count(
          measures.filter((m) => m.theme === t.code),
          status,
        ),
      }),
    ),
    overall: count(measures, status),
  };
}
export type Maturity = ReturnType<typeof maturity>;
