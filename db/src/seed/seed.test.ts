import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startLocalStack, type LocalStack } from "../local/stack.ts";
import { seedTerritory } from "./seed.ts";
import { loadTerritoryData } from "./territory-data.ts";
import { slugify } from "@communa/core/slug";
import { freePort } from "../../../tests/setup/database.ts";
import { readFileSync } from "node:fs";
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { directoryDemo } from "./directory-demo.ts";

describe("territory data", () => {
  it("holds the EPCI, its 10 members and 4 neighbours, consistent with epci.json", () => {
    const data = loadTerritoryData();
    const members = data.communes.filter((c) => c.epciSiren === "246000129");
    expect(members).toHaveLength(10);
    expect(
      data.communes
        .filter((c) => c.role === "voisine")
        .map((c) => c.name)
        .sort(),
    ).toEqual(["Breuil-le-Sec", "Breuil-le-Vert", "Catenoy", "Nointel"]);
    expect(members.reduce((n, c) => n + c.population, 0)).toBe(23801);
    expect(data.epcis.map((e) => e.slug)).toEqual(["cclvd", "cc-clermontois"]);
  });

  it("makes French place names into slugs", () => {
    expect(slugify("Monchy-Saint-Éloi")).toBe("monchy-saint-eloi");
    expect(slugify("Labruyère")).toBe("labruyere");
    // One rule with the directory's (core): « œ » is spelt out, not cut into a dash.
    expect(slugify("Crèvecœur-le-Grand")).toBe("crevecoeur-le-grand");
  });
});

describe("seed", () => {
  let stack: LocalStack;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "communa-seed-"));
    stack = await startLocalStack({ stateDir: dir, pgPort: await freePort(), ephemeral: true, seed: true });
  }, 60_000);
  afterAll(async () => {
    await stack.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("is idempotent: a second run changes nothing", async () => {
    const pool = new pg.Pool({ connectionString: stack.adminUrl, max: 2 });
    const snapshot = async () =>
      (
        await pool.query(
          "SELECT (SELECT json_agg(t ORDER BY slug) FROM tenants t) AS t, (SELECT count(*) FROM communes) AS c, (SELECT count(*) FROM competence_transfers) AS x",
        )
      ).rows[0];
    const before = await snapshot();
    const result = await seedTerritory(pool);
    expect(result).toEqual({ tenants: 16, communes: 14 });
    expect(await snapshot()).toEqual(before);
    expect(Number(before.c)).toBe(14);
    await pool.end();
  });

  it("publishes the directory's demonstration listings, each inside its commune, once", async () => {
    const pool = new pg.Pool({ connectionString: stack.adminUrl, max: 2 });
    const listings = async () =>
      (
        await pool.query<{ slug: string; status: string; commune_insee: string; lon: number; lat: number; products: number }>(
          `SELECT b.slug, b.status, b.commune_insee, b.lon, b.lat, (SELECT count(*)::int FROM directory_products p WHERE p.business_id = b.id) AS products
         FROM directory_businesses b JOIN tenants t ON t.id = b.tenant_id WHERE t.slug = 'cclvd' ORDER BY b.slug`,
        )
      ).rows;
    const demo = directoryDemo();
    const stored = await listings();
    expect(stored.map((b) => b.slug)).toEqual(demo.listings.map((l) => l.slug).sort());
    expect(new Set(stored.map((b) => b.status))).toEqual(new Set(["published"]));
    expect(stored.reduce((n, b) => n + b.products, 0)).toBe(demo.listings.reduce((n, l) => n + l.products.length, 0));
    const boundaries = JSON.parse(readFileSync(new URL("../../seed/data/communes.geojson", import.meta.url), "utf8")) as {
      features: Array<Feature<Polygon | MultiPolygon, { code: string }>>;
    };
    const outside = stored.filter((b) => !booleanPointInPolygon([b.lon, b.lat], boundaries.features.find((f) => f.properties.code === b.commune_insee)!));
    expect(outside).toEqual([]);
    // A second seed adds nothing; a listing an agent unpublished stays so.
    await pool.query("UPDATE directory_businesses SET status = 'unpublished' WHERE slug = 'marche-de-liancourt'");
    await seedTerritory(pool);
    const again = await listings();
    expect(again).toHaveLength(stored.length);
    expect(again.find((b) => b.slug === "marche-de-liancourt")?.status).toBe("unpublished");
    await pool.end();
  });
});
