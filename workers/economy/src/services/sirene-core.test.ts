/** The SIRENE file reader and the point-in-polygon test the import rests on. */
import { describe, expect, it } from "vitest";
import { headerErrors, inSurface, readSirene } from "./sirene-core.ts";

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

describe("inSurface", () => {
  const withHole = { type: "Polygon", coordinates: [square(0, 0, 10, 10), square(4, 4, 6, 6)] };
  it("is inside the outer ring, outside its holes", () => {
    expect(inSurface([1, 1], withHole)).toBe(true);
    expect(inSurface([5, 5], withHole)).toBe(false);
    expect(inSurface([11, 5], withHole)).toBe(false);
  });
  it("reads each polygon of a MultiPolygon", () => {
    const multi = { type: "MultiPolygon", coordinates: [[square(0, 0, 1, 1)], [[...square(20, 20, 21, 21)]]] };
    expect(inSurface([20.5, 20.5], multi)).toBe(true);
    expect(inSurface([10, 10], multi)).toBe(false);
    expect(inSurface([0.5, 0.5], { type: "Point", coordinates: [0.5, 0.5] })).toBe(false);
  });
});

describe("readSirene", () => {
  const head =
    "siret,etatAdministratifEtablissement,activitePrincipaleEtablissement,trancheEffectifsEtablissement,dateDebut,coordonneeLambertAbscisseEtablissement,coordonneeLambertOrdonneeEtablissement,codeCommuneEtablissement";
  it("keeps the needed columns, normalises the NAF code, reads [ND] as no position", () => {
    const { rows, errors, fields } = readSirene(
      `${head}\n99010000000019,A,2562A,,2090-01-10,659701.61,6912308.54,60342\n99010001800011,F,,NN,2090-01-10,[ND],[ND],60342`,
    );
    expect(errors).toEqual([]);
    expect(headerErrors(fields)).toEqual([]);
    expect(rows.map((r) => [r.line, r.naf, r.band, r.state, r.point === null])).toEqual([
      [2, "25.62A", "NN", "A", false],
      [3, "", "NN", "F", true],
    ]);
    expect(rows[0].point![0]).toBeCloseTo(2.445962, 5);
  });
  it("refuses a row per fault, with its line", () => {
    const { errors } = readSirene(`${head}\n99010000000018,X,25.62A,11,2090-01-10,1,2,60342`);
    expect(errors.map((e) => e.path)).toEqual(["ligne 2", "ligne 2", "ligne 2"]);
    expect(errors.map((e) => e.message).join(" ")).toMatch(/SIRET invalide.*État administratif.*Lambert-93/);
  });
  it("names the missing columns", () => {
    expect(headerErrors(["siret"]).map((e) => e.path)).toContain("en-tête/dateDebut");
  });
});
