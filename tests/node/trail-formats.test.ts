/**
 * The map Worker's trail exports checked against the official schemas, with tools the Worker
 * cannot run: the GPX export against TopoGrafix's GPX 1.1 XSD (xmllint, libxml2), the PnX-SI
 * "Itinéraires de randonnée" export against its JSON Schema (ajv, draft-07 with formats). Both
 * schemas are copies kept in tests/fixtures/schemas (provenance in SOURCES.md there). Each check
 * is shown to fail on a broken document, so a pass means something.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { toGpx } from "../../workers/map/src/services/gpx.ts";
import { toPnx, type TrailRecord } from "../../workers/map/src/services/pnx.ts";
import { difficultyOf, trailFigures } from "../../workers/map/src/services/trails.ts";

const schemas = path.join(import.meta.dirname, "../fixtures/schemas");
const GPX_XSD = path.join(schemas, "gpx-1.1.xsd");
const PNX_SCHEMA = path.join(schemas, "PnX-SI_schema_randonnee__schema.json");

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "communa-trails-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** xmllint's verdict on a document: ok, or its error output. */
async function xmllint(xml: string): Promise<{ ok: boolean; output: string }> {
  const file = path.join(dir, `export-${Math.random().toString(36).slice(2)}.gpx`);
  await writeFile(file, xml, "utf8");
  try {
    const out = execFileSync("xmllint", ["--noout", "--schema", GPX_XSD, file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { ok: true, output: out };
  } catch (err) {
    const e = err as { stderr?: string; status?: number };
    return { ok: false, output: `${e.status}: ${e.stderr}` };
  }
}

const TRICKY = `Boucle « Fontaine & Moulin » <nord> "l'abbaye" — Éragny`;

const loopGeometry: GeoJSON.LineString = {
  type: "LineString",
  coordinates: [
    [2.43, 49.33, 50],
    [2.44, 49.33, 80],
    [2.44, 49.34, 120],
    [2.43, 49.34, 90],
    [2.4301, 49.3301, 52],
  ],
};
const splitGeometry: GeoJSON.MultiLineString = {
  type: "MultiLineString",
  coordinates: [
    [
      [2.4, 49.3],
      [2.41, 49.31],
    ],
    [
      [2.41, 49.31],
      [2.42, 49.315],
      [2.43, 49.32],
    ],
  ],
};

describe("GPX export against the GPX 1.1 XSD", () => {
  it("validates, with waypoints, tracks of one and several segments and names to escape", async () => {
    const xml = toGpx({
      name: TRICKY,
      description: "Export des sentiers & points d'intérêt",
      creator: "Communa",
      link: "https://cc-liancourtois.example.fr/carte?couche=sentiers&format=gpx",
      time: new Date("2026-05-01T08:00:00Z"),
      waypoints: [
        { name: "Église Saint-Martin", lon: 2.4312345, lat: 49.3312345, ele: 52.5, description: "Point de vue <sud>" },
        { name: "", lon: -179.9999999, lat: -0.0000001 },
        { name: "Antiméridien", lon: 180, lat: 10 },
      ],
      tracks: [
        { name: TRICKY, description: "8 km", geometry: loopGeometry },
        { name: "Liaison", geometry: splitGeometry },
      ],
    });
    const verdict = await xmllint(xml);
    expect(verdict.output).not.toContain("error");
    expect(verdict.ok).toBe(true);
  });

  it("is a check that can fail: elements out of the XSD's order are refused", async () => {
    const broken = `<?xml version="1.0" encoding="UTF-8"?>
<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1" creator="test">
  <wpt lat="49.3" lon="2.4"><name>Nom avant altitude</name><ele>10</ele></wpt>
</gpx>`;
    const verdict = await xmllint(broken);
    expect(verdict.ok).toBe(false);
    expect(verdict.output).toMatch(/ele.*not expected/);
  });
});

describe("PnX-SI export against the schema « Itinéraires de randonnée »", () => {
  let validate: ValidateFunction;
  beforeAll(() => {
    const schema = JSON.parse(readFileSync(PNX_SCHEMA, "utf8")) as Record<string, unknown>;
    // strictTypes off: the published schema puts `required: ["url"]` on the `medias` array (meant
    // for its items), which ajv's strict mode reports; it has no effect on arrays either way.
    const ajv = new Ajv({ allErrors: true, strictTypes: false });
    addFormats(ajv);
    // The schema's catalogue metadata (schema.data.gouv.fr): annotations, not validation keywords.
    ajv.addVocabulary(["keywords", "countryCode", "homepage", "licenses", "resources", "sources", "created", "lastModified", "version"]);
    validate = ajv.compile(schema);
  });

  const loopFigures = trailFigures(loopGeometry);
  const splitFigures = trailFigures(splitGeometry);
  const records: TrailRecord[] = [
    {
      id: "3F1C2A9E-7B4D-4C1E-9A2B-5D6E7F809A1B",
      name: TRICKY,
      description: "Une boucle entre vallée et plateau.",
      practice: "pédestre",
      figures: loopFigures,
      difficulty: difficultyOf(loopFigures),
      communes: [
        { insee: "60360", name: "Liancourt" },
        { insee: "60057", name: "Bailleval" },
      ],
      startName: "Parking de la mairie",
      endName: "Parking de la mairie",
      instructions: "Au parking, prendre à gauche la rue du Moulin, puis suivre le balisage jaune.",
      url: "https://cc-liancourtois.example.fr/sentiers/boucle-du-moulin",
      geometry: loopGeometry,
      updatedAt: "2026-03-31T23:30:00Z",
      pointsOfInterest: [{ name: "Moulin", description: "XVIIIe siècle" }, { name: "Lavoir" }],
      sensitiveAreas: [{ name: "Marais de Sacy", instructions: "Chiens tenus en laisse." }],
    },
    {
      id: "liaison-2",
      name: "Liaison des deux vallées",
      description: "",
      practice: "VTT",
      figures: splitFigures,
      difficulty: difficultyOf(splitFigures),
      communes: [],
      startName: "Gare",
      endName: "Église",
      instructions: "Suivre la voie verte.",
      url: "https://cc-liancourtois.example.fr/sentiers/liaison",
      geometry: splitGeometry,
      updatedAt: "2026-01-15",
    },
  ];
  const producer = { name: "Communauté de communes du Liancourtois", contact: "tourisme@cc-liancourtois.example.fr" };

  it("validates", () => {
    const fc = toPnx(records, producer);
    const ok = validate(fc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("maps a trail's record to the schema's properties", () => {
    const [loop, split] = toPnx(records, producer).features;
    // Altitudes 50 → 80 → 120 → 90 → 52: 70 m up, 68 m down; 70 min and 70 m: très facile.
    expect(loop.properties).toEqual({
      id_local: records[0].id,
      producteur: "Communauté de communes du Liancourtois",
      contact: "tourisme@cc-liancourtois.example.fr",
      uuid: "3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f809a1b",
      url: "https://cc-liancourtois.example.fr/sentiers/boucle-du-moulin",
      nom_itineraire: TRICKY,
      pratique: "pédestre",
      type_itineraire: "boucle",
      communes_nom: "Liancourt, Bailleval",
      communes_code: "60360, 60057",
      depart: "Parking de la mairie",
      arrivee: "Parking de la mairie",
      // 0.725 + 1.112 + 0.725 + 1.101 km = 3.66 km; 54.9 min on the flat + 14 min for 70 m up = 68.9 → 70 min.
      duree: 1.17,
      longueur: 3660,
      difficulte: "Très facile",
      altitude_max: 120,
      altitude_min: 50,
      denivele_positif: 70,
      denivele_negatif: 68,
      instructions: records[0].instructions,
      presentation: "Une boucle entre vallée et plateau.\n\nÀ découvrir en chemin : Moulin : XVIIIe siècle ; Lavoir.",
      recommandations: "Zone sensible « Marais de Sacy » : Chiens tenus en laisse.",
      // 23:30 UTC on 31 March is 1 April in Paris (summer time).
      date_modification: "2026-04-01",
    });
    // No altitudes, no uuid, no communes: those properties are left out, not invented.
    expect(split.properties).toMatchObject({ id_local: "liaison-2", pratique: "VTT", type_itineraire: "aller simple", date_modification: "2026-01-15" });
    for (const key of ["uuid", "altitude_max", "denivele_positif", "communes_nom", "presentation", "recommandations"])
      expect(split.properties).not.toHaveProperty(key);
    // The schema takes LineStrings only: the parts are joined, the shared junction point kept once.
    expect(split.geometry).toEqual({
      type: "LineString",
      coordinates: [
        [2.4, 49.3],
        [2.41, 49.31],
        [2.42, 49.315],
        [2.43, 49.32],
      ],
    });
  });

  it("is a check that can fail: a record missing a required property, or outside an enum, is refused", () => {
    const fc = toPnx(records, producer);
    const broken = structuredClone(fc);
    delete (broken.features[0].properties as Record<string, unknown>).depart;
    (broken.features[1].properties as Record<string, unknown>).pratique = "randonnée";
    expect(validate(broken)).toBe(false);
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    expect(problems).toContain("/features/0/properties must have required property 'depart'");
    expect(problems).toContain("/features/1/properties/pratique must be equal to one of the allowed values");
    // And a MultiLineString as such would not pass: the schema wants LineString geometries.
    const multi = structuredClone(fc);
    multi.features[1].geometry = splitGeometry;
    expect(validate(multi)).toBe(false);
  });
});
