/** The sorting history's default period starts on 1 January of last year, in Paris (issue #13). */
import { describe, expect, it } from "vitest";
import { defaultSince } from "./checks.ts";

describe("default period of the sorting history", () => {
  it("on 1 January at 00:30 in Paris (31 December in UTC), last year is the one that just ended", () => {
    expect(defaultSince(new Date("2026-12-31T23:30:00Z"))).toBe("2026-01-01T00:00:00+01:00");
  });
  it("starts at midnight in Paris, an hour before midnight UTC", () => {
    expect(new Date(defaultSince(new Date("2026-07-14T12:00:00Z"))).toISOString()).toBe("2024-12-31T23:00:00.000Z");
  });
});
