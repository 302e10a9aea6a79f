/**
 * GET /api/tenants (the gateway's, answered by the territory Worker over RPC): every tenant and the
 * communes they cover, what the site builds its tenant pages from. The site's own reader
 * (site/src/lib/territory.ts) is run against the real gateway here: a tenant written to the
 * database (as `npm run tenant:add` writes it) gets its pages, no seed file involved.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { tenantDirectorySchema, type TenantDirectory } from "@communa/contracts/rpc";
import { adminQuery, createTestTenant, gatewayRequest, person } from "@communa/core/testing";
import { readTerritory } from "../../site/src/lib/territory.ts";
import { png } from "../setup/png.ts";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
/** The gateway as the site's build reaches it (a `fetch` whose every request goes to the gateway). */
const gatewayFetch: typeof fetch = (input, init) => gateway(new Request(input, init));

async function directory(query = ""): Promise<TenantDirectory> {
  const res = await gateway(gatewayRequest(null, `/api/tenants${query}`));
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toMatch(/public/);
  return tenantDirectorySchema.parse(await res.json());
}

describe("GET /api/tenants", () => {
  it("lists the EPCIs and communes of the seed, each commune once, with its tenant and population", async () => {
    const { tenants, communes } = await directory();
    const cclvd = tenants.find((t) => t.slug === "cclvd");
    expect(cclvd).toMatchObject({ kind: "epci", siren: "246000129", shortName: "CCLVD", insee: null, parent: null });
    const liancourt = tenants.find((t) => t.slug === "liancourt");
    expect(liancourt).toMatchObject({ kind: "commune", name: "Liancourt", insee: "60360", parent: "cclvd" });
    expect(tenants.filter((t) => t.parent === "cclvd")).toHaveLength(10);
    const row = communes.find((c) => c.insee === "60360");
    expect(row).toMatchObject({ tenant: "liancourt", postcode: "60140", epciSiren: "246000129", populationYear: 2023 });
    expect(row!.population).toBeGreaterThan(5000);
    expect(new Set(communes.map((c) => c.insee)).size).toBe(communes.length);
    // Without geometry=true, no boundary: the list stays small.
    expect(communes.every((c) => c.boundary === undefined)).toBe(true);
  });

  it("carries each commune's boundary when asked for", async () => {
    const { communes } = await directory("?geometry=true");
    const liancourt = communes.find((c) => c.insee === "60360")!;
    expect(liancourt.boundary?.type).toMatch(/^(Multi)?Polygon$/);
    expect(communes.every((c) => c.boundary !== undefined)).toBe(true);
  });

  it("refuses a geometry that is neither true nor false, naming the parameter in French", async () => {
    const res = await gateway(gatewayRequest(null, "/api/tenants?geometry=oui"));
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { errors: Array<{ path: string; message: string }> };
    expect(body.errors).toEqual([{ path: "query/geometry", message: expect.stringContaining("geometry") }]);
  });
});

