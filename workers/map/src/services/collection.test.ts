/** Matching a street as residents type it against the streets the waste rounds serve. */
import { describe, expect, it } from "vitest";
import { closeStreets, collectionAnswer, matchStreet, streetKey, streetList, streetsOfRound, type Round } from "./collection.ts";

const STREETS = ["Rue de la Roche-Guyon", "Avenue Albert Ier", "Rue Pasteur", "Impasse des Lilas", "Rue du Général de Gaulle", "Place de l’Église"];

describe("streetKey", () => {
  it("drops accents, case, punctuation and articles, and expands r. and av.", () => {
    expect(streetKey("Rue du Général de Gaulle")).toBe("rue general gaulle");
    expect(streetKey("r. general-de-gaulle")).toBe("rue general gaulle");
    expect(streetKey("  AV.  Albert 1er ")).toBe("avenue albert 1er");
    expect(streetKey("Place de l’Église")).toBe("place eglise");
  });
});

describe("matchStreet", () => {
  it("finds a street whatever its accents, case and abbreviations", () => {
    expect(matchStreet("rue de la roche guyon", STREETS)).toBe("Rue de la Roche-Guyon");
    expect(matchStreet("R. Général de Gaulle", STREETS)).toBe("Rue du Général de Gaulle");
    expect(matchStreet("av albert ier", STREETS)).toBe("Avenue Albert Ier");
    expect(matchStreet("place de l'eglise", STREETS)).toBe("Place de l’Église");
  });
  it("finds a street typed without its kind, when only one has that name", () => {
    expect(matchStreet("pasteur", STREETS)).toBe("Rue Pasteur");
    expect(matchStreet("pasteur", [...STREETS, "Impasse Pasteur"])).toBeNull();
  });
  it("does not take one street for another", () => {
    expect(matchStreet("rue des lilas", STREETS)).toBeNull();
    expect(matchStreet("avenue pasteur", STREETS)).toBeNull();
    expect(matchStreet("rue", STREETS)).toBeNull();
    expect(matchStreet("…", STREETS)).toBeNull();
  });
});

describe("closeStreets", () => {
  it("suggests the streets sharing a word with what was typed", () => {
    expect(closeStreets("rue des lilas", STREETS)).toEqual(["Impasse des Lilas"]);
    expect(closeStreets("gaul", STREETS)).toEqual(["Rue du Général de Gaulle"]);
    expect(closeStreets("rue", STREETS)).toEqual([]);
  });
});

describe("streets of a round", () => {
  it("reads one street per line or ;-separated, blanks left out", () => {
    expect(streetsOfRound("Rue Pasteur\n  Rue  des Tissages ;Impasse des Lilas\n\n")).toEqual(["Rue Pasteur", "Rue des Tissages", "Impasse des Lilas"]);
    expect(streetsOfRound(undefined)).toEqual([]);
  });
  it("lists each street once, in French order", () => {
    const rounds: Round[] = [
      { name: "A", properties: { rues: "Rue Pasteur\nÉcole" } },
      { name: "B", properties: { rues: "rue pasteur\nAllée des Saules" } },
    ];
    expect(streetList(rounds)).toEqual(["Allée des Saules", "École", "Rue Pasteur"]);
  });
});

describe("collectionAnswer", () => {
  const rounds: Round[] = [
    {
      name: "Tournée B — ordures ménagères",
      properties: { jour: "lundi", flux: "ordures ménagères", camion: "bras latéral", rues: "Rue Pasteur\nImpasse des Lilas" },
    },
    { name: "Tournée A — ordures ménagères", properties: { jour: "vendredi", flux: "ordures ménagères", camion: "classique", rues: "Avenue Albert Ier" } },
    { name: "Tournée B — emballages", properties: { jour: "mercredi", flux: "emballages", camion: "classique", rues: "Rue Pasteur" } },
    { name: "Tournée B bis — ordures ménagères", properties: { jour: "jeudi", flux: "ordures ménagères", rues: "rue pasteur" } },
  ];
  it("gives each stream of the layer its days in that street, Monday first", () => {
    const a = collectionAnswer("60360", " r. pasteur ", rounds, ["ordures ménagères", "emballages", "biodéchets"]);
    expect(a.street).toBe("Rue Pasteur");
    expect(a.query).toBe("r. pasteur");
    expect(a.streams).toEqual([
      {
        stream: "ordures ménagères",
        rounds: [
          { day: "lundi", truck: "bras latéral", round: "Tournée B — ordures ménagères" },
          { day: "jeudi", truck: null, round: "Tournée B bis — ordures ménagères" },
        ],
      },
      { stream: "emballages", rounds: [{ day: "mercredi", truck: "classique", round: "Tournée B — emballages" }] },
      { stream: "biodéchets", rounds: [] },
    ]);
    expect(a.suggestions).toEqual([]);
  });
  it("says when a street is unknown, with close ones", () => {
    const a = collectionAnswer("60360", "rue des lilas", rounds, ["ordures ménagères"]);
    expect(a).toEqual({ commune: "60360", query: "rue des lilas", street: null, streams: [], suggestions: ["Impasse des Lilas"] });
  });
});
