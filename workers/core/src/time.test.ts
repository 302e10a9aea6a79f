import { describe, expect, it } from "vitest";
import { addDays, addYears, frenchLongDate, fromParisWallClock, parisDateTimeLocal, parisDay, parisOffsetMinutes, parisYear } from "./time.ts";

describe("Paris time", () => {
  it("reads the calendar day in Paris, not in UTC", () => {
    expect(parisDay("2026-11-30T23:30:00Z")).toBe("2026-12-01");
    expect(parisDay("2026-06-30T22:30:00Z")).toBe("2026-07-01");
    expect(parisDay("2026-06-30T21:30:00Z")).toBe("2026-06-30");
  });
  it("reads the year in Paris: New Year's Eve at 23:30 UTC is already next year", () => {
    expect(parisYear("2026-12-31T23:30:00Z")).toBe(2027);
    expect(parisYear("2026-12-31T22:59:59Z")).toBe(2026);
  });
  it("moves whole years on the calendar, 29 February included", () => {
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
    expect(addYears("2026-12-01", -1)).toBe("2025-12-01");
  });
  it("moves days on the calendar across months, years and hour changes", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2028-02-29", 365)).toBe("2029-02-28");
  });
  it("knows the winter and summer offsets and converts wall clock both ways", () => {
    expect(parisOffsetMinutes("2026-01-15T12:00:00Z")).toBe(60);
    expect(parisOffsetMinutes("2026-07-15T12:00:00Z")).toBe(120);
    expect(fromParisWallClock("2026-12-14T18:30")).toBe("2026-12-14T18:30:00+01:00");
    expect(fromParisWallClock("2026-07-14T09:00")).toBe("2026-07-14T09:00:00+02:00");
    expect(parisDateTimeLocal(fromParisWallClock("2026-07-14T09:00"))).toBe("2026-07-14T09:00");
  });
  it("writes French long dates", () => {
    expect(frenchLongDate("2026-12-14")).toBe("14 décembre 2026");
  });
});
