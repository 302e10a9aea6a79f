/**
 * The France Services Worker's data·inclusion export (issue #18) against the data·inclusion
 * `service` JSON Schema (v1, a copy in tests/fixtures/schemas with its provenance): the desk of an
 * EPCI and a permanence in a commune validate; a broken document is refused, so a pass means
 * something. The gateway test checks the live endpoint returns this mapping for a tenant's places.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { toDataInclusion } from "../../workers/france-services/src/services/data-inclusion.ts";
import { openingHours } from "../../workers/france-services/src/services/network.ts";

const schema = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "../fixtures/schemas/gip-inclusion_data-inclusion-schema__schemas_v1_service.json"), "utf8"),
);
const ajv = new Ajv({ allErrors: true, strictTypes: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const services = toDataInclusion({
  tenant: { slug: "cclvd", name: "Communauté de communes Liancourtois - La Vallée Dorée", kind: "epci", siren: "246000129" },
  pageUrl: "https://cclvd.communa.fr/cclvd/france-services/",
  places: [
    {
      id: "0193a0b0-0000-7000-8000-000000000001",
      name: "France Services",
      kind: "accueil",
      communeInsee: "60360",
      communeName: "Liancourt",
      address: "1 place de la Mairie, 60140 Liancourt",
      openingHours: openingHours([
        { weekday: 1, start: "09:00", end: "12:00" },
        { weekday: 3, start: "14:00", end: "17:30" },
      ]),
      updatedAt: new Date("2026-11-02T10:00:00Z"),
    },
    {
      id: "0193a0b0-0000-7000-8000-000000000002",
      name: "Résidence Les Tilleuls",
      kind: "residence-sociale",
      communeInsee: "60414",
      communeName: "Mogneville",
      address: "Salle commune, 4 rue des Tilleuls",
      openingHours: "",
      updatedAt: new Date("2026-11-03T10:00:00Z"),
    },
  ],
});

describe("data·inclusion export", () => {
  it("validates against the service schema", () => {
    expect(services).toHaveLength(2);
    for (const s of services) expect(validate(s), JSON.stringify(validate.errors)).toBe(true);
    expect(services[0]).toMatchObject({ horaires_accueil: "Mo 09:00-12:00; We 14:00-17:30", zone_eligibilite: ["246000129"], date_maj: "2026-11-02" });
    expect(services[1].horaires_accueil).toBeNull();
  });

  it("refuses a broken document (the check can fail)", () => {
    expect(validate({ ...services[0], thematiques: ["aide-aux-demarches"] })).toBe(false);
    const { date_maj: _, ...withoutDate } = services[0];
    expect(validate(withoutDate)).toBe(false);
    expect(validate({ ...services[0], code_insee: "6036" })).toBe(false);
  });
});
