import { describe, expect, it } from "vitest";
import { boardFromPlaces, type PlaceForBoard } from "./board-from-places.ts";

const words = { weekdays: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"], range: (a: string, b: string) => `${a}–${b}` };
const desk: PlaceForBoard = {
  name: "France services du Liancourtois",
  kind: "accueil",
  address: "Siège, Liancourt",
  communeName: "Liancourt",
  slots: [
    { weekday: 3, start: "14:00", end: "17:00" },
    { weekday: 1, start: "09:00", end: "12:00" },
    { weekday: 3, start: "09:00", end: "12:00" },
  ],
  active: true,
};
const permanence: PlaceForBoard = {
  name: "Permanence de Mogneville",
  kind: "permanence",
  address: "Mairie de Mogneville",
  communeName: "Mogneville",
  slots: [{ weekday: 2, start: "14:00", end: "16:30" }],
  active: true,
};

describe("boardFromPlaces", () => {
  it("turns the desk into hours in words and each permanence slot into dated lines for the coming days", () => {
    // 2030-01-07 is a Monday: the Tuesdays in two weeks are the 8th and the 15th.
    const board = boardFromPlaces([desk, permanence, { ...permanence, name: "Fermée", active: false }], { from: "2030-01-07", words });
    expect(board.desks).toEqual([{ name: desk.name, hours: "lundi 09:00–12:00 ; mercredi 09:00–12:00, 14:00–17:00" }]);
    expect(board.permanences).toEqual([
      { on: "2030-01-08", hours: "14:00–16:30", who: "Permanence de Mogneville", place: "Mairie de Mogneville (Mogneville)" },
      { on: "2030-01-15", hours: "14:00–16:30", who: "Permanence de Mogneville", place: "Mairie de Mogneville (Mogneville)" },
    ]);
  });

  it("starts on the given day, keeps within the board's limits", () => {
    const daily: PlaceForBoard = {
      ...permanence,
      name: "x".repeat(100),
      slots: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "10:00", end: "11:00" })),
    };
    const board = boardFromPlaces([daily, { ...daily, address: "y".repeat(100) }], { from: "2030-01-08", days: 30, words });
    expect(board.permanences).toHaveLength(30);
    expect(board.permanences[0].on).toBe("2030-01-08");
    expect(board.permanences.every((p) => p.who.length <= 80 && p.place.length <= 80)).toBe(true);
  });
});
