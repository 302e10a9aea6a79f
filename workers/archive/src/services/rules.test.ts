/** Dates the management rules give: DUA end (HR agent files included) and communicability. */
import { describe, expect, it } from "vitest";
import { addYears, ruleDates, today, type RuleRow } from "./rules.ts";

const rule = (
  code: string,
  kind: "appraisal" | "access",
  durationYears: number,
  finalAction: "Keep" | "Destroy" | null,
  basis: "start_date" | "hr_agent" = "start_date",
): RuleRow => ({
  id: code,
  tenantId: "t",
  code,
  kind,
  label: code,
  durationYears,
  finalAction,
  basis,
  legalReference: "",
  createdAt: new Date(),
});
const rules = [
  rule("APP-COMPTA", "appraisal", 10, "Destroy"),
  rule("APP-RH-DOSSIER", "appraisal", 90, "Destroy", "hr_agent"),
  rule("ACC-00", "access", 0, null),
  rule("ACC-50", "access", 50, null),
];

describe("management rules", () => {
  it("reads today on the Paris calendar: 31 December 23:30 UTC is already 1 January", () => {
    expect(today(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(today(new Date("2026-06-30T21:59:00Z"))).toBe("2026-06-30");
  });
  it("adds whole years, 29 February becoming 28 February in a common year", () => {
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
    expect(addYears("2015-12-31", 10)).toBe("2025-12-31");
  });

  it("counts the DUA and the communicability delay from the start date", () => {
    expect(ruleDates(rules, { appraisalRule: "APP-COMPTA", accessRule: "ACC-50", startDate: "2020-06-15" })).toMatchObject({
      duaEnd: "2030-06-15",
      finalAction: "Destroy",
      communicableFrom: "2070-06-15",
    });
  });

  it("keeps an agent's file until their 90th birthday, or 5 years after death when that comes first", () => {
    const agent = (deathDate?: string) =>
      ruleDates(rules, { appraisalRule: "APP-RH-DOSSIER", accessRule: "ACC-50", startDate: "2000-01-01", agent: { birthDate: "1950-03-01", deathDate } })
        .duaEnd;
    expect(agent()).toBe("2040-03-01");
    expect(agent("2020-01-10")).toBe("2025-01-10");
    expect(agent("2037-05-05")).toBe("2040-03-01");
  });

  it("names the field of an unknown rule, a rule of the wrong kind, or an HR rule without the agent", () => {
    const paths = (choice: Parameters<typeof ruleDates>[1]) => {
      try {
        ruleDates(rules, choice);
        return [];
      } catch (err) {
        return (err as { fieldErrors: Array<{ path: string }> }).fieldErrors.map((e) => e.path);
      }
    };
    expect(paths({ appraisalRule: "APP-X", accessRule: "APP-COMPTA", startDate: "2020-01-01" })).toEqual(["body/appraisalRule", "body/accessRule"]);
    expect(paths({ appraisalRule: "APP-RH-DOSSIER", accessRule: "ACC-00", startDate: "2020-01-01" })).toEqual(["body/hr"]);
    expect(paths({ appraisalRule: "APP-COMPTA", accessRule: "ACC-00", startDate: "2020-01-01", agent: { birthDate: "1970-01-01" } })).toEqual([
      "body/appraisalRule",
    ]);
  });
});
