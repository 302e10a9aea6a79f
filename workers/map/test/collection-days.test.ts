/**
 * The collection days routes in the map Worker: an EPCI's rounds layer with the streets each round
 * serves, read by the public for one commune (a known street, an unknown one, bad input as 400).
 */
import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS, CONTEXT_KEY, type Tenant } from "@communa/core";
import { createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import { COLLECTION_LAYER_SLUG, type CollectionDays, type CollectionStreets } from "@communa/contracts/map";
import { app } from "../src/app.ts";
import { createLayer } from "../src/services/layers.ts";
import { createFeature } from "../src/services/features.ts";

const testEnv = env as unknown as { DATABASE_URL: string; NEON_WS_PROXY: string; TEST_ADMIN_DATABASE_URL: string };
const LIANCOURT = "60360";
// Short lines inside Liancourt's boundary (the seed's own rounds there).
const lineAt = (lon: number, lat: number): GeoJSON.LineString => ({
  type: "LineString",
  coordinates: [
    [lon, lat],
    [lon + 0.001, lat + 0.001],
  ],
});

let epci: Tenant;

const ask = (path: string) => app.request(path, {}, { ...testEnv, [CONTEXT_KEY]: testContext(epci, ANONYMOUS) }, createExecutionContext());

beforeAll(async () => {
  epci = await createTestTenant(testEnv, { kind: "epci" });
  const ctx = testContext(epci, person("map:write"));
  await withDb(testEnv, async (db) => {
    const layer = await createLayer({
      db,
      ctx,
      input: {
        slug: COLLECTION_LAYER_SLUG,
        name: "Tournées de collecte",
        category: "Déchets",
        style: { color: "#716043", icon: "truck" },
        fields: [
          { key: "jour", label: "Jour", type: "enum", options: ["lundi", "mardi", "mercredi", "jeudi", "vendredi"], required: true },
          { key: "flux", label: "Flux", type: "enum", options: ["ordures ménagères", "emballages", "biodéchets"], required: true },
          { key: "camion", label: "Collecte", type: "enum", options: ["classique", "bras latéral"] },
          { key: "rues", label: "Rues desservies", type: "text" },
        ],
      },
    });
    const round = (name: string, geometry: GeoJSON.LineString, properties: Record<string, string>) =>
      createFeature({ db, ctx, layerId: layer.id, input: { name, geometry, properties } });
    await round("Tournée A — ordures ménagères", lineAt(2.4602, 49.3184), {
      jour: "vendredi",
      flux: "ordures ménagères",
      camion: "bras latéral",
      rues: "Rue Victor Hugo\nRue de la Roche-Guyon",
    });
    await round("Tournée A — emballages", lineAt(2.461, 49.3195), {
      jour: "mardi",
      flux: "emballages",
      camion: "classique",
      rues: "Rue Victor Hugo; Rue de la Roche-Guyon",
    });
    await round("Tournée B — ordures ménagères", lineAt(2.4558, 49.3167), {
      jour: "lundi",
      flux: "ordures ménagères",
      camion: "bras latéral",
      rues: "Rue du Général de Gaulle",
    });
  });
});

describe("collection days of a street", () => {
  it("lists the commune's streets served, in French order, cached for the public", async () => {
    const res = await ask(`/collection-days/streets?commune=${LIANCOURT}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    expect(await res.json<CollectionStreets>()).toEqual({
      commune: LIANCOURT,
      streets: ["Rue de la Roche-Guyon", "Rue du Général de Gaulle", "Rue Victor Hugo"],
    });
  });

  it("gives each stream's day for a street typed without accents nor capitals", async () => {
    const res = await ask(`/collection-days?commune=${LIANCOURT}&street=${encodeURIComponent("r. victor hugo")}`);
    expect(res.status).toBe(200);
    const answer = await res.json<CollectionDays>();
    expect(answer.street).toBe("Rue Victor Hugo");
    expect(answer.streams.map((s) => [s.stream, s.rounds.map((r) => r.day)])).toEqual([
      ["ordures ménagères", ["vendredi"]],
      ["emballages", ["mardi"]],
      ["biodéchets", []],
    ]);
    expect(answer.streams[0].rounds[0]).toEqual({ day: "vendredi", truck: "bras latéral", round: "Tournée A — ordures ménagères" });
  });

  it("says a street is unknown, suggesting close ones", async () => {
    const answer = await (await ask(`/collection-days?commune=${LIANCOURT}&street=${encodeURIComponent("avenue de gaulle")}`)).json<CollectionDays>();
    expect(answer.street).toBeNull();
    expect(answer.streams).toEqual([]);
    expect(answer.suggestions).toEqual(["Rue du Général de Gaulle"]);
  });

  it("finds no round in a commune the layer does not serve", async () => {
    const answer = await (await ask(`/collection-days?commune=60669&street=${encodeURIComponent("Rue Victor Hugo")}`)).json<CollectionDays>();
    expect(answer.street).toBeNull();
    expect((await (await ask("/collection-days/streets?commune=60669")).json<CollectionStreets>()).streets).toEqual([]);
  });

  it("refuses a missing or too long street and a bad INSEE code with a problem naming the fields", async () => {
    const missing = await ask(`/collection-days?commune=${LIANCOURT}`);
    expect(missing.status).toBe(400);
    expect(missing.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const p1 = await missing.json<{ errors: Array<{ path: string; message: string }> }>();
    expect(p1.errors.map((e) => e.path)).toEqual(["query/street"]);

    const long = await ask(`/collection-days?commune=${LIANCOURT}&street=${"a".repeat(121)}`);
    expect(long.status).toBe(400);
    const p2 = await long.json<{ errors: Array<{ path: string; message: string }> }>();
    expect(p2.errors[0].path).toBe("query/street");
    expect(p2.errors[0].message).toMatch(/120/);

    const blank = await ask(`/collection-days?commune=${LIANCOURT}&street=%20%20`);
    expect(blank.status).toBe(400);
    await blank.arrayBuffer();

    const insee = await ask("/collection-days?commune=6036&street=rue");
    expect(insee.status).toBe(400);
    const p3 = await insee.json<{ errors: Array<{ path: string; message: string }> }>();
    expect(p3.errors.map((e) => e.path)).toEqual(["query/commune"]);
    expect(p3.errors[0].message).toMatch(/[éèà]|format|invalide/i);
    const streets = await ask("/collection-days/streets?commune=ABCDE");
    expect(streets.status).toBe(400);
    await streets.arrayBuffer();
  });
});
