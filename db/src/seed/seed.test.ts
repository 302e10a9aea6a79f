import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startLocalStack, type LocalStack } from "../local/stack.ts";
import { seedTerritory } from "./seed.ts";
import { loadTerritoryData } from "./territory-data.ts";
import { slugify } from "./slug.ts";
import { freePort } from "../../../tests/setup/database.ts";

describe("territory data", () => {
  it("holds the EPCI, its 10 members and 4 neighbours, consistent with epci.json", () => {
    const data = loadTerritoryData();
    const members = data.communes.filter((c) => c.epciSiren === "246000129");
    expect(members).toHaveLength(10);
    expect(data.communes.filter((c) => c.role === "voisine").map((c) => c.name).sort()).toEqual(
      ["Breuil-le-Sec", "Breuil-le-Vert", "Catenoy", "Nointel"],
    );
    expect(members.reduce((n, c) => n + c.population, 0)).toBe(23801);
    expect(data.epcis.map((e) => e.slug)).toEqual(["cclvd", "cc-clermontois"]);
  });

  it("makes French place names into slugs", () => {
    expect(slugify("Monchy-Saint-Éloi")).toBe("monchy-saint-eloi");
    expect(slugify("Labruyère")).toBe("labruyere");
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
      (await pool.query("SELECT (SELECT json_agg(t ORDER BY slug) FROM tenants t) AS t, (SELECT count(*) FROM communes) AS c, (SELECT count(*) FROM competence_transfers) AS x")).rows[0];
    const before = await snapshot();
    const result = await seedTerritory(pool);
    expect(result).toEqual({ tenants: 16, communes: 14 });
    expect(await snapshot()).toEqual(before);
    expect(Number(before.c)).toBe(14);
    await pool.end();
  });
});
