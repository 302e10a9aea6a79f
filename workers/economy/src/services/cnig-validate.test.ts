/**
 * The CNIG validator on the standard's own « exemple valide » (one row per class, Somme): the
 * standard's Table Schemas leave most vocabularies outside `constraints`, so it passes the
 * schema-only level; Communa's level refuses it, for
 * the reasons listed here (each one a real fault of the example). And projections to Lambert-93.
 */
import { describe, expect, it } from "vitest";
import pole from "../fixtures/cnig-example-pole-eco.csv?raw";
import site from "../fixtures/cnig-example-site-eco.csv?raw";
import terrain from "../fixtures/cnig-example-terrain-eco.csv?raw";
import etablissement from "../fixtures/cnig-example-etablissement.csv?raw";
import { validateCommuna, validatePackage, validateTable, type PackageError } from "./cnig-validate.ts";
import { fromLambert93, toLambert93 } from "./lambert93.ts";

const example = { "pole-eco": pole, "site-eco": site, "terrain-eco": terrain, etablissement };
const where = (errors: PackageError[]) => errors.map((e) => `${e.level}:${e.resource}:${e.field}`);

describe("the CNIG example data package", () => {
  it("passes the standard's own Table Schemas: they leave the vocabularies it breaks outside `constraints`", () => {
    for (const [resource, csv] of Object.entries(example)) expect(validateTable(resource as keyof typeof example, csv).errors).toEqual([]);
  });

  it("is refused by Communa's rules, for each of its faults", () => {
    const errors = validatePackage(example);
    const found = where(errors);
    for (const expected of [
      // « EPCI » where the list says « epci », « extension » where it says « extension urbaine »… (columns shifted too)
      "communa:site-eco:site_moa_type",
      // « entrepôts;logistique » unquoted: « entrepôts » lands in site_vocadomi, « logistique » in site_etat
      "communa:site-eco:site_vocadomi",
      "communa:site-eco:site_etat",
      "communa:site-eco:site_evol_urba",
      // the site's polygon ring is not closed (…589.70 then …589.707)
      "communa:site-eco:site_geomsurf",
      // « 44003_TERRAIN-ECO_ 000131 »: a space, six digits, and no such terrain in the package
      "communa:etablissement:terr_id",
      // « 3 » is not a SIRENE band (« 03 » is 6 to 9 employees)
      "communa:etablissement:etab_effectif_code",
      // « Localisation au bâtiment »: the list is lower case
      "communa:etablissement:geocodage_qualite",
      // its MultiPoint is in WGS84 degrees, not Lambert-93 metres
      "communa:etablissement:etab_geompoint",
    ])
      expect(found).toContain(expected);
  });

  it("accepts the example's terrain once alone: its parcels, identifiers and Lambert-93 polygon are right", () => {
    const t = validateTable("terrain-eco", terrain);
    const errors = validateCommuna({
      "pole-eco": [],
      "site-eco": [{ site_id: "80024_SITE-ECO_00001" } as Record<string, string>],
      "terrain-eco": t.rows,
      etablissement: [],
    });
    // Only the open ring of the standard's sample polygon remains.
    expect(where(errors)).toEqual(["communa:terrain-eco:terr_geomsurf"]);
  });
});

describe("Lambert-93", () => {
  it("puts the projection's origin (3° E, 46.5° N) at 700 000, 6 600 000 and goes back", () => {
    expect(toLambert93([3, 46.5])).toEqual([700000, 6600000]);
    const [lon, lat] = fromLambert93(toLambert93([2.445962, 49.309103]));
    expect(lon).toBeCloseTo(2.445962, 6);
    expect(lat).toBeCloseTo(49.309103, 6);
  });
});
