import { describe, expect, it } from "vitest";
import { deadlines, isOverdue } from "./clocks.ts";
import { NOTIFICATION_DELAYS, parameterOn } from "./parameters.ts";

const none = { cnilNotifiedAt: null, nis2WarningAt: null, nis2NotifiedAt: null, nis2FinalReportAt: null };

describe("action plan clock", () => {
  const now = new Date("2087-06-15T10:00:00Z");
  it("an open action whose due day (Paris) is past is overdue; due today is not; a closed one never is", () => {
    expect(isOverdue({ status: "open", dueOn: "2087-06-14" }, now)).toBe(true);
    expect(isOverdue({ status: "in_progress", dueOn: "2087-06-14" }, now)).toBe(true);
    expect(isOverdue({ status: "open", dueOn: "2087-06-15" }, now)).toBe(false);
    expect(isOverdue({ status: "done", dueOn: "2087-01-01" }, now)).toBe(false);
    expect(isOverdue({ status: "accepted", dueOn: "2087-01-01" }, now)).toBe(false);
  });
  it("counts the day in Paris: 23:30 UTC on the due day is already the next day there", () => {
    expect(isOverdue({ status: "open", dueOn: "2087-06-15" }, new Date("2087-06-15T23:30:00Z"))).toBe(true);
  });
});

describe("incident notification deadlines", () => {
  const detectedAt = new Date("2087-03-02T08:00:00Z");
  it("a personal-data breach is due at the CNIL 72 h after detection, late once that passes", () => {
    const before = deadlines({ detectedAt, personalData: true, nis2: false, ...none }, new Date("2087-03-05T07:59:00Z"));
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ kind: "cnil", due: "2087-03-05T08:00:00.000Z", late: false, verified: true });
    expect(deadlines({ detectedAt, personalData: true, nis2: false, ...none }, new Date("2087-03-05T08:01:00Z"))[0].late).toBe(true);
    const notified = deadlines(
      { detectedAt, personalData: true, nis2: false, ...none, cnilNotifiedAt: new Date("2087-03-04T12:00:00Z") },
      new Date("2087-04-01T00:00:00Z"),
    );
    expect(notified[0]).toMatchObject({ late: false, doneAt: "2087-03-04T12:00:00.000Z" });
  });
  it("NIS 2 deadlines apply only to an incident marked significant, and say they are unverified", () => {
    expect(deadlines({ detectedAt, personalData: false, nis2: false, ...none }, detectedAt)).toEqual([]);
    const n = deadlines({ detectedAt, personalData: false, nis2: true, ...none }, detectedAt);
    expect(n.map((d) => [d.kind, d.due, d.verified])).toEqual([
      ["nis2Warning", "2087-03-03T08:00:00.000Z", false],
      ["nis2Notification", "2087-03-05T08:00:00.000Z", false],
      ["nis2FinalReport", "2087-04-04T08:00:00.000Z", false],
    ]);
  });
  it("takes the version in force on the day of detection", () => {
    expect(parameterOn("cnil", "2087-01-01").hours).toBe(72);
    expect(parameterOn("cnil", "2010-01-01")).toBe(NOTIFICATION_DELAYS.cnil[0]);
    for (const versions of Object.values(NOTIFICATION_DELAYS)) for (const v of versions) expect(v.source.length).toBeGreaterThan(10);
  });
});
