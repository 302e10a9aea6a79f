import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startLocalStack, type LocalStack } from "../local/stack.ts";
import { seedTerritory } from "./seed.ts";
import { loadTerritoryData } from "./territory-data.ts";
import { slugify } from "@communa/core/slug";
import { addDays } from "@communa/core/time";
import { freePort } from "../../../tests/setup/database.ts";
import { readFileSync } from "node:fs";
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { directoryDemo } from "./directory-demo.ts";
import { profileDemo } from "./profile-demo.ts";
import { hoursError } from "@communa/core/hours";
import { councilDemo } from "./council-demo.ts";
import { economyDemo } from "./economy-demo.ts";
import { isSiret } from "@communa/core";
import { cnigIdPattern } from "@communa/contracts/economy";

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

  it("gives the CCLVD and a commune their demonstration card, valid hours, kept when an agent edits it", async () => {
    const pool = new pg.Pool({ connectionString: stack.adminUrl, max: 2 });
    const cards = async () =>
      (
        await pool.query<{ slug: string; address: string | null; phone: string | null; opening_hours: string | null }>(
          "SELECT t.slug, p.address, p.phone, p.opening_hours FROM tenant_profiles p JOIN tenants t ON t.id = p.tenant_id ORDER BY t.slug",
        )
      ).rows;
    const demo = profileDemo();
    const stored = await cards();
    expect(stored.map((c) => c.slug)).toEqual(demo.map((d) => d.tenant).sort());
    expect(stored.map((c) => c.slug)).toEqual(expect.arrayContaining(["cclvd", "liancourt"]));
    for (const c of stored) {
      expect(c.address).toBeTruthy();
      expect(hoursError(c.opening_hours!)).toBeNull();
    }
    // An agent's edit survives the next seed.
    await pool.query("UPDATE tenant_profiles p SET phone = '01 99 00 99 99' FROM tenants t WHERE t.id = p.tenant_id AND t.slug = 'liancourt'");
    await seedTerritory(pool);
    expect((await cards()).find((c) => c.slug === "liancourt")?.phone).toBe("01 99 00 99 99");
    await pool.end();
  });

  it("gives the CCLVD a council with a past sitting, played through, and a coming one, dated from the seed run", async () => {
    const pool = new pg.Pool({ connectionString: stack.adminUrl, max: 2 });
    const demo = councilDemo();
    const sittings = async () =>
      (
        await pool.query<{
          id: string;
          status: string;
          days: number;
          opened: boolean;
          closed: boolean;
          minutes: { members: Array<{ status: string }> } | null;
        }>(
          `SELECT s.id, s.status, round(extract(epoch FROM s.starts_at - now()) / 86400)::int AS days,
                  s.opened_at IS NOT NULL AS opened, s.closed_at > s.opened_at AS closed, s.minutes
             FROM council_sittings s JOIN council_councils c ON c.id = s.council_id JOIN tenants t ON t.id = c.tenant_id
            WHERE t.slug = 'cclvd' ORDER BY s.starts_at`,
        )
      ).rows;
    const [past, coming, ...more] = await sittings();
    expect(more).toEqual([]);
    // Dates relative to now: a month ago and a month ahead (a day's slack for the hour of the run).
    expect(past.status).toBe("closed");
    expect(Math.abs(past.days - demo.past.dayOffset)).toBeLessThanOrEqual(1);
    expect(past.opened && past.closed).toBe(true);
    expect(coming.status).toBe("convened");
    expect(Math.abs(coming.days - demo.coming.dayOffset)).toBeLessThanOrEqual(1);
    // The past sitting's items were voted, each with a proclaimed result; the minutes say who sat.
    const { rows: items } = await pool.query<{ status: string; results: Array<{ result: { type: string; outcome: string; counts: Record<string, number> } }> }>(
      "SELECT status, results FROM council_agenda_items WHERE sitting_id = $1 ORDER BY position",
      [past.id],
    );
    expect(items.map((i) => i.status)).toEqual(demo.past.items.map(() => "voted"));
    expect(items.map((i) => i.results[0].result.outcome)).toEqual(["adopted", "adopted", "adopted"]);
    // Present and represented members voted; the absent one is in no count.
    const voters = demo.past.present.length + demo.past.proxies.length;
    for (const i of items) expect(Object.values(i.results[0].result.counts).reduce((a, b) => a + b, 0)).toBe(voters);
    const statuses = past.minutes!.members.map((m) => m.status).sort();
    expect(statuses.filter((x) => x === "present")).toHaveLength(demo.past.present.length);
    expect(statuses.filter((x) => x === "represented")).toHaveLength(demo.past.proxies.length);
    // Members with a demo account are linked to it; everyone is convened to the coming sitting.
    const { rows: linked } = await pool.query<{ email: string }>("SELECT p.email FROM council_members m JOIN people p ON p.id = m.person_id ORDER BY p.email");
    expect(linked.map((r) => r.email)).toEqual(demo.members.flatMap((m) => (m.accountEmail ? [m.accountEmail] : [])).sort());
    const { rows: convocations } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM council_convocations WHERE sitting_id = $1", [coming.id]);
    expect(convocations[0].n).toBe(demo.members.length);
    // A second seed adds no council and no sitting.
    await seedTerritory(pool);
    expect((await sittings()).map((s) => s.id)).toEqual([past.id, coming.id]);
    await pool.end();
  });

  it("gives Rantigny its hall and equipment, the CCLVD its third place, all marked fictional, once", async () => {
    const pool = new pg.Pool({ connectionString: stack.adminUrl, max: 2 });
    const resources = async () =>
      (
        await pool.query<{ slug: string; name: string; kind: string; fictional: boolean; training: boolean; tariffs: number }>(
          `SELECT t.slug, r.name, r.kind, r.fictional, r.requires_training AS training,
                  (SELECT count(*)::int FROM booking_tariffs f WHERE f.resource_id = r.id AND f.deliberation_number <> '') AS tariffs
             FROM booking_resources r JOIN tenants t ON t.id = r.tenant_id ORDER BY t.slug, r.name`,
        )
      ).rows;
    const before = await resources();
    const demo = JSON.parse(readFileSync(new URL("../../seed/data/booking-demo.json", import.meta.url), "utf8")) as {
      tenants: Array<{ tenant: string; resources: Array<{ name: string; tariffs: unknown[] }> }>;
    };
    expect(before.map((r) => `${r.slug}/${r.name}`)).toEqual(demo.tenants.flatMap((t) => t.resources.map((r) => `${t.tenant}/${r.name}`)).sort());
    expect(before.every((r) => r.fictional)).toBe(true);
    expect(before.find((r) => r.name === "Salle polyvalente")).toMatchObject({ slug: "rantigny", kind: "hall", tariffs: 4 });
    expect(before.find((r) => r.name === "Découpeuse vinyle")).toMatchObject({ slug: "cclvd", kind: "machine", training: true });
    await seedTerritory(pool);
    expect(await resources()).toEqual(before);
    await pool.end();
  });

  it("gives the CCLVD 30 fictional staff and Laigneville 3 for the digital safe, the demo accounts linked, once", async () => {
    const pool = new pg.Pool({ connectionString: stack.adminUrl, max: 2 });
    const agents = async () =>
      (
        await pool.query<{ slug: string; payroll: string; email: string | null }>(
          `SELECT t.slug, a.payroll_number AS payroll, p.email
             FROM staff_agents a JOIN tenants t ON t.id = a.tenant_id LEFT JOIN people p ON p.id::text = a.person_id
            ORDER BY t.slug, a.payroll_number`,
        )
      ).rows;
    const before = await agents();
    expect(before.filter((a) => a.slug === "cclvd")).toHaveLength(30);
    expect(before.filter((a) => a.slug === "laigneville")).toHaveLength(3);
    expect(before.filter((a) => a.email).map((a) => `${a.slug}/${a.email}`)).toEqual([
      "cclvd/agent.technique@cclvd.invalid",
      "cclvd/agent.accueil@cclvd.invalid",
      "laigneville/agent.entretien@laigneville.invalid",
    ]);
    await seedTerritory(pool);
    expect(await agents()).toEqual(before);
    await pool.end();
  });

  it("gives Rantigny's mairie and the CCLVD their motifs, each agent a demonstration account, once", async () => {
    const pool = new pg.Pool({ connectionString: stack.adminUrl, max: 2 });
    const motifs = async () =>
      (
        await pool.query<{ slug: string; motif: string; location: string; agent: string; email: string; rules: number }>(
          `SELECT t.slug, m.name AS motif, m.location_type AS location, a.display_name AS agent, p.email,
                  (SELECT count(*)::int FROM citizen_opening_rules r WHERE r.agent_id = a.id) AS rules
             FROM citizen_motifs m JOIN tenants t ON t.id = m.tenant_id
             JOIN citizen_agents a ON a.service_id = m.service_id JOIN people p ON p.id = a.person_id
            ORDER BY t.slug, m.name`,
        )
      ).rows;
    const before = await motifs();
    expect(before.map((r) => [r.slug, r.location, r.email])).toEqual([
      ["cclvd", "desk", "agent.franceservices@cclvd.invalid"],
      ["cclvd", "visio", "agent.habitat@cclvd.invalid"],
      ["cclvd", "desk", "agent.franceservices@cclvd.invalid"],
      ["rantigny", "desk", "agent.accueil@rantigny.invalid"],
      ["rantigny", "phone", "agent.accueil@rantigny.invalid"],
    ]);
    expect(before.find((r) => r.location === "visio")?.rules).toBe(5);
    // France services' permanence is booked at the appointment place of the same name, at its hours.
    const linked = await pool.query<{ name: string; booking: string | null; slots: unknown }>(
      `SELECT f.name, c.name AS booking, f.slots FROM france_services_places f LEFT JOIN citizen_places c ON c.id = f.booking_place_id ORDER BY f.name`,
    );
    expect(linked.rows.map((r) => [r.name.startsWith("Permanence de "), r.booking === r.name])).toEqual([
      [false, false],
      [true, true],
    ]);
    await seedTerritory(pool);
    expect(await motifs()).toEqual(before);
    await pool.end();
  });
  it("gives the CCLVD two fictional job notices, published on its site with their mandatory mentions, once", async () => {
    const pool = new pg.Pool({ connectionString: stack.adminUrl, max: 2 });
    const notices = async () =>
      (
        await pool.query<{ reference: string; category: string; status: string; published: string; deadline: string; vacancy: string; blanks: number }>(
          `SELECT v.reference, v.category, v.status, to_char(p.published_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS published,
                  to_char(v.application_deadline, 'YYYY-MM-DD') AS deadline, to_char(v.vacancy_date, 'YYYY-MM-DD') AS vacancy,
                  (SELECT count(*)::int FROM unnest(ARRAY[v.cadre_emplois, v.recruiting_authority, v.structure, v.job_reference, v.missions,
                     v.profile, v.title, v.location, v.application_authority]) f WHERE coalesce(trim(f), '') = '') AS blanks
             FROM recruitment_vacancies v JOIN tenants t ON t.id = v.tenant_id
             JOIN recruitment_publications p ON p.vacancy_id = v.id AND p.channel = 'site'
            WHERE t.slug = 'cclvd' ORDER BY v.reference`,
        )
      ).rows;
    const before = await notices();
    expect(before.map((n) => [n.reference.replace(/^EMP-\d{4}-/, ""), n.category, n.status, n.blanks])).toEqual([
      ["0001", "C", "published", 0],
      ["0002", "A", "published", 0],
    ]);
    // Dated from the seed's own publication day, never from today.
    for (const n of before) {
      expect(n.deadline).toBe(addDays(n.published, 45));
      expect(n.vacancy).toBe(addDays(n.published, 60));
      expect(n.reference.slice(4, 8)).toBe(n.published.slice(0, 4));
    }
    await seedTerritory(pool);
    expect(await notices()).toEqual(before);
    await pool.end();
  });

  it("gives the CCLVD its two real activity zones, perimeters flagged approximate, fictional units and establishments, once", async () => {
    const pool = new pg.Pool({ connectionString: stack.adminUrl, max: 2 });
    const zones = async () =>
      (
        await pool.query<{ code: string; pole: string; name: string; insee: string; approximate: boolean; point: [number, number]; email: string }>(
          `SELECT s.code, p.code AS pole, s.name, s.commune_insee AS insee, s.perimeter_approximate AS approximate, p.point, s.contact->>'email' AS email
             FROM economy_sites s JOIN economy_poles p ON p.id = s.pole_id JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = 'cclvd' ORDER BY s.code`,
        )
      ).rows;
    const before = await zones();
    expect(before.map((z) => [z.code, z.pole, z.name])).toEqual([
      ["60342_SITE-ECO_00001", "60342_POLE-ECO_00001", "Parc d'activité des cailloux de Sailleville"],
      ["60409_SITE-ECO_00001", "60409_POLE-ECO_00001", "Parc d'activité de la coix blanche"],
    ]);
    expect(before.every((z) => z.approximate && z.email.endsWith(".invalid"))).toBe(true);
    // The poles' points are the source's, inside their communes.
    const source = JSON.parse(readFileSync(new URL("../../seed/data/zae-poles-picardie-2014-cclvd.geojson", import.meta.url), "utf8")) as {
      features: Array<{ properties: { idpole: string; code_insee_commune: string }; geometry: { coordinates: [number, number] } }>;
    };
    const boundaries = JSON.parse(readFileSync(new URL("../../seed/data/communes.geojson", import.meta.url), "utf8")) as {
      features: Array<Feature<Polygon | MultiPolygon, { code: string }>>;
    };
    for (const z of before) {
      const f = source.features.find((x) => x.properties.code_insee_commune === z.insee)!;
      expect(z.point).toEqual(f.geometry.coordinates);
      expect(booleanPointInPolygon(z.point, boundaries.features.find((b) => b.properties.code === z.insee)!)).toBe(true);
    }
    const { rows: units } = await pool.query<{ code: string; site: string; parcels: string[]; state: string; id: string }>(
      `SELECT u.id, u.code, s.code AS site, u.parcels, u.occupancy_state AS state FROM economy_terrains u JOIN economy_sites s ON s.id = u.site_id ORDER BY u.code`,
    );
    expect(units.every((u) => cnigIdPattern("TERRAIN-ECO").test(u.code) && u.code.slice(0, 5) === u.site.slice(0, 5))).toBe(true);
    expect(units.every((u) => u.parcels.every((p) => p.startsWith(u.code.slice(0, 5))))).toBe(true);
    expect(units.map((u) => u.state)).toEqual(expect.arrayContaining(["friche", "vacant", "occupé", "inoccupé"]));
    // The friche and the vacant unit have no current occupant (the law's vacancy over their
    // history is the economy Worker's, tested there: workers/economy/src/services/vacancy-core.test.ts).
    const { rows: occupied } = await pool.query<{ terrain_id: string }>("SELECT DISTINCT terrain_id FROM economy_occupancies WHERE ended_on IS NULL");
    const open = new Set(occupied.map((o) => o.terrain_id));
    expect(
      units
        .filter((u) => !open.has(u.id))
        .map((u) => u.state)
        .filter((st) => st === "friche" || st === "vacant")
        .sort(),
    ).toEqual(["friche", "vacant"]);
    expect(units.filter((u) => u.state === "friche" || u.state === "vacant").every((u) => !open.has(u.id))).toBe(true);
    // Establishments: valid SIRET, fictional names; owners are legal persons only.
    const { rows: est } = await pool.query<{ siret: string; name: string }>("SELECT siret, name FROM economy_establishments ORDER BY siret");
    expect(est.map((e) => e.siret)).toEqual(
      economyDemo()
        .zones.flatMap((z) => z.establishments.map((e) => e.siret))
        .sort(),
    );
    expect(est.every((e) => isSiret(e.siret) && /fictive|fictifs/.test(e.name))).toBe(true);
    const { rows: owners } = await pool.query<{ kind: string }>("SELECT DISTINCT kind FROM economy_owners");
    expect(owners).toEqual([{ kind: "legal_person" }]);
    // The demonstration agent of the economic service.
    const { rows: agent } = await pool.query<{ role: string }>(
      "SELECT m.role FROM memberships m JOIN people p ON p.id = m.person_id JOIN tenants t ON t.id = m.tenant_id WHERE p.email = 'agent.economie@cclvd.invalid' AND t.slug = 'cclvd'",
    );
    expect(agent.map((r) => r.role)).toContain("agent:economy");
    // A second seed adds nothing; an agent's change survives.
    await pool.query("UPDATE economy_sites SET name = 'Zone renommée' WHERE code = '60409_SITE-ECO_00001'");
    await seedTerritory(pool);
    const again = await zones();
    expect(again).toHaveLength(2);
    expect(again.find((z) => z.code === "60409_SITE-ECO_00001")?.name).toBe("Zone renommée");
    const { rows: n } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM economy_terrains");
    expect(n[0].n).toBe(units.length);
    await pool.query("UPDATE economy_sites SET name = $1 WHERE code = '60409_SITE-ECO_00001'", [before[1].name]);
    await pool.end();
  });
});
