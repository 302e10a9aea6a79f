/**
 * Activity zones through the gateway (issue #21): a pole and a zone with CNIG identifiers, land
 * units with parcels, owners (restricted, every read journalled), occupancy history and an
 * establishment on two units; the CNIG enumerations refused when broken; vacancy by L318-8-2 for a
 * tax year; the inventory's 30-day consultation (letters, a reply with its correction applied),
 * adoption, transmission to the SCoT, PLU and PLH, and the 6-year reminder from a clock passed in;
 * the open CNIG package, valid at both levels, without any personal data; and a second
 * intercommunality that sees none of it. Every date is in the 2090s: nothing compares with today.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor, Tenant } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest, person } from "@communa/core/testing";
import { readCsv } from "@communa/core/csv";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const agent = person("economy:read", "economy:write");

async function call<T = Record<string, any>>(
  tenant: Tenant,
  path: string,
  init: RequestInit & { actor?: Actor; json?: unknown } = {},
  status = 200,
): Promise<T> {
  const res = await gateway(gatewayRequest(tenant, `/api/economy${path}`, { actor: agent, ...init }));
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return (body && res.headers.get("content-type")?.includes("json") ? JSON.parse(body) : body) as T;
}
const post = <T = Record<string, any>>(t: Tenant, path: string, body: unknown, status = 201) => call<T>(t, path, { method: "POST", json: body }, status);
const anonymous: Actor = { kind: "anonymous" } as Actor;

// A square of ~300 m around a point (WGS84), closed.
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
let cclvd: Tenant;
let other: Tenant;
let siteId: string;
const units: Record<string, string> = {};

const unit = (code: string, parcels: string[], extra: Record<string, unknown> = {}) =>
  post(cclvd, `/zones/${siteId}/units`, {
    code,
    identifiedOn: "2090-03-01",
    parcels,
    grossHa: 1.2,
    landControl: "investisseur professionnel",
    developmentStage: "viabilisé et aménagé",
    saleStage: "vendu, commercialisation achevée",
    occupancyState: "occupé",
    use: "bâti productif",
    geometry: square(LON, LAT, 0.0005),
    ...extra,
  });

beforeAll(async () => {
  cclvd = await createTestTenant(testEnv, { kind: "epci", name: "CC test des zones" });
  other = await createTestTenant(testEnv, { kind: "epci", name: "Autre EPCI (test)" });
  const pole = await post(cclvd, "/poles", {
    communeInsee: "60342",
    name: "Parc d’activité des cailloux de Sailleville",
    vocation: "mixte, sans dominante",
    identifiedOn: "2090-01-15",
    point: [LON, LAT],
  });
  expect(pole.code).toBe("60342_POLE-ECO_00001");
  const site = await post(cclvd, "/zones", {
    poleId: pole.id,
    name: "Parc d’activité des cailloux de Sailleville",
    type: "zone d'activité économique",
    vocation: "mixte",
    state: "existant et actif",
    grossHa: 12,
    usefulHa: 10,
    identifiedOn: "2090-01-15",
    communeInsee: "60342",
    moaType: "epci",
    flags: { reseau_eau_potable: "oui", reseau_fibre_optique: "non" },
    access: { route: "D1016", motorway: "A1", motorwayKm: 14 },
    constraints: [{ kind: "ppri", label: "PPRI de la vallée de la Brêche (aléa faible)", reference: "PPRI-TEST" }],
    contact: { service: "Service développement économique (test)", email: "eco@example.invalid", phone: "03 44 00 00 00" },
    geometry: square(LON, LAT),
  });
  siteId = site.id;
  expect(site.code).toBe("60342_SITE-ECO_00001");
  // Four units: occupied; left on 31 December 2094 (vacant for 2097); left in 2096 (too recent); for sale, never used.
  units.a = (await unit("60342_TERRAIN-ECO_00001", ["60342000AB0012", "60342000AB0013"])).id;
  units.b = (await unit("60342_TERRAIN-ECO_00002", ["60342000AB0014"], { occupancyState: "vacant" })).id;
  units.c = (await unit("60342_TERRAIN-ECO_00003", ["60342000AB0015"], { occupancyState: "inoccupé" })).id;
  units.d = (
    await unit("60342_TERRAIN-ECO_00004", ["60342000AC0001"], {
      landControl: "structure intercommunale",
      saleStage: "en vente",
      occupancyState: "inoccupé",
      use: "espace agricole",
      priceM2Cents: 2500,
      grossHa: 2.5,
    })
  ).id;
  await post(cclvd, `/units/${units.a}/owners`, {
    kind: "natural_person",
    name: "Propriétaire-Secret Dupont",
    address: "1 rue du Test, 60290 Laigneville",
    since: "2090-01-01",
  });
  await post(cclvd, `/units/${units.b}/owners`, {
    kind: "legal_person",
    name: "SCI Test des Cailloux",
    siren: "900000019",
    address: "2 rue du Test, 60290 Laigneville",
  });
  await post(cclvd, `/units/${units.d}/owners`, { kind: "legal_person", name: "CC test des zones", siren: "900000027", address: "Hôtel communautaire (test)" });
  const est = await post(cclvd, "/establishments", {
    siret: "900 000 019 00019",
    legalName: "Ateliers de test SAS",
    name: "Ateliers de test",
    legalCategory: "5710",
    naf: { code: "2562B", version: "NAFRev2", label: "Mécanique industrielle" },
    workforce: { code: "12", year: 2089 },
    createdOn: "2085-06-01",
    identifiedOn: "2090-03-01",
    communeInsee: "60342",
    address: "ZA des Cailloux, 60290 Laigneville",
    source: "SIRENE (test)",
    geocoding: "localisation à la parcelle",
    points: { type: "MultiPoint", coordinates: [[LON, LAT]] },
    unitIds: [units.a, units.c],
  });
  expect(est.units).toEqual(["60342_TERRAIN-ECO_00001", "60342_TERRAIN-ECO_00003"]);
  expect(est.workforce.text).toBe("20 à 49 salariés (2089)");
  expect(est.naf).toEqual({ code: "25.62B", version: "NAFRev2", label: "Mécanique industrielle" });
  await post(cclvd, `/units/${units.a}/occupancies`, { occupant: "Ateliers de test", establishmentId: est.id, cfeLiable: true, startedOn: "2090-03-01" });
  await post(cclvd, `/units/${units.b}/occupancies`, { occupant: "Ancienne fonderie (test)", cfeLiable: true, startedOn: "2088-01-01", endedOn: "2094-12-31" });
  const c = await post(cclvd, `/units/${units.c}/occupancies`, {
    occupant: "Ateliers de test (stockage)",
    establishmentId: est.id,
    cfeLiable: true,
    startedOn: "2091-01-01",
  });
  await call(cclvd, `/units/${units.c}/occupancies/${c.id}/end`, { method: "POST", json: { endedOn: "2096-05-31" } });
});

describe("the zone and its units", () => {
  it("refuses what breaks the CNIG standard, with French field details", async () => {
    const bad = await call(
      cclvd,
      `/zones/${siteId}/units`,
      {
        method: "POST",
        json: {
          identifiedOn: "2090-03-01",
          parcels: ["6034200AB12"],
          grossHa: 1,
          landControl: "EPCI",
          developmentStage: "viabilisé et aménagé",
          saleStage: "en vente",
          occupancyState: "occupé",
          use: "bâti productif",
          geometry: square(LON, LAT),
        },
      },
      400,
    );
    expect(bad.errors.map((e: { path: string }) => e.path).sort()).toEqual(["body/landControl", "body/parcels/0"]);
    const dup = await call(
      cclvd,
      `/zones/${siteId}/units`,
      {
        method: "POST",
        json: {
          identifiedOn: "2090-03-01",
          parcels: ["60342000AB0014"],
          grossHa: 1,
          landControl: "commune",
          developmentStage: "viabilisé et aménagé",
          saleStage: "en vente",
          occupancyState: "occupé",
          use: "bâti productif",
          geometry: square(LON, LAT),
        },
      },
      409,
    );
    expect(dup.detail).toContain("60342000AB0014");
    const siret = await call(
      cclvd,
      "/establishments",
      {
        method: "POST",
        json: {
          siret: "90000001900018",
          legalName: "X",
          name: "X",
          legalCategory: "5710",
          naf: { code: "2562B", version: "NAFRev2", label: "x" },
          workforce: { code: "12", year: 2089 },
          createdOn: "2085-06-01",
          identifiedOn: "2090-03-01",
          communeInsee: "60342",
          source: "test",
          geocoding: "localisation à la parcelle",
          points: { type: "MultiPoint", coordinates: [[LON, LAT]] },
          unitIds: [units.a],
        },
      },
      400,
    );
    expect(siret.errors[0]).toMatchObject({ path: "body/siret" });
    const band = await call(
      cclvd,
      "/establishments",
      {
        method: "POST",
        json: {
          siret: "90000002700012",
          legalName: "X",
          name: "X",
          legalCategory: "5710",
          naf: { code: "2562B", version: "NAFRev2", label: "x" },
          workforce: { code: "3", year: 2089 },
          createdOn: "2085-06-01",
          identifiedOn: "2090-03-01",
          communeInsee: "60342",
          source: "test",
          geocoding: "Localisation au bâtiment",
          points: { type: "MultiPoint", coordinates: [[LON, LAT]] },
          unitIds: [units.a],
        },
      },
      400,
    );
    expect(band.errors.map((e: { path: string }) => e.path).sort()).toEqual(["body/geocoding", "body/workforce/code"]);
    // The database holds the line too, whatever the application sends.
    await expect(adminQuery(testEnv, "UPDATE economy_terrains SET sale_stage = 'vendu' WHERE id = $1", [units.a])).rejects.toThrow(/economy_terrains_sale/);
  });

  it("shows the zone sheet with vacancy for 2097, jobs as a range and available land, never the owners", async () => {
    const sheet = await call(cclvd, `/zones/${siteId}?on=2097-03-01`);
    expect(sheet.vacancy).toMatchObject({ taxYear: 2097, delayYears: 2, total: 4, vacant: 1, ratePercent: 25 });
    const byCode = Object.fromEntries(sheet.vacancy.units.map((u: { code: string }) => [u.code, u]));
    expect(byCode["60342_TERRAIN-ECO_00002"]).toMatchObject({ vacant: true, since: "2095-01-01", evidence: "historique d’occupation" });
    expect(byCode["60342_TERRAIN-ECO_00003"]).toMatchObject({ vacant: false, reason: "too_recent", since: "2096-06-01" });
    expect(byCode["60342_TERRAIN-ECO_00004"]).toMatchObject({ vacant: false, reason: "never_used" });
    expect(sheet.jobs).toEqual({ min: 20, max: 49, text: "20 à 49 emplois" });
    expect(sheet.availableHa).toBe(2.5);
    expect(JSON.stringify(sheet)).not.toContain("Propriétaire-Secret");
    // A declared disuse (owner's statement) makes the never-used unit vacant from that day.
    await call(cclvd, `/units/${units.d}/disuse`, {
      method: "PUT",
      json: { disusedSince: "2094-06-01", evidence: "owner_statement", evidenceOn: "2096-11-02" },
    });
    const snap = await post(cclvd, `/zones/${siteId}/vacancy`, { taxYear: 2097, computedOn: "2097-01-10" });
    expect(snap).toMatchObject({ taxYear: 2097, total: 4, vacant: 2, ratePercent: 50, computedOn: "2097-01-10" });
    expect(snap.units.find((u: { code: string }) => u.code === "60342_TERRAIN-ECO_00004")).toMatchObject({
      vacant: true,
      evidence: "déclaration du propriétaire",
      evidenceOn: "2096-11-02",
    });
  });

  it("journals every read of the owners", async () => {
    const before = await adminQuery<{ n: number }>(
      testEnv,
      "SELECT count(*)::int AS n FROM audit_journal WHERE tenant_id = $1 AND action = 'economy.owners.read'",
      [cclvd.id],
    );
    const owners = await call(cclvd, `/units/${units.a}/owners`);
    expect(owners.owners).toMatchObject([{ kind: "natural_person", name: "Propriétaire-Secret Dupont" }]);
    const after = await adminQuery<{ n: number; summary: unknown }>(
      testEnv,
      "SELECT count(*)::int AS n FROM audit_journal WHERE tenant_id = $1 AND action = 'economy.owners.read'",
      [cclvd.id],
    );
    expect(after[0].n).toBe(before[0].n + 1);
    const journal = await adminQuery<{ summary: string }>(testEnv, "SELECT summary::text FROM audit_journal WHERE tenant_id = $1", [cclvd.id]);
    expect(journal.map((j) => j.summary).join()).not.toContain("Propriétaire-Secret");
  });

  it("is invisible to another intercommunality and closed to other services", async () => {
    expect((await call(other, "/zones")).zones).toEqual([]);
    await call(other, `/zones/${siteId}`, {}, 404);
    await call(other, `/units/${units.a}/owners`, {}, 404);
    await call(cclvd, `/units/${units.a}/owners`, { actor: person("waste:read", "waste:write") }, 403);
  });
});

describe("the L318-8-2 inventory", () => {
  it("runs a 30-day consultation to adoption, transmission and the 6-year reminder", async () => {
    const inv = await post(cclvd, `/zones/${siteId}/inventories`, { taxYear: 2097 });
    await post(cclvd, `/zones/${siteId}/inventories`, { taxYear: 2097 }, 409);
    const opened = await post(cclvd, `/inventories/${inv.id}/consultation`, { openedOn: "2097-02-01" });
    expect(opened).toMatchObject({ status: "consultation", consultationFrom: "2097-02-01", consultationUntil: "2097-03-02" });
    let state = await call(cclvd, `/inventories/${inv.id}?on=2097-02-15`);
    expect(state.clocks).toMatchObject({ phase: "consultation_running", adoptableFrom: "2097-03-03" });
    // Owners of units a, b, d and the occupant of a: one letter each.
    expect(state.letters.map((l: { role: string; recipient: string }) => `${l.role}:${l.recipient}`).sort()).toEqual([
      "occupant:Ateliers de test",
      "owner:CC test des zones",
      "owner:Propriétaire-Secret Dupont",
      "owner:SCI Test des Cailloux",
    ]);
    const sci = state.letters.find((l: { recipient: string }) => l.recipient === "SCI Test des Cailloux");
    const text = await call<string>(cclvd, `/inventories/${inv.id}/letters/${sci.id}`);
    expect(text).toContain("60342_TERRAIN-ECO_00002");
    expect(text).toContain("du 01/02/2097 au 02/03/2097 inclus");
    // Adoption refused during the 30 days; a reply without its outcome holds it too.
    await post(cclvd, `/inventories/${inv.id}/adoption`, { adoptedOn: "2097-03-02", deliberation: "D-2097-014" }, 409);
    await call(cclvd, `/inventories/${inv.id}/letters/${sci.id}/reply`, {
      method: "POST",
      json: { repliedOn: "2097-02-20", reply: "La parcelle AB15 fait partie de notre unité.", outcome: "pending" },
    });
    await post(cclvd, `/inventories/${inv.id}/adoption`, { adoptedOn: "2097-03-10", deliberation: "D-2097-014" }, 409);
    const fixed = await call(cclvd, `/inventories/${inv.id}/letters/${sci.id}/reply`, {
      method: "POST",
      json: {
        repliedOn: "2097-02-20",
        reply: "La surface est de 1,5 ha.",
        outcome: "corrected",
        correction: "Surface portée à 1,5 ha",
        changes: { grossHa: 1.5 },
      },
    });
    expect(fixed.changed).toEqual(["grossHa"]);
    await call(
      cclvd,
      `/inventories/${inv.id}/letters/${sci.id}/reply`,
      { method: "POST", json: { repliedOn: "2097-03-05", reply: "Trop tard", outcome: "rejected" } },
      400,
    );
    const adopted = await call(cclvd, `/inventories/${inv.id}/adoption`, { method: "POST", json: { adoptedOn: "2097-03-10", deliberation: "D-2097-014" } });
    expect(adopted).toMatchObject({ status: "adopted", updateDue: "2103-03-10" });
    state = await call(cclvd, `/inventories/${inv.id}?on=2097-04-01`);
    expect(state.adopted.units.find((u: { code: string }) => u.code === "60342_TERRAIN-ECO_00002").grossHa).toBe(1.5);
    expect(JSON.stringify(state.adopted)).not.toContain("Propriétaire-Secret");
    // Transmission to the three authorities.
    await post(cclvd, `/inventories/${inv.id}/transmissions`, { authority: "scot", authorityName: "SCoT (test)", sentOn: "2097-03-01", documentRef: "x" }, 400);
    for (const authority of ["scot", "plu", "plh"] as const)
      await post(cclvd, `/inventories/${inv.id}/transmissions`, {
        authority,
        authorityName: `${authority.toUpperCase()} (test)`,
        sentOn: "2097-03-15",
        documentRef: `COURRIER-${authority}`,
      });
    await post(cclvd, `/inventories/${inv.id}/transmissions`, { authority: "plu", authorityName: "PLU", sentOn: "2097-03-16", documentRef: "bis" }, 409);
    state = await call(cclvd, `/inventories/${inv.id}?on=2097-04-01`);
    expect(state).toMatchObject({ status: "transmitted", clocks: { phase: "transmitted", updateDue: "2103-03-10", remindFrom: "2102-09-10" } });
    // The reminder, from the clock passed in.
    expect((await call(cclvd, "/reminders?on=2102-09-09")).reminders).toEqual([]);
    expect((await call(cclvd, "/reminders?on=2102-09-10")).reminders).toMatchObject([{ inventoryId: inv.id, phase: "update_soon" }]);
    expect((await call(cclvd, "/reminders?on=2103-03-11")).reminders).toMatchObject([{ inventoryId: inv.id, phase: "update_overdue" }]);
    // The legal inventory names the owners, for the agents, journalled.
    const legal = await call(cclvd, `/inventories/${inv.id}/legal`);
    expect(legal.units[0].owners[0].name).toBe("Propriétaire-Secret Dupont");
    const reads = await adminQuery(testEnv, "SELECT 1 FROM audit_journal WHERE tenant_id = $1 AND action = 'economy.inventory.legal.read'", [cclvd.id]);
    expect(reads.length).toBe(1);
  });
});

describe("the open CNIG package", () => {
  it("serves the four CSV, the datapackage and the GeoJSON, without personal data, in Lambert-93", async () => {
    const get = <T = string>(file: string) => call<T>(cclvd, `/open-data/${file}`, { actor: anonymous });
    const pkg = await get<{ resources: Array<{ path: string; schema: { fields: Array<{ name: string }> } }> }>("datapackage.json");
    expect(pkg.resources.map((r) => r.path)).toEqual(["pole-eco.csv", "site-eco.csv", "terrain-eco.csv", "etablissement.csv", "sites.geojson"]);
    const files = await Promise.all(["pole-eco.csv", "site-eco.csv", "terrain-eco.csv", "etablissement.csv"].map(get));
    expect(files.join("\n")).not.toContain("Propriétaire-Secret");
    expect(files.join("\n")).not.toContain("SCI Test");
    // Each CSV's header is its schema's fields, in order.
    for (const [i, csv] of files.entries()) expect(readCsv(csv, { delimiter: ";" }).meta.fields).toEqual(pkg.resources[i].schema.fields.map((f) => f.name));
    const site = readCsv(files[1], { delimiter: ";" }).data[0];
    expect(site).toMatchObject({
      site_id: "60342_SITE-ECO_00001",
      pole_id: "60342_POLE-ECO_00001",
      site_moa_type: "epci",
      site_uf_nbre: "4",
      reseau_eau_potable: "oui",
    });
    const [x, y] = JSON.parse(site.site_geomsurf).coordinates[0][0][0];
    expect(x).toBeGreaterThan(600_000);
    expect(x).toBeLessThan(700_000);
    expect(y).toBeGreaterThan(6_850_000);
    expect(y).toBeLessThan(6_950_000);
    const etab = readCsv(files[3], { delimiter: ";" }).data[0];
    expect(etab).toMatchObject({
      SIRET: "90000001900019",
      SIREN: "900000019",
      terr_id: "60342_TERRAIN-ECO_00001|60342_TERRAIN-ECO_00003",
      etab_effectif_code: "12",
      etab_activite_code: "2562B",
    });
    const geo = await get<Record<string, any>>("sites.geojson");
    expect(geo.features[0].geometry.coordinates[0][0]).toEqual([LON - 0.002, LAT - 0.002]);
    // The public page's data: land for sale and the contact, no owner.
    const pub = await call(cclvd, "/public/zones", { actor: anonymous });
    expect(pub.zones[0]).toMatchObject({
      availableHa: 2.5,
      contact: { email: "eco@example.invalid" },
      plots: [{ code: "60342_TERRAIN-ECO_00004", priceM2Cents: 2500 }],
    });
  });

  it("refuses to publish a package that breaks the standard", async () => {
    // A unit whose geometry the owner connection broke (an open ring): the export says why, and serves nothing.
    await adminQuery(
      testEnv,
      `UPDATE economy_terrains SET geometry = '{"type":"Polygon","coordinates":[[[2.44,49.3],[2.45,49.3],[2.45,49.31]]]}' WHERE id = $1`,
      [units.c],
    );
    // (As an agent: an anonymous answer may come from the gateway’s cache of public reads.)
    const res = await call(cclvd, "/open-data/terrain-eco.csv", {}, 422);
    expect(res.errors).toContainEqual({ path: "terrain-eco/3/terr_geomsurf", message: "Contour non fermé : le dernier point doit répéter le premier." });
    await adminQuery(testEnv, "UPDATE economy_terrains SET geometry = $2 WHERE id = $1", [units.c, JSON.stringify(square(LON, LAT, 0.0005))]);
  });
});
