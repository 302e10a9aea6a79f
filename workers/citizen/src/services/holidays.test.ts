import { describe, expect, it } from "vitest";
import { closedDays, easterSunday, frenchHolidays } from "./holidays.ts";

describe("French public holidays", () => {
  it("computes Easter for known years", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2025)).toBe("2025-04-20");
    expect(easterSunday(2027)).toBe("2027-03-28");
    expect(easterSunday(2038)).toBe("2038-04-25");
  });

  it("lists eleven days, Easter-based ones included", () => {
    const h = frenchHolidays(2027);
    expect(h.size).toBe(11);
    expect(h.get("2027-03-29")).toBe("Lundi de Pâques");
    expect(h.get("2027-05-06")).toBe("Ascension");
    expect(h.get("2027-05-17")).toBe("Lundi de Pentecôte");
  });

  it("applies the tenant's exceptions: a bridge closed, Whit Monday worked", () => {
    const days = closedDays("2027-05-01", "2027-05-31", [
      { day: "2027-05-07", kind: "closed" },
      { day: "2027-05-17", kind: "open" },
    ]);
    expect([...days].sort()).toEqual(["2027-05-01", "2027-05-06", "2027-05-07", "2027-05-08"]);
  });
});
