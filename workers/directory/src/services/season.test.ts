/** Products "in season" are read on the Paris calendar (issue #13). */
import { expect, it } from "vitest";
import { seasonMonth } from "./businesses.ts";

it("reads the month in Paris: 30 November 23:30 UTC is already December", () => {
  expect(seasonMonth(new Date("2026-11-30T23:30:00Z"))).toBe(12);
  expect(seasonMonth(new Date("2026-12-31T23:30:00Z"))).toBe(1);
  expect(seasonMonth(new Date("2026-07-14T12:00:00Z"))).toBe(7);
});
