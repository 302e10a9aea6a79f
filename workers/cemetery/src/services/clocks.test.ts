/**
 * The legal clocks on fixed far-past and far-future days (no calendar date compared with today):
 * expiry and renewal window (L2223-15), occupancy, abandonment eligibility and each step's window,
 * and the dated parameter for the delay between the two reports (3 years before the current text
 * was read, 1 year from then).
 */
import { describe, expect, it } from "vitest";
import {
  abandonmentEligibility,
  abandonmentSchedule,
  clocksOf,
  commonGroundFreeFrom,
  DEFAULT_SETTINGS,
  durationError,
  expiresOn,
  nextStep,
  occupancy,
  reductionFrom,
  renewal,
  renewalWindowEnd,
  repossessionDates,
  stepError,
} from "./clocks.ts";
import { addDelay, parameterOn, parameterTable } from "./legal-parameters.ts";

describe("legal parameters", () => {
  it("every rule has a source and a valid-from day", () => {
    for (const p of parameterTable()) {
      expect(p.source.length, p.rule).toBeGreaterThan(5);
      expect(p.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
  it("takes the version in force on the day: 3 years between the reports in older texts, 1 year in the current one", () => {
    expect(parameterOn("reportsInterval", "2001-06-01").value).toEqual({ years: 3 });
    expect(parameterOn("reportsInterval", "2090-06-01").value).toEqual({ years: 1 });
    expect(parameterOn("reportsInterval", "2090-06-01").source).toContain("R2223-18");
  });
  it("adds calendar delays, clamping month ends", () => {
    expect(addDelay("2091-01-31", { months: 1 })).toBe("2091-02-28");
    expect(addDelay("2092-02-29", { years: 1 })).toBe("2093-02-28");
    expect(addDelay("2091-12-28", { days: 8 })).toBe("2092-01-05");
    expect(addDelay("2091-03-01", { days: -1 })).toBe("2091-02-28");
  });
});

describe("term, expiry and renewal window", () => {
  it("accepts only the durations of L2223-14", () => {
    expect(durationError("temporary", 15, "2090-01-01")).toBeNull();
    expect(durationError("temporary", 16, "2090-01-01")).toBe("temporary");
    expect(durationError("thirty", 30, "2090-01-01")).toBeNull();
    expect(durationError("thirty", 25, "2090-01-01")).toBe("fixed");
    expect(durationError("perpetual", null, "2090-01-01")).toBeNull();
    expect(durationError("perpetual", 99, "2090-01-01")).toBe("perpetual");
    expect(durationError("fifty", null, "2090-01-01")).toBe("missing");
  });
  it("a 30-year term from 12 May 2060 ends 11 May 2090; renewal until 31 December 2092", () => {
    const t = { category: "thirty" as const, durationYears: 30, startsOn: "2060-05-12" };
    expect(expiresOn(t)).toBe("2090-05-11");
    expect(renewalWindowEnd("2090-05-11")).toBe("2092-12-31");
    expect(clocksOf(t, "2089-01-01").phase).toBe("running");
    expect(clocksOf(t, "2089-12-01").phase).toBe("letter_due");
    expect(clocksOf(t, "2091-03-01").phase).toBe("renewal_window");
    expect(clocksOf(t, "2093-01-01").phase).toBe("repossessable");
    expect(renewal(t, "2092-12-31")).toEqual({ ok: true, startsOn: "2090-05-12" });
    expect(renewal(t, "2093-01-01")).toEqual({ ok: false, reason: "window_closed", windowEnd: "2092-12-31" });
    expect(repossessionDates("2090-05-11", "2093-02-01")).toEqual({ orderFrom: "2093-01-01", objectsUntil: "2093-03-03" });
  });
  it("a perpetual concession neither expires nor renews", () => {
    const t = { category: "perpetual" as const, durationYears: null, startsOn: "1901-01-01" };
    expect(clocksOf(t, "2090-01-01").phase).toBe("perpetual");
    expect(renewal(t, "2090-01-01")).toEqual({ ok: false, reason: "perpetual" });
  });
});

describe("occupancy", () => {
  it("counts a coffin 1, an urn 0.1, a reduction 0.5 (tenths) and leaves the rest", () => {
    expect(occupancy(30, [{ remains: "coffin" }, { remains: "urn" }, { remains: "reduced" }], DEFAULT_SETTINGS)).toEqual({
      capacityTenths: 30,
      usedTenths: 16,
      leftTenths: 14,
    });
    expect(occupancy(10, [{ remains: "coffin" }, { remains: "coffin" }], DEFAULT_SETTINGS).leftTenths).toBe(0);
    expect(reductionFrom("2080-03-02", DEFAULT_SETTINGS)).toBe("2085-03-02");
    expect(commonGroundFreeFrom("2080-03-02")).toBe("2085-03-02");
  });
});

describe("abandonment procedure", () => {
  it("is open to concessions over 30 years old with no burial for 10 years", () => {
    expect(abandonmentEligibility("2050-06-01", "2070-01-01", "2090-01-01")).toMatchObject({ eligible: true });
    expect(abandonmentEligibility("2070-06-01", null, "2090-01-01")).toMatchObject({ eligible: false, reasons: ["too_recent"], oldEnoughFrom: "2100-06-01" });
    expect(abandonmentEligibility("2050-06-01", "2085-01-01", "2090-01-01")).toMatchObject({
      eligible: false,
      reasons: ["recent_burial"],
      quietFrom: "2095-01-01",
    });
  });

  it("dates every step from the parameters, from notice to arrêté (current text: 1 year between the reports)", () => {
    const done: Record<string, string> = {};
    expect(abandonmentSchedule(done)[0]).toMatchObject({ step: "notice", earliest: null, latest: null });
    done.notice = "2090-03-10";
    expect(abandonmentSchedule(done)[1]).toMatchObject({ step: "first_report", earliest: "2090-04-10" });
    expect(stepError(done, "first_report", "2090-04-09")).toEqual({ reason: "early", earliest: "2090-04-10" });
    expect(stepError(done, "second_report", "2090-05-01")).toEqual({ reason: "order", expected: "first_report" });
    done.first_report = "2090-04-10";
    expect(abandonmentSchedule(done)[2]).toMatchObject({ step: "first_notification", earliest: "2090-04-10", latest: "2090-04-18" });
    expect(stepError(done, "first_notification", "2090-04-19")).toEqual({ reason: "late", latest: "2090-04-18" });
    done.first_notification = "2090-04-15";
    expect(abandonmentSchedule(done)[3]).toMatchObject({ step: "second_report", earliest: "2091-04-15" });
    done.second_report = "2091-04-15";
    expect(abandonmentSchedule(done)[4]).toMatchObject({ step: "second_notification", latest: "2091-04-23" });
    done.second_notification = "2091-04-20";
    expect(abandonmentSchedule(done)[5]).toMatchObject({ step: "council_decision", earliest: "2091-05-20" });
    expect(stepError(done, "council_decision", "2091-05-19")).toMatchObject({ reason: "early" });
    done.council_decision = "2091-06-02";
    expect(nextStep(done)).toBe("order");
    expect(stepError(done, "order", "2091-06-02")).toBeNull();
    done.order = "2091-06-10";
    expect(nextStep(done)).toBeNull();
    expect(stepError(done, "order", "2091-06-11")).toEqual({ reason: "order", expected: null });
  });

  it("keeps the older 3-year delay for a procedure whose first report predates the current text", () => {
    const w = abandonmentSchedule({ notice: "2001-01-05", first_report: "2001-02-05", first_notification: "2001-02-10" })[3];
    expect(w).toMatchObject({ step: "second_report", earliest: "2004-02-10" });
    expect(w.source).toContain("antérieure");
  });
});
