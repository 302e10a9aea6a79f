import { describe, expect, it } from "vitest";
import {
  addDays,
  addYears,
  formatParis,
  frenchDateTime,
  frenchLongDate,
  fromParisWallClock,
  parisDateTimeLocal,
  parisDay,
  parisFormat,
  parisMonth,
  parisOffsetMinutes,
  parisYear,
} from "./time.ts";

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
  it("formats instants as read in Paris, whatever zone the caller passes or the machine runs in", () => {
    // 23:30 UTC on 30 November is 00:30 on 1 December in Paris.
    expect(formatParis("2026-11-30T23:30:00Z", { dateStyle: "short", timeStyle: "short" })).toBe("01/12/2026 00:30");
    expect(formatParis(Date.parse("2026-07-14T07:00:00Z"), { timeStyle: "short" })).toBe("09:00");
    expect(parisFormat({ dateStyle: "long" }).resolvedOptions().timeZone).toBe("Europe/Paris");
    expect(parisFormat({ timeZone: "UTC", timeStyle: "short" } as Intl.DateTimeFormatOptions).format(new Date("2026-01-15T12:00:00Z"))).toBe("13:00");
    expect(parisMonth("2026-12-31T23:30:00Z")).toBe("2027-01");
  });
  it("builds each formatter once and reuses it", () => {
    expect(parisFormat({ dateStyle: "full", timeStyle: "short" })).toBe(parisFormat({ dateStyle: "full", timeStyle: "short" }));
    expect(parisFormat({ dateStyle: "full" })).not.toBe(parisFormat({ dateStyle: "full" }, "en-GB"));
  });
  it("writes date and time to the second as toLocaleString does in Paris", () => {
    for (const at of ["2026-03-01T08:04:05Z", "2026-10-25T00:30:00Z", "2026-12-31T23:59:59Z"])
      expect(frenchDateTime(at)).toBe(new Date(at).toLocaleString("fr-FR", { timeZone: "Europe/Paris" }));
    expect(frenchDateTime("2026-03-01T08:04:05Z")).toBe("01/03/2026 09:04:05");
  });
});
