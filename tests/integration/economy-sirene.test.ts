/**
 * SIRENE establishments import through the gateway (issue #21): an extract with the INSEE
 * « StockEtablissement » columns (fictional establishments, Luhn-valid SIRET), rows placed in the
 * zone by their Lambert-93 point; the dry run's report, the import, a second month's extract
 * (one closed, one NAF change, one band change, one new), an establishment absent from a full
 * extract, and a file with bad rows refused with their line numbers, nothing written. Every date
 * is in the 2090s: nothing compares with today.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Tenant } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest, person } from "@communa/core/testing";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const agent = person("economy:read", "economy:write");

async function call<T = Record<string, any>>(tenant: Tenant, path: string, init: RequestInit & { json?: unknown } = {}, status = 200): Promise<T> {
  const res = await gateway(gatewayRequest(tenant, `/api/economy${path}`, { actor: agent, ...init }));
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return (body && res.headers.get("content-type")?.includes("json") ? JSON.parse(body) : body) as T;
}
const post = <T = Record<string, any>>(t: Tenant, path: string, body: unknown, status = 201) => call<T>(t, path, { method: "POST", json: body }, status);
const sirene = <T = Record<string, any>>(t: Tenant, query: string, csv: string, status = 200) =>
  call<T>(t, `/imports/sirene?${query}`, { method: "POST", body: csv, headers: { "content-type": "text/csv" } }, status);

const square = (lon: number, lat: number, d = 0.002) => ({
  type: "Polygon",
  coordinates: [
    [
      [lon - d, lat - d],
      [lon + d, lat - d],
      [lon + d, lat + d],
      [lon - d, lat + d],
      [lon - d, lat - d],
    ],
  ],
});
const LON = 2.445962;
const LAT = 49.309103;

// Lambert-93 of (LON, LAT) — on the unit —, of a point of the zone off the unit, and of one 3.6 km east.
const ON_UNIT = ["659701.61", "6912308.54"];
const IN_ZONE = ["659810.71", "6912307.78"];
const OUTSIDE = ["663338.34", "6912284.18"];

const HEADER =
  "siren,siret,dateCreationEtablissement,trancheEffectifsEtablissement,anneeEffectifsEtablissement,etablissementSiege,etatAdministratifEtablissement,enseigne1Etablissement,denominationUsuelleEtablissement,activitePrincipaleEtablissement,nomenclatureActivitePrincipaleEtablissement,codeCommuneEtablissement,coordonneeLambertAbscisseEtablissement,coordonneeLambertOrdonneeEtablissement,dateDebut,statutDiffusionEtablissement,denominationUniteLegale,categorieJuridiqueUniteLegale";
const S = {
  decolletage: "99010000000019",
  transports: "99010001800011",
  boulangerie: "99010002600014",
  ailleurs: "99010003400018",
  secret: "99010004200011",
  ferme: "99010005900015",
  nouveau: "99010006700018",
};
const row = (siret: string, o: { band?: string; state?: string; name?: string; naf?: string; at?: string[]; start?: string; created?: string }) =>
  [
    siret.slice(0, 9),
    siret,
    o.created ?? "2090-01-10",
    o.band ?? "11",
    "2090",
    "true",
    o.state ?? "A",
    "",
    o.name ?? "",
    o.naf ?? "25.62A",
    "NAFRev2",
    "60342",
    ...(o.at ?? ON_UNIT),
    o.start ?? "2090-01-10",
    "O",
    `${(o.name ?? "Société").toUpperCase()} SAS (fictive)`,
    "5710",
  ].join(",");
const csv = (...rows: string[]) => [HEADER, ...rows].join("\r\n");

const MONTH_1 = csv(
  row(S.decolletage, { name: "Décolletage fictif du Clermontois", naf: "25.62A", band: "11" }),
  row(S.transports, { name: "Transports imaginaires de la Brêche", naf: "4941A", band: "03", at: IN_ZONE }),
  row(S.boulangerie, { name: "Boulangerie d’essai", naf: "10.71C", band: "01" }),
  row(S.ailleurs, { name: "Garage hors zone (fictif)", naf: "45.20A", at: OUTSIDE }),
  row(S.secret, { name: "Sans position", naf: "70.22Z", at: ["[ND]", "[ND]"] }),
  row(S.ferme, { name: "Déjà fermé", naf: "47.11B", state: "F", start: "2089-06-30" }),
);
const MONTH_2 = csv(
  row(S.decolletage, { name: "Décolletage fictif du Clermontois", naf: "25.62B", band: "11" }),
  row(S.transports, { name: "Transports imaginaires de la Brêche", naf: "49.41A", band: "03", at: IN_ZONE, state: "F", start: "2090-02-15" }),
  row(S.boulangerie, { name: "Boulangerie d’essai", naf: "10.71C", band: "02" }),
  row(S.ailleurs, { name: "Garage hors zone (fictif)", naf: "45.20A", at: OUTSIDE }),
  row(S.nouveau, { name: "Atelier nouveau venu", naf: "33.12Z", band: "00", at: IN_ZONE, created: "2090-02-01", start: "2090-02-01" }),
);

let cclvd: Tenant;
let siteId: string;
let unitCode: string;
const establishments = async () =>
  adminQuery<{ siret: string; naf_code: string; workforce_code: string; closed_on: string | null }>(
    testEnv,
    "SELECT siret, naf_code, workforce_code, closed_on::text FROM economy_establishments WHERE tenant_id = $1 ORDER BY siret",
    [cclvd.id],
  );

beforeAll(async () => {
  cclvd = await createTestTenant(testEnv, { kind: "epci", name: "CC test SIRENE" });
  const pole = await post(cclvd, "/poles", {
    communeInsee: "60342",
    name: "Pôle d’essai SIRENE",
    vocation: "mixte, sans dominante",
    identifiedOn: "2090-01-15",
    point: [LON, LAT],
  });
  const site = await post(cclvd, "/zones", {
    poleId: pole.id,
    name: "Zone d’essai SIRENE",
    type: "zone d'activité économique",
    vocation: "mixte",
    state: "existant et actif",
    grossHa: 12,
    usefulHa: 10,
    identifiedOn: "2090-01-15",
    communeInsee: "60342",
    moaType: "epci",
    contact: { service: "Service économie (test)", email: "eco@example.invalid", phone: "03 44 00 00 00" },
    geometry: square(LON, LAT),
  });
  siteId = site.id;
  const unit = await post(cclvd, `/zones/${siteId}/units`, {
    identifiedOn: "2090-01-15",
    parcels: ["60342000AB0012"],
    grossHa: 1.2,
    landControl: "investisseur professionnel",
    developmentStage: "viabilisé et aménagé",
    saleStage: "vendu, commercialisation achevée",
    occupancyState: "occupé",
    use: "bâti productif",
    geometry: square(LON, LAT, 0.0005),
  });
  unitCode = unit.code;
});

describe("SIRENE import", () => {
  it("checks a first extract without writing: three new in the zone, the rest ignored", async () => {
    const r = await sirene(cclvd, "dryRun=true&on=2090-01-31", MONTH_1);
    expect(r.dryRun).toBe(true);
    expect(r.counts).toEqual({
      rows: 6,
      matched: 3,
      ignored: 3,
      withoutPosition: 1,
      new: 3,
      closed: 0,
      nafChanged: 0,
      bandChanged: 0,
      reopened: 0,
      unchanged: 0,
    });
    expect(r.rows.map((x: any) => [x.line, x.siret, x.kind, x.units])).toEqual([
      [2, S.decolletage, "new", [unitCode]],
      [3, S.transports, "new", []],
      [4, S.boulangerie, "new", [unitCode]],
    ]);
    expect(r.rows[1].note).toMatch(/aucune unité foncière/);
    expect(await establishments()).toEqual([]);
  });

  it("imports it in one transaction, journalled, the establishments on their unit", async () => {
    const r = await sirene(cclvd, "on=2090-01-31", MONTH_1);
    expect(r.dryRun).toBe(false);
    expect(r.counts.new).toBe(3);
    expect(await establishments()).toEqual([
      { siret: S.decolletage, naf_code: "25.62A", workforce_code: "11", closed_on: null },
      { siret: S.transports, naf_code: "49.41A", workforce_code: "03", closed_on: null },
      { siret: S.boulangerie, naf_code: "10.71C", workforce_code: "01", closed_on: null },
    ]);
    const sheet = await call(cclvd, `/zones/${siteId}?on=2090-01-31`);
    expect(sheet.establishments.map((e: any) => [e.siret, e.units, e.naf.label])).toEqual([
      [S.boulangerie, [unitCode], "Libellé à compléter (NAF 10.71C)"],
      [S.decolletage, [unitCode], "Libellé à compléter (NAF 25.62A)"],
    ]);
    const journal = await adminQuery<{ summary: { new: number } }>(
      testEnv,
      "SELECT summary FROM audit_journal WHERE tenant_id = $1 AND action = 'economy.sirene.import'",
      [cclvd.id],
    );
    expect(journal.map((j) => j.summary.new)).toEqual([3]);
    // The same extract again: nothing changes.
    const again = await sirene(cclvd, "dryRun=true&on=2090-01-31", MONTH_1);
    expect(again.counts).toMatchObject({ new: 0, unchanged: 3, closed: 0 });
  });

  it("reports and applies the second month: one closed, one NAF change, one band change, one new", async () => {
    const check = await sirene(cclvd, "dryRun=true&on=2090-02-28", MONTH_2);
    expect(check.counts).toMatchObject({ rows: 5, matched: 4, ignored: 1, new: 1, closed: 1, nafChanged: 1, bandChanged: 1, unchanged: 0 });
    expect(check.rows.map((x: any) => [x.line, x.siret, x.kind, x.changes])).toEqual([
      [2, S.decolletage, "changed", [{ field: "naf", from: "25.62A", to: "25.62B" }]],
      [3, S.transports, "closed", [{ field: "state", from: "A", to: "F" }]],
      [4, S.boulangerie, "changed", [{ field: "band", from: "01", to: "02" }]],
      [6, S.nouveau, "new", []],
    ]);
    await sirene(cclvd, "on=2090-02-28", MONTH_2);
    expect(await establishments()).toEqual([
      { siret: S.decolletage, naf_code: "25.62B", workforce_code: "11", closed_on: null },
      { siret: S.transports, naf_code: "49.41A", workforce_code: "03", closed_on: "2090-02-15" },
      { siret: S.boulangerie, naf_code: "10.71C", workforce_code: "02", closed_on: null },
      { siret: S.nouveau, naf_code: "33.12Z", workforce_code: "00", closed_on: null },
    ]);
  });

  it("closes, in a full extract only, an establishment that is absent from it", async () => {
    const without = csv(
      row(S.decolletage, { name: "Décolletage fictif du Clermontois", naf: "25.62B", band: "11" }),
      row(S.nouveau, { name: "Atelier nouveau venu", naf: "33.12Z", band: "00", at: IN_ZONE }),
    );
    const partial = await sirene(cclvd, "dryRun=true&on=2090-03-31", without);
    expect(partial.counts).toMatchObject({ closed: 0, unchanged: 2 });
    const full = await sirene(cclvd, "dryRun=true&full=true&on=2090-03-31", without);
    expect(full.counts).toMatchObject({ closed: 1, unchanged: 2 });
    expect(full.rows.find((x: any) => x.kind === "closed")).toMatchObject({ line: null, siret: S.boulangerie, note: expect.stringMatching(/extrait complet/) });
  });

  it("refuses a file with bad rows, with their line numbers and the reason, and writes nothing", async () => {
    const before = await establishments();
    const bad = csv(
      row(S.decolletage, { name: "Décolletage fictif du Clermontois", naf: "25.62C", band: "12" }),
      row("99010000000018", { name: "Clé fausse", naf: "25.62A" }),
      row(S.boulangerie, { name: "Boulangerie d’essai", naf: "10.71C", band: "99" }),
      row("99010007500011", { name: "Sans catégorie", naf: "abc" }),
    );
    const problem = await sirene(cclvd, "on=2090-04-30", bad, 400);
    expect(problem.detail).toMatch(/Import refusé : 3 lignes en erreur/);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { path: "ligne 3", message: expect.stringMatching(/SIRET invalide « 99010000000018 »/) },
        { path: "ligne 4", message: expect.stringMatching(/tranche d’effectif/) },
        { path: "ligne 5", message: expect.stringMatching(/Code NAF invalide « ABC »/) },
      ]),
    );
    expect(await establishments()).toEqual(before);
    const missing = await sirene(cclvd, "dryRun=true", "siret,etatAdministratifEtablissement\r\n99010000000019,A", 400);
    expect(missing.errors.map((e: any) => e.path)).toContain("en-tête/activitePrincipaleEtablissement");
  });
});
