/**
 * The map through the gateway: layers and who sees them (EPCI ↔ communes, agents-only layers),
 * features (bbox, filters, search, validation), imports (all or nothing, per-row report), exports
 * (GeoJSON, CSV, GPX; no GPX for polygons), ETag/304, trails, OGC API – Features, the HTML list.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Tenant } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest, person } from "@communa/core/testing";
import { toGpx } from "../../workers/map/src/services/gpx.ts";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const agent = person("map:read", "map:write");
const reader = person("map:read");

// Real places of the territory (inside the communes' boundaries).
const LIANCOURT: [number, number] = [2.463, 49.3305];
const MOGNEVILLE: [number, number] = [2.4705, 49.317];

async function hierarchy() {
  const epci = await createTestTenant(testEnv, { kind: "epci" });
  const a = await createTestTenant(testEnv, { parent: epci });
  const b = await createTestTenant(testEnv, { parent: epci });
  return { epci, a, b };
}

async function layer(t: Tenant, body: Record<string, unknown> = {}) {
  const res = await gateway(
    gatewayRequest(t, "/api/map/layers", {
      method: "POST",
      actor: agent,
      json: {
        slug: `couche-${Math.random().toString(36).slice(2, 8)}`,
        name: "Équipements",
        category: "Équipements",
        style: { color: "#000091", icon: "town-hall" },
        fields: [
          { key: "telephone", label: "Téléphone", type: "phone" },
          { key: "horaires", label: "Horaires", type: "opening_hours" },
          { key: "type", label: "Type", type: "enum", options: ["mairie", "parc"] },
          { key: "places", label: "Places", type: "number" },
        ],
        ...body,
      },
    }),
  );
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; slug: string };
}

async function feature(t: Tenant, layerId: string, body: Record<string, unknown>) {
  return gateway(gatewayRequest(t, `/api/map/layers/${layerId}/features`, { method: "POST", actor: agent, json: body }));
}

const point = (c: [number, number]) => ({ type: "Point", coordinates: c });
const names = (fc: { features: Array<{ properties: { name: string } }> }) => fc.features.map((f) => f.properties.name).sort();
const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;

describe("layers and who sees them", () => {
  it("an EPCI's layers show on its communes' maps; a commune's on its own and the EPCI's, not on another commune's", async () => {
    const { epci, a, b } = await hierarchy();
    const epciLayer = await layer(epci, { name: "Déchèteries" });
    const aLayer = await layer(a, { name: "Salles communales A" });
    const slugsOf = async (t: Tenant) =>
      (await json<{ layers: Array<{ id: string }> }>(await gateway(gatewayRequest(t, "/api/map/layers")))).layers.map((l) => l.id);
    expect(await slugsOf(a)).toEqual(expect.arrayContaining([epciLayer.id, aLayer.id]));
    expect(await slugsOf(epci)).toEqual(expect.arrayContaining([epciLayer.id, aLayer.id]));
    expect(await slugsOf(b)).toContain(epciLayer.id);
    expect(await slugsOf(b)).not.toContain(aLayer.id);
  });

  it("a layer for agents is never public", async () => {
    const t = await createTestTenant(testEnv);
    const hidden = await layer(t, { visibility: "agents" });
    const ids = async (actor?: ReturnType<typeof person>) =>
      (await json<{ layers: Array<{ id: string }> }>(await gateway(gatewayRequest(t, "/api/map/layers", { actor })))).layers.map((l) => l.id);
    expect(await ids()).not.toContain(hidden.id);
    expect(await ids(reader)).toContain(hidden.id);
    const direct = await gateway(gatewayRequest(t, `/api/map/layers/${hidden.id}/features`));
    expect(direct.status).toBe(404);
    await direct.arrayBuffer();
  });

  it("a commune cannot write into its EPCI's layer (refused by the service and by the database)", async () => {
    const { epci, a } = await hierarchy();
    const epciLayer = await layer(epci);
    const res = await feature(a, epciLayer.id, { name: "Intrus", geometry: point(LIANCOURT) });
    expect(res.status).toBe(404);
    await res.arrayBuffer();
    await expect(
      adminQuery(
        testEnv,
        "INSERT INTO map_features (id, tenant_id, layer_id, name, geometry, geom_type, west, south, east, north) VALUES (gen_random_uuid(), $1, $2, 'x', '{}', 'Point', 0, 0, 0, 0)",
        [a.id, epciLayer.id],
      ),
    ).rejects.toThrow(/map_features_layer_tenant_fk/);
  });
});

describe("features", () => {
  it("are checked against the layer's fields and geometry, with the field at fault named", async () => {
    const t = await createTestTenant(testEnv);
    const l = await layer(t);
    const bad = await feature(t, l.id, {
      name: "Mairie",
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [2.46, 49.33],
            [2.47, 49.33],
            [2.47, 49.34],
          ],
        ],
      },
      properties: { telephone: "12", horaires: "lundi matin", type: "piscine", inconnu: 1 },
    });
    expect(bad.status).toBe(400);
    const paths = (await json<{ errors: Array<{ path: string }> }>(bad)).errors.map((e) => e.path).sort();
    expect(paths).toEqual(
      ["body/geometry/coordinates/0", "body/properties/horaires", "body/properties/inconnu", "body/properties/telephone", "body/properties/type"].sort(),
    );
    expect(await adminQuery(testEnv, "SELECT 1 FROM map_features WHERE tenant_id = $1", [t.id])).toHaveLength(0);

    const ok = await feature(t, l.id, {
      name: "Mairie de Liancourt",
      geometry: point(LIANCOURT),
      properties: { telephone: "03 44 73 00 00", horaires: "Mo-Fr 09:00-12:00; PH off", type: "mairie", places: "12" },
    });
    expect(ok.status).toBe(201);
    const f = await json<{ properties: Record<string, unknown> }>(ok);
    expect(f.properties).toMatchObject({ commune: "Liancourt", insee: "60360", places: 12, type: "mairie" });
    const journal = await adminQuery<{ action: string }>(testEnv, "SELECT action FROM audit_journal WHERE tenant_id = $1 ORDER BY seq", [t.id]);
    expect(journal.map((j) => j.action)).toContain("map.feature.create");
  });

  it("lie in the tenant's territory: a point elsewhere is refused, naming the field", async () => {
    // Every commune of the reference data belongs to a tenant of the seed: this test's EPCI gets a
    // commune of its own, a square far from the seed's (removed at the end).
    const t = await createTestTenant(testEnv, { kind: "epci" });
    const insee = `0A${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
    const square = {
      type: "Polygon",
      coordinates: [
        [
          [4.9, 44.9],
          [5.1, 44.9],
          [5.1, 45.1],
          [4.9, 45.1],
          [4.9, 44.9],
        ],
      ],
    };
    await adminQuery(
      testEnv,
      `INSERT INTO communes (insee, name, postcode, siren, epci_siren, population, population_total, population_year, boundary, bbox)
       VALUES ($1, 'Commune d’essai', '00000', $2, $3, 1, 1, 2023, $4::jsonb, ARRAY[4.9, 44.9, 5.1, 45.1])`,
      [insee, `8${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`, t.siren, JSON.stringify(square)],
    );
    try {
      const l = await layer(t);
      const outside = await feature(t, l.id, { name: "Égaré", geometry: point(LIANCOURT) });
      expect(outside.status).toBe(400);
      expect(outside.headers.get("content-type")).toContain("application/problem+json");
      const problem = await json<{ errors: Array<{ path: string; message: string }> }>(outside);
      expect(problem.errors).toEqual([{ path: "body/geometry", message: "Ce point est hors du territoire de la collectivité." }]);
      const inside = await feature(t, l.id, { name: "Mairie d’essai", geometry: point([5, 45]) });
      expect(inside.status, await inside.clone().text()).toBe(201);
      const { id } = await json<{ id: string }>(inside);
      const moved = await gateway(
        gatewayRequest(t, `/api/map/features/${id}`, { method: "PUT", actor: agent, json: { name: "Mairie d’essai", geometry: point(MOGNEVILLE) } }),
      );
      expect(moved.status).toBe(400);
      expect((await json<{ errors: Array<{ path: string }> }>(moved)).errors.map((e) => e.path)).toEqual(["body/geometry"]);
      const imported = await gateway(
        gatewayRequest(t, `/api/map/layers/${l.id}/import?format=geojson`, {
          method: "POST",
          actor: agent,
          headers: { "content-type": "application/geo+json" },
          body: JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", geometry: point(MOGNEVILLE), properties: { nom: "Ailleurs" } }] }),
        }),
      );
      expect(imported.status).toBe(400);
      expect((await json<{ errors: Array<{ path: string }> }>(imported)).errors.map((e) => e.path)).toEqual([expect.stringMatching(/\/geometry$/)]);
      // A line is not held to the territory: trails are walked with the neighbouring communes.
      const line = await feature(t, l.id, {
        name: "Chemin",
        geometry: {
          type: "LineString",
          coordinates: [
            [2.46, 49.33],
            [2.47, 49.34],
          ],
        },
      });
      expect(line.status, await line.clone().text()).toBe(201);
    } finally {
      await adminQuery(testEnv, "DELETE FROM communes WHERE insee = $1", [insee]);
    }
  });

  it("filter by bounding box, property, commune, and search without accents", async () => {
    const t = await createTestTenant(testEnv);
    const l = await layer(t);
    await feature(t, l.id, { name: "Parc Chédeville", geometry: point(MOGNEVILLE), properties: { type: "parc" } });
    await feature(t, l.id, { name: "Mairie de Liancourt", address: "Rue de la République", geometry: point(LIANCOURT), properties: { type: "mairie" } });
    const get = async (q: string) =>
      json<{ features: Array<{ properties: { name: string } }>; numberMatched: number }>(
        await gateway(gatewayRequest(t, `/api/map/layers/${l.id}/features${q}`)),
      );
    expect(names(await get("?bbox=2.465,49.31,2.48,49.32"))).toEqual(["Parc Chédeville"]);
    expect(names(await get("?f.type=mairie"))).toEqual(["Mairie de Liancourt"]);
    expect(names(await get("?commune=60404"))).toEqual(["Parc Chédeville"]);
    expect(names(await get("?q=chedev"))).toEqual(["Parc Chédeville"]);
    expect(names(await get("?q=republique"))).toEqual(["Mairie de Liancourt"]);
    expect((await get("?limit=1")).numberMatched).toBe(2);
    const search = await json<{ features: unknown[] }>(await gateway(gatewayRequest(t, "/api/map/search?q=liancourt")));
    expect(names(search as never)).toEqual(["Mairie de Liancourt"]);
    const badBbox = await gateway(gatewayRequest(t, `/api/map/layers/${l.id}/features?bbox=3,49,2,48`));
    expect(badBbox.status).toBe(400);
    const badFilter = await gateway(gatewayRequest(t, `/api/map/layers/${l.id}/features?f.nope=1`));
    expect(badFilter.status).toBe(400);
    await Promise.all([badBbox.arrayBuffer(), badFilter.arrayBuffer()]);
  });

  it("answers 304 to a client that holds the current version, through the edge cache too", async () => {
    const t = await createTestTenant(testEnv);
    const l = await layer(t);
    await feature(t, l.id, { name: "Mairie", geometry: point(LIANCOURT) });
    const first = await gateway(gatewayRequest(t, `/api/map/layers/${l.id}/features`));
    const tag = first.headers.get("etag")!;
    expect(tag).toBeTruthy();
    await first.arrayBuffer();
    for (let i = 0; i < 2; i++) {
      const again = await gateway(gatewayRequest(t, `/api/map/layers/${l.id}/features`, { headers: { "if-none-match": tag } }));
      expect(again.status).toBe(304);
    }
  });
});

describe("imports", () => {
  it("a CSV with one bad row stores nothing and names the row; a good one stores every row", async () => {
    const t = await createTestTenant(testEnv);
    const l = await layer(t);
    const send = (csv: string, mode = "append") =>
      gateway(
        gatewayRequest(t, `/api/map/layers/${l.id}/import?format=csv&mode=${mode}`, {
          method: "POST",
          actor: agent,
          headers: { "content-type": "text/csv" },
          body: csv,
        }),
      );
    const bad = await send("nom;lon;lat;Téléphone\nMairie;2,4630;49,3305;03 44 73 00 00\nParc;2.47;95;03 44 73 00 01\nSalle;2.46;49.33;pas un numéro\n");
    expect(bad.status).toBe(400);
    const errors = (await json<{ errors: Array<{ path: string }> }>(bad)).errors.map((e) => e.path);
    expect(errors).toEqual(["ligne 3/geometry/coordinates", "ligne 4/properties/telephone"]);
    expect(await adminQuery(testEnv, "SELECT 1 FROM map_features WHERE layer_id = $1", [l.id])).toHaveLength(0);

    const good = await send("nom;lon;lat;Téléphone;type\nMairie;2,4630;49,3305;03 44 73 00 00;mairie\nParc;2.4705;49.3170;;parc\n");
    expect(await json(good)).toEqual({ imported: 2, removed: 0 });
    const replaced = await send("nom;lon;lat\nSeule;2.46;49.33\n", "replace");
    expect(await json(replaced)).toEqual({ imported: 1, removed: 2 });
  });

  it("imports GeoJSON with a per-object report", async () => {
    const t = await createTestTenant(testEnv);
    const l = await layer(t);
    const fc = {
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: { nom: "A" }, geometry: point(LIANCOURT) },
        { type: "Feature", properties: {}, geometry: point(MOGNEVILLE) },
      ],
    };
    const send = (body: unknown) =>
      gateway(
        gatewayRequest(t, `/api/map/layers/${l.id}/import?format=geojson`, {
          method: "POST",
          actor: agent,
          headers: { "content-type": "application/geo+json" },
          body: typeof body === "string" ? body : JSON.stringify(body),
        }),
      );
    const bad = await send(fc);
    expect((await json<{ errors: Array<{ path: string }> }>(bad)).errors.map((e) => e.path)).toEqual(["objet 2/name"]);
    const notJson = await send("{pas du json");
    expect(notJson.status).toBe(400);
    await notJson.arrayBuffer();
    fc.features[1].properties = { nom: "B" };
    expect(await json(await send(fc))).toEqual({ imported: 2, removed: 0 });
  });
});

describe("exports", () => {
  it("GeoJSON, CSV and GPX; polygons have no GPX and the answer says so", async () => {
    const t = await createTestTenant(testEnv);
    const l = await layer(t);
    await feature(t, l.id, { name: "Mairie & Co", geometry: point(LIANCOURT), properties: { type: "mairie" } });
    const ex = (id: string, format: string) => gateway(gatewayRequest(t, `/api/map/layers/${id}/export?format=${format}`));
    const geojson = await ex(l.id, "geojson");
    expect(geojson.headers.get("content-type")).toContain("application/geo+json");
    expect((await json<{ features: unknown[] }>(geojson)).features).toHaveLength(1);
    const bytes = new Uint8Array(await (await ex(l.id, "csv")).arrayBuffer());
    // A byte-order mark, so spreadsheets open the accents right.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv.split(/\r?\n/)[0]).toBe("nom;adresse;commune;insee;lon;lat;type_geometrie;telephone;horaires;type;places");
    expect(csv).toContain("Mairie & Co;;Liancourt;60360;2.463;49.3305;Point;;;mairie;");
    const gpx = await (await ex(l.id, "gpx")).text();
    expect(gpx).toContain('xmlns="http://www.topografix.com/GPX/1/1"');
    expect(gpx).toContain("Mairie &amp; Co");

    const zones = await layer(t, { slug: "zones", fields: [] });
    await feature(t, zones.id, {
      name: "Zone humide",
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [2.46, 49.33],
            [2.47, 49.33],
            [2.47, 49.34],
            [2.46, 49.33],
          ],
        ],
      },
    });
    const refused = await ex(zones.id, "gpx");
    expect(refused.status).toBe(422);
    expect((await json<{ detail: string }>(refused)).detail).toContain("GPX");
  });
});

describe("trails", () => {
  it("computes length, climb and duration from the geometry; a trail must be a line", async () => {
    const t = await createTestTenant(testEnv);
    const l = await layer(t, { slug: "sentiers", kind: "trails", fields: [] });
    const line = {
      type: "LineString",
      coordinates: [
        [2.46, 49.33, 60],
        [2.46, 49.34, 110],
        [2.47, 49.34, 90],
        [2.46, 49.33, 60],
      ],
    };
    const res = await feature(t, l.id, { name: "Boucle", geometry: line, trail: { practice: "pédestre", instructions: "Suivre le balisage jaune." } });
    expect(res.status, await res.clone().text()).toBe(201);
    const trail = (
      await json<{
        properties: { trail: { figures: { lengthKm: number; ascentM: number; loop: boolean; durationMinutes: number }; difficulty: string; practice: string } };
      }>(res)
    ).properties.trail;
    expect(trail.figures.lengthKm).toBeGreaterThan(2.5);
    expect(trail.figures.lengthKm).toBeLessThan(3.5);
    expect(trail.figures.ascentM).toBe(50);
    expect(trail.figures.loop).toBe(true);
    expect(trail.figures.durationMinutes).toBeGreaterThan(30);
    expect(trail.practice).toBe("pédestre");
    const notLine = await feature(t, l.id, { name: "Point", geometry: point(LIANCOURT) });
    expect(notLine.status).toBe(400);
    await notLine.arrayBuffer();
  });
});

describe("trails from GPX", () => {
  it("creates a trail from a GPX file (points of interest from its waypoints); a bad file is a 400 that says why", async () => {
    const t = await createTestTenant(testEnv);
    const l = await layer(t, { slug: "sentiers-gpx", kind: "trails", fields: [] });
    const send = (body: string, q = "") =>
      gateway(
        gatewayRequest(t, `/api/map/layers/${l.id}/trails/gpx${q}`, { method: "POST", actor: agent, headers: { "content-type": "application/gpx+xml" }, body }),
      );
    const bad = await send('<gpx><trk><trkseg><trkpt lat="49.33" lon="2.46"></trkpt></trk></gpx>');
    expect(bad.status).toBe(400);
    expect((await json<{ detail: string }>(bad)).detail).toMatch(/GPX|ligne/);
    const gpx = toGpx({
      name: "Boucle de la Brèche",
      creator: "test",
      tracks: [
        {
          name: "Boucle de la Brèche",
          geometry: {
            type: "LineString",
            coordinates: [
              [2.46, 49.33, 60],
              [2.46, 49.335, 90],
              [2.465, 49.335, 80],
              [2.46, 49.33, 60],
            ],
          },
        },
      ],
      waypoints: [{ name: "Lavoir", lon: 2.46, lat: 49.335, description: "Lavoir restauré" }],
    });
    const ok = await send(gpx, "?pratique=VTT");
    expect(ok.status, await ok.clone().text()).toBe(201);
    const f = await json<{
      id: string;
      properties: { name: string; trail: { practice: string; pointsOfInterest: Array<{ name: string }>; figures: { ascentM: number } } };
    }>(ok);
    expect(f.properties.name).toBe("Boucle de la Brèche");
    expect(f.properties.trail.practice).toBe("VTT");
    expect(f.properties.trail.pointsOfInterest.map((p) => p.name)).toEqual(["Lavoir"]);
    expect(f.properties.trail.figures.ascentM).toBe(30);
    const download = await gateway(gatewayRequest(t, `/api/map/trails/${f.id}/gpx`));
    // The file is named after the trail, accents dropped (not made into dashes: "bre-che").
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="boucle-de-la-breche.gpx"');
    const back = await download.text();
    expect(back).toContain("<name>Lavoir</name>");
    const pnx = await json<{ features: Array<{ properties: Record<string, unknown> }> }>(await gateway(gatewayRequest(t, `/api/map/layers/${l.id}/pnx`)));
    expect(pnx.features[0].properties).toMatchObject({ nom_itineraire: "Boucle de la Brèche", pratique: "VTT" });
  });
});

describe("OGC API – Features", () => {
  it("landing page, conformance, collections with extent, items with bbox and paging, one item", async () => {
    const t = await createTestTenant(testEnv);
    const l = await layer(t);
    for (const [i, c] of [LIANCOURT, MOGNEVILLE, [2.4631, 49.3306] as [number, number]].entries())
      await feature(t, l.id, { name: `Lieu ${i}`, geometry: point(c) });
    const landing = await json<{ links: Array<{ rel: string; href: string }> }>(await gateway(gatewayRequest(t, "/api/map/ogc")));
    expect(landing.links.map((x) => x.rel)).toEqual(expect.arrayContaining(["self", "service-desc", "conformance", "data"]));
    const conf = await json<{ conformsTo: string[] }>(await gateway(gatewayRequest(t, "/api/map/ogc/conformance")));
    expect(conf.conformsTo).toContain("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core");
    const cols = await json<{ collections: Array<{ id: string; extent: { spatial: { bbox: number[][] } }; links: Array<{ rel: string }> }> }>(
      await gateway(gatewayRequest(t, "/api/map/ogc/collections")),
    );
    const col = cols.collections.find((c) => c.id === l.id)!;
    expect(col.extent.spatial.bbox[0]).toEqual([2.463, 49.317, 2.4705, 49.3306]);
    expect(col.links.map((x) => x.rel)).toEqual(expect.arrayContaining(["self", "items"]));
    const page1 = await gateway(gatewayRequest(t, `/api/map/ogc/collections/${l.id}/items?limit=2`));
    expect(page1.headers.get("content-type")).toContain("application/geo+json");
    const p1 = await json<{ numberMatched: number; numberReturned: number; links: Array<{ rel: string; href: string }>; features: Array<{ id: string }> }>(
      page1,
    );
    expect([p1.numberMatched, p1.numberReturned]).toEqual([3, 2]);
    const next = p1.links.find((x) => x.rel === "next")!.href;
    expect(next).toContain("offset=2");
    const p2 = await json<{ numberReturned: number; links: Array<{ rel: string }> }>(await gateway(new Request(next)));
    expect(p2.numberReturned).toBe(1);
    expect(p2.links.map((x) => x.rel)).toContain("prev");
    const inBox = await json<{ numberMatched: number }>(
      await gateway(gatewayRequest(t, `/api/map/ogc/collections/${l.id}/items?bbox=2.46,49.325,2.465,49.335`)),
    );
    expect(inBox.numberMatched).toBe(2);
    const item = await gateway(gatewayRequest(t, `/api/map/ogc/collections/${l.id}/items/${p1.features[0].id}`));
    expect(item.status).toBe(200);
    await item.arrayBuffer();
    const dcat = await json<{ "dcat:dataset": Array<{ "dct:license": string; "dcat:distribution": Array<{ "dct:license"?: string }> }> }>(
      await gateway(gatewayRequest(t, "/api/map/dcat")),
    );
    expect(dcat["dcat:dataset"]).toHaveLength(1);
    // data.gouv.fr reads the licence on each distribution.
    const [dataset] = dcat["dcat:dataset"];
    expect(dataset["dcat:distribution"].map((d) => d["dct:license"])).toEqual(dataset["dcat:distribution"].map(() => dataset["dct:license"]));
    // The API document is OpenAPI 3.1: the 3.0 conformance class is not claimed.
    expect(conf.conformsTo.some((c) => c.endsWith("/conf/oas30"))).toBe(false);
  });

  it("filters items by datetime (last modification: an instant, a closed or an open interval) and refuses a malformed one", async () => {
    const t = await createTestTenant(testEnv);
    const l = await layer(t);
    const at = ["2025-03-10T08:00:00Z", "2025-06-15T12:00:00Z", "2026-01-20T18:30:00Z"];
    for (const [i, c] of [LIANCOURT, MOGNEVILLE, [2.4631, 49.3306] as [number, number]].entries())
      await feature(t, l.id, { name: `Daté ${i}`, geometry: point(c) });
    const rows = await adminQuery<{ id: string }>(testEnv, "SELECT id FROM map_features WHERE layer_id = $1 ORDER BY name", [l.id]);
    for (const [i, r] of rows.entries()) await adminQuery(testEnv, "UPDATE map_features SET updated_at = $1 WHERE id = $2", [at[i], r.id]);
    const matched = async (datetime: string) => {
      const res = await gateway(
        gatewayRequest(t, `/api/map/ogc/collections/${l.id}/items?datetime=${encodeURIComponent(datetime)}`, { headers: { "cache-control": "no-cache" } }),
      );
      expect(res.status).toBe(200);
      return (await json<{ numberMatched: number }>(res)).numberMatched;
    };
    expect(await matched("2025-06-15")).toBe(1);
    expect(await matched("2025-06-15T12:00:00Z")).toBe(1);
    expect(await matched("2025-01-01T00:00:00Z/2025-12-31T23:59:59Z")).toBe(2);
    expect(await matched("2025-04-01/..")).toBe(2);
    expect(await matched("../2025-04-01")).toBe(1);
    expect(await matched("/2025-04-01")).toBe(1);
    for (const bad of ["hier", "2025-13-01", "2025-06-01/2025-01-01", "../..", "2025-01-01/2025-02-01/2025-03-01"]) {
      const res = await gateway(gatewayRequest(t, `/api/map/ogc/collections/${l.id}/items?datetime=${encodeURIComponent(bad)}`));
      expect(res.status, bad).toBe(400);
      const problem = await json<{ errors: Array<{ path: string; message: string }> }>(res);
      expect(problem.errors[0].path).toBe("query/datetime");
      expect(problem.errors[0].message).toMatch(/^Date invalide/);
    }
  });
});

describe("the accessible list", () => {
  it("is plain HTML with the same filters, and no script", async () => {
    const t = await createTestTenant(testEnv);
    const l = await layer(t);
    await feature(t, l.id, {
      name: "Parc Chédeville",
      geometry: point(MOGNEVILLE),
      properties: { type: "parc", telephone: "03 44 73 00 00", horaires: "Tu-Su 08:00-19:30; PH off" },
    });
    await feature(t, l.id, { name: "Mairie de Liancourt", geometry: point(LIANCOURT), properties: { type: "mairie" } });
    const res = await gateway(gatewayRequest(t, `/api/map/liste?couche=${l.id}&commune=60404`));
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("<h3>Parc Chédeville</h3>");
    expect(html).not.toContain("Mairie de Liancourt");
    expect(html).toContain('href="tel:0344730000"');
    // Hours in words, as on the directory's pages, not the OSM rule.
    expect(html.replaceAll("\u00a0", " ")).toContain(
      '<ul class="horaires"><li>Du mardi au dimanche : de 8 h à 19 h 30</li><li>Fermé lundi</li><li>Fermé les jours fériés</li></ul>',
    );
    expect(html).not.toContain("Tu-Su");
    expect(html).not.toMatch(/<script/i);
    // Its own policy: the inline stylesheet and the form to itself, nothing else. The stylesheet is
    // allowed by its hash, the one a browser computes over the <style> element's text (issue #25).
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain("unsafe-inline");
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    expect(styles).toHaveLength(1);
    expect(html).not.toMatch(/\sstyle=/);
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(styles[0])));
    expect(csp).toContain(`style-src 'sha256-${btoa(String.fromCharCode(...digest))}';`);
  });
});