describe("the site's tenant pages, read from the gateway", () => {
  it("builds the EPCI and commune pages of the seed", async () => {
    const { epcis, communes, pages } = await readTerritory("http://localhost", gatewayFetch);
    const cclvd = epcis.find((p) => p.slug === "cclvd")!;
    expect(cclvd.members.map((c) => c.slug)).toContain("liancourt");
    expect(cclvd.population).toBe(cclvd.members.reduce((n, c) => n + c.population, 0));
    const liancourt = communes.find((p) => p.slug === "liancourt")!;
    expect(liancourt.epci).toEqual({ slug: "cclvd", name: cclvd.name, shortName: "CCLVD", siren: "246000129" });
    expect(liancourt.siblings).toHaveLength(cclvd.members.length - 1);
    expect(liancourt.commune.boundary.type).toMatch(/Polygon$/);
    expect(pages.length).toBe(epcis.length + communes.length);
  });

  it("gives pages to a tenant added in the database, with its member commune", async () => {
    const epci = await createTestTenant(testEnv, { kind: "epci", name: "CC de la Page Neuve" });
    const commune = await createTestTenant(testEnv, { kind: "commune", parent: epci, name: "Neuville-sur-Page" });
    const insee = `98${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
    await adminQuery(testEnv, "UPDATE tenants SET insee = $1 WHERE id = $2", [insee, commune.id]);
    const square = {
      type: "Polygon",
      coordinates: [
        [
          [2.4, 49.3],
          [2.41, 49.3],
          [2.41, 49.31],
          [2.4, 49.31],
          [2.4, 49.3],
        ],
      ],
    };
    await adminQuery(
      testEnv,
      `INSERT INTO communes (insee, name, postcode, siren, epci_siren, population, population_total, population_year, boundary, bbox)
       VALUES ($1, 'Neuville-sur-Page', '60999', $2, $3, 321, 330, 2023, $4, ARRAY[2.4, 49.3, 2.41, 49.31])`,
      [insee, commune.siren, epci.siren, JSON.stringify(square)],
    );
    const { epcis, communes } = await readTerritory("http://localhost", gatewayFetch);
    const page = epcis.find((p) => p.slug === epci.slug);
    expect(page).toMatchObject({ name: "CC de la Page Neuve", population: 321, populationTotal: 330 });
    expect(page!.members.map((c) => c.slug)).toEqual([commune.slug]);
    const own = communes.find((p) => p.slug === commune.slug);
    expect(own?.commune).toMatchObject({ insee, postcode: "60999", population: 321, boundary: square });
    // No short name: headings and links use its name.
    expect(own?.epci).toMatchObject({ slug: epci.slug, shortName: "CC de la Page Neuve" });
  });

  it("fails the build with a French message when the API does not answer", async () => {
    const down: typeof fetch = () => Promise.reject(new TypeError("connexion refusée"));
    await expect(readTerritory("http://127.0.0.1:9", down)).rejects.toThrow(/ne répond pas.*GET \/api\/tenants/);
    const broken: typeof fetch = () => Promise.resolve(new Response("{}", { status: 503, headers: { "content-type": "application/json" } }));
    await expect(readTerritory("http://127.0.0.1:9", broken)).rejects.toThrow(/a répondu 503/);
  });
});

describe("the tenant's card (GET/PUT /api/territory/profile)", () => {
  it("an agent who may edit the tenant saves it; a rule of hours the library cannot read is refused at its field, in French", async () => {
    const tenant = await createTestTenant(testEnv, { kind: "commune", name: "Fichebourg" });
    const put = (json: unknown, actor = person("territory:write")) => gateway(gatewayRequest(tenant, "/api/territory/profile", { method: "PUT", json, actor }));
    const empty = await gateway(gatewayRequest(tenant, "/api/territory/profile"));
    expect(await empty.json()).toMatchObject({ address: null, openingHours: null, updatedAt: null });

    const refused = await put({ openingHours: "du lundi au vendredi" });
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as { errors: Array<{ path: string; message: string }> };
    expect(problem.errors).toEqual([{ path: "body/openingHours", message: expect.stringMatching(/^Horaires au format OpenStreetMap attendus/) }]);

    expect((await put({ address: "Mairie" }, person("waste:write"))).status).toBe(403);

    const saved = await put({ address: "Place de la Mairie, 60000 Fichebourg", phone: "01 99 00 11 22", openingHours: "Mo-Fr 09:00-12:00; PH off" });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ address: "Place de la Mairie, 60000 Fichebourg", openingHours: "Mo-Fr 09:00-12:00; PH off" });
    const read = await gateway(gatewayRequest(tenant, "/api/territory/profile", { headers: { "cache-control": "no-cache" } }));
    const card = (await read.json()) as { phone: string; updatedAt: string | null };
    expect(card.phone).toBe("01 99 00 11 22");
    expect(card.updatedAt).not.toBeNull();
  });
});

/** A PNG ancillary chunk ("zzPd", private) of `size` zero bytes, with its CRC. */
function paddingChunk(size: number): Uint8Array {
  const out = new Uint8Array(12 + size);
  const view = new DataView(out.buffer);
  view.setUint32(0, size);
  out.set(new TextEncoder().encode("zzPd"), 4);
  let c = 0xffffffff;
  for (const b of out.subarray(4, 8 + size)) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  view.setUint32(8 + size, (c ^ 0xffffffff) >>> 0);
  return out;
}

describe("a tenant's identity through the gateway (issue #26)", () => {
  it("GET /api/tenants carries the seed's accents; a logo bigger than an ordinary request's limit goes through, and its URL serves it", async () => {
    const { tenants } = await directory();
    const bySlug = new Map(tenants.map((t) => [t.slug, t]));
    expect(bySlug.get("cclvd")).toMatchObject({ accent: "#7a5500", accentDark: expect.stringMatching(/^#[0-9a-f]{6}$/) });
    expect(bySlug.get("liancourt")).toMatchObject({ accent: "#8a1538" });
    // Cauffry has no accent of its own (the site shows the CCLVD's).
    expect(bySlug.get("cauffry")).toMatchObject({ accent: null, accentDark: null, logo: null });

    const t = await createTestTenant(testEnv);
    const agent = person("territory:write");
    // 1.5 MB: above the gateway's 1 MB for ordinary bodies, within the logo's 2 MB: a small PNG
    // carrying a large private ancillary chunk (decoders skip it; its CRC is right).
    const small = await png(400, 300);
    const iend = small.length - 12;
    const big = new Blob([small.slice(0, iend), paddingChunk(1_500_000), small.slice(iend)], { type: "image/png" });
    const body = new FormData();
    body.set("logo", big, "blason.png");
    body.set("alt", "Blason de test");
    const res = await gateway(gatewayRequest(t, "/api/territory/identity/logo", { method: "POST", actor: agent, body }));
    expect(res.status, await res.clone().text()).toBe(201);
    const saved = (await res.json()) as { logo: { src: string; width: number; height: number } };
    expect(saved.logo).toMatchObject({ width: 320, height: 240 });
    const image = await gateway(new Request(`http://localhost${saved.logo.src}`));
    expect(image.status).toBe(200);
    expect(image.headers.get("cache-control")).toContain("immutable");
    expect((await image.arrayBuffer()).byteLength).toBeLessThan(100_000);
    const listed = (await directory()).tenants.find((x) => x.slug === t.slug);
    expect(listed?.logo).toEqual({ src: saved.logo.src, alt: "Blason de test", width: 320, height: 240 });
  });
});
