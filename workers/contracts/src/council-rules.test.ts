import { describe, expect, it } from "vitest";
import { clearDaysBetween, convocationRegime, convocationRuleOn, lastSendingDay } from "./council-rules.ts";

describe("convocation delays (jours francs)", () => {
  const rule = convocationRuleOn("2026-12-08");
  it("counts neither the sending day nor the sitting day", () => {
    expect(clearDaysBetween("2026-12-04", "2026-12-10")).toBe(5);
    expect(clearDaysBetween("2026-12-05", "2026-12-10")).toBe(4);
    expect(clearDaysBetween("2026-12-09", "2026-12-10")).toBe(0);
    // Across a month and a year's end, on the calendar.
    expect(clearDaysBetween("2026-12-28", "2027-01-02")).toBe(4);
    expect(lastSendingDay("2026-12-10", 5)).toBe("2026-12-04");
    expect(lastSendingDay("2027-03-01", 3)).toBe("2027-02-25");
    expect(clearDaysBetween(lastSendingDay("2027-03-01", 3), "2027-03-01")).toBe(3);
  });
  it("five clear days for an EPCI and from 3,500 inhabitants, three below, one in urgency", () => {
    expect(convocationRegime(rule, { epci: true, population: 1200 }, false)).toEqual({ fromThreshold: true, clearDays: 5, synthesisNoteRequired: true });
    expect(convocationRegime(rule, { epci: false, population: 3500 }, false)).toEqual({ fromThreshold: true, clearDays: 5, synthesisNoteRequired: true });
    expect(convocationRegime(rule, { epci: false, population: 3499 }, false)).toEqual({ fromThreshold: false, clearDays: 3, synthesisNoteRequired: false });
    expect(convocationRegime(rule, { epci: false, population: 3499 }, true).clearDays).toBe(1);
    expect(convocationRegime(rule, { epci: true, population: null }, true)).toEqual({ fromThreshold: true, clearDays: 1, synthesisNoteRequired: true });
    // Unknown population: the stricter regime.
    expect(convocationRegime(rule, { epci: false, population: null }, false).clearDays).toBe(5);
    expect(rule.source).toContain("L2121-12");
  });
});
