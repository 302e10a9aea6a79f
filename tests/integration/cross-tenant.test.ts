/**
 * Cross-tenant probes (issue #25): two unrelated collectivités, A and B. What A's staff made is
 * addressed by its ids through B, by B's administrator (who holds every permission in B) and
 * anonymously: read, update, delete, search, export and the OGC API must neither show nor touch
 * it — a 404 (or an answer without it), never A's data, never a change in A.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { permissionsOf, type Actor, type Tenant } from "@communa/core";
import { createTestTenant, gatewayRequest } from "@communa/core/testing";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const admin: Actor = { kind: "person", id: "sonde-admin-b", permissions: permissionsOf(["admin"]) };
const adminA: Actor = { kind: "person", id: "sonde-admin-a", permissions: permissionsOf(["admin"]) };

let a: Tenant;
let b: Tenant;
const marker = `Sonde${Math.random().toString(36).slice(2, 8)}`;
let layerId: string;
let featureId: string;
let councilId: string;
let depositId: string;
let premisesId: string;
let keyId: string;
let businessId: string;
/** The directory needs a territory (a place inside it): A's business is the seeded EPCI's. */
const cclvd = { slug: "cclvd" };

/** A SIRET with right check digits (Luhn). */
function siret(): string {
  const luhn = (n: string) => [...n].reverse().reduce((sum, d, i) => sum + (i % 2 ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][Number(d)] : Number(d)), 0) % 10 === 0;
  const base = Array.from({ length: 12 }, () => Math.floor(Math.random() * 10)).join("");
  for (let k = 0; k < 100; k++) {
    const candidate = `${base}${String(k).padStart(2, "0")}`;
    if (luhn(candidate.slice(0, 9)) && luhn(candidate)) return candidate;
  }
  return siret();
}

async function created(res: Response): Promise<{ id: string }> {
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string };
}

beforeAll(async () => {
  a = await createTestTenant(testEnv, { kind: "epci" });
  b = await createTestTenant(testEnv, { kind: "epci" });
  layerId = (
    await created(
      await gateway(
        gatewayRequest(a, "/api/map/layers", {
          method: "POST",
          actor: adminA,
          json: {
            slug: `sonde-${marker.toLowerCase()}`,
            name: `Couche ${marker}`,
            category: "Équipements",
            style: { color: "#000091", icon: "town-hall" },
            fields: [],
          },
        }),
      ),
    )
  ).id;
  featureId = (
    await created(
      await gateway(
        gatewayRequest(a, `/api/map/layers/${layerId}/features`, {
          method: "POST",
          actor: adminA,
          json: { name: `Lieu ${marker}`, geometry: { type: "Point", coordinates: [2.463, 49.3305] }, properties: {} },
        }),
      ),
    )
  ).id;
  councilId = (
    await created(
      await gateway(gatewayRequest(a, "/api/council/councils", { method: "POST", actor: adminA, json: { name: `Conseil ${marker}`, kind: "community" } })),
    )
  ).id;
  depositId = (
    await created(
      await gateway(
        gatewayRequest(a, "/api/archive/deposits", {
          method: "POST",
          actor: adminA,
          json: {
            transferringAgency: "Secrétariat général",
            units: [
              {
                title: `Marché ${marker}`,
                description: "Offres",
                originatingAgency: "Commande publique",
                endDate: "2014-06-30",
                keywords: ["voirie"],
                appraisalRule: "APP-OFFRE-NR",
                accessRule: "ACC-00",
                files: [{ name: "a.pdf", size: 10 }],
              },
            ],
          },
        }),
      ),
    )
  ).id;
  premisesId = (
    await created(
      await gateway(
        gatewayRequest(a, "/api/waste/premises", {
          method: "POST",
          actor: adminA,
          json: { reference: `LOC-${marker}`, address: `Local ${marker}`, postcode: "60140", communeInsee: "60360", rentalValueCents: 300_000 },
        }),
      ),
    )
  ).id;
  businessId = (
    await created(
      await gateway(
        gatewayRequest(cclvd, "/api/directory/businesses?publier=oui", {
          method: "POST",
          actor: adminA,
          json: {
            name: `Commerce ${marker}`,
            siret: siret(),
            category: "boulangerie",
            address: "12 rue de la République",
            lon: 2.463,
            lat: 49.3305,
            openingHours: "Tu-Sa 07:00-13:00",
          },
        }),
      ),
    )
  ).id;
  keyId = (
    await created(
      await gateway(
        gatewayRequest(a, "/api/identity/api-keys", {
          method: "POST",
          actor: adminA,
          json: { name: `Clé ${marker}`, permissions: ["territory:write"], expiresInDays: 30 },
        }),
      ),
    )
  ).id;
});

/** Through B: the status, and whether one of A's records shows in the body (a search echoing its term is not one). */
async function viaB(path: string, init: { method?: string; json?: unknown; actor?: Actor | null; tenant?: Tenant } = {}) {
  const actor = init.actor === null ? undefined : (init.actor ?? admin);
  const res = await gateway(
    gatewayRequest(init.tenant ?? b, path, { method: init.method ?? "GET", actor, json: init.json, headers: { "cache-control": "no-cache" } }),
  );
  const body = await res.text();
  return {
    status: res.status,
    leaks: ["Couche", "Lieu", "Conseil", "Marché", "Local", "LOC-", "Clé", "Commerce"].some((w) => body.includes(`${w}${w.endsWith("-") ? "" : " "}${marker}`)),
  };
}

describe("cross-tenant probes: A's records through B", () => {
  it("control: the same reads through A show A's records (so a probe through B that sees nothing means something)", async () => {
    const seen: Record<string, boolean> = {};
    for (const path of [
      `/api/map/search?q=${marker}`,
      `/api/map/layers/${layerId}/export`,
      `/api/map/ogc/collections/${layerId}/items`,
      `/api/map/liste?q=${marker}`,
      `/api/council/councils`,
      `/api/archive/deposits/${depositId}`,
      `/api/waste/premises/${premisesId}`,
      `/api/waste/premises?q=${marker}`,
      "/api/identity/api-keys",
    ])
      seen[path] = (await viaB(path, { tenant: a, actor: adminA })).leaks;
    expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((k) => [k, true])));
  });

  it("map: read, update, delete of A's layer and place are 404 through B", async () => {
    for (const [method, path, json] of [
      ["GET", `/api/map/layers/${layerId}`],
      ["GET", `/api/map/layers/${layerId}/features`],
      ["GET", `/api/map/features/${featureId}`],
      ["PATCH", `/api/map/layers/${layerId}`, { name: "Piratée" }],
      ["PUT", `/api/map/features/${featureId}`, { name: "Piraté", geometry: { type: "Point", coordinates: [2.46, 49.33] }, properties: {} }],
      ["DELETE", `/api/map/features/${featureId}`],
      ["DELETE", `/api/map/layers/${layerId}`],
    ] as Array<[string, string, unknown?]>) {
      const r = await viaB(path, { method, json });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.leaks, `${method} ${path}`).toBe(false);
    }
    // Still there in A, unchanged.
    const still = await gateway(gatewayRequest(a, `/api/map/features/${featureId}`, { headers: { "cache-control": "no-cache" } }));
    expect(still.status).toBe(200);
    expect(await still.text()).toContain(`Lieu ${marker}`);
  });

  it("map: search, exports and the OGC API through B show nothing of A", async () => {
    for (const path of [
      `/api/map/search?q=${marker}`,
      `/api/map/search/export?q=${marker}`,
      `/api/map/layers/${layerId}/export`,
      "/api/map/ogc/collections",
      `/api/map/ogc/collections/${layerId}`,
      `/api/map/ogc/collections/${layerId}/items`,
      `/api/map/ogc/collections/${layerId}/items/${featureId}`,
      "/api/map/dcat",
      `/api/map/liste?q=${marker}`,
    ]) {
      for (const actor of [admin, null]) {
        const r = await viaB(path, { actor });
        expect(r.status, path).toBeLessThan(500);
        expect(r.leaks, `${path} (${actor ? "admin de B" : "anonyme"})`).toBe(false);
      }
    }
    expect((await viaB(`/api/map/layers/${layerId}/export`)).status).toBe(404);
    expect((await viaB(`/api/map/ogc/collections/${layerId}/items/${featureId}`)).status).toBe(404);
  });

  it("council: A's council and its members are not B's", async () => {
    expect((await viaB("/api/council/councils")).leaks).toBe(false);
    const members = await viaB(`/api/council/councils/${councilId}/members`);
    expect(members.status).toBe(404);
    const add = await viaB(`/api/council/councils/${councilId}/members`, { method: "POST", json: { personId: crypto.randomUUID(), role: "member" } });
    expect([400, 404]).toContain(add.status);
    expect((await viaB(`/api/council/councils/${councilId}/rooms`)).status).toBe(404);
  });

  it("archives: A's deposit cannot be read, sealed or searched through B", async () => {
    for (const path of [`/api/archive/deposits/${depositId}`, `/api/archive/deposits/${depositId}/reply`, `/api/archive/deposits/${depositId}/attestation`]) {
      const r = await viaB(path);
      expect(r.status, path).toBe(404);
      expect(r.leaks, path).toBe(false);
    }
    const seal = await viaB(`/api/archive/deposits/${depositId}/seal`, { method: "POST", json: {} });
    expect(seal.status).toBe(404);
    const search = await viaB(`/api/archive/units?q=${marker}`);
    expect(search.status).toBe(200);
    expect(search.leaks).toBe(false);
    const exported = await viaB("/api/archive/export", { method: "POST", json: { depositIds: [depositId] } });
    expect(exported.leaks).toBe(false);
    expect(exported.status).toBeLessThan(500);
  });

  it("waste: A's premises cannot be read, changed or searched through B", async () => {
    for (const [method, path, json] of [
      ["GET", `/api/waste/premises/${premisesId}`],
      ["PUT", `/api/waste/premises/${premisesId}`, { address: "Piraté", postcode: "60140", communeInsee: "60360", rentalValueCents: 1 }],
      ["GET", `/api/waste/premises/${premisesId}/sorting`],
      ["GET", `/api/waste/premises/${premisesId}/letter`],
    ] as Array<[string, string, unknown?]>) {
      const r = await viaB(path, { method, json });
      expect([400, 404], `${method} ${path}`).toContain(r.status);
      expect(r.leaks, `${method} ${path}`).toBe(false);
    }
    const search = await viaB(`/api/waste/premises?q=${marker}`);
    expect(search.status).toBe(200);
    expect(search.leaks).toBe(false);
  });

  it("identity: A's API key is not listed, and cannot be revoked, through B", async () => {
    expect((await viaB("/api/identity/api-keys")).leaks).toBe(false);
    expect((await viaB(`/api/identity/api-keys/${keyId}`, { method: "DELETE" })).status).toBe(404);
    expect((await viaB("/api/identity/api-keys", { tenant: a, actor: adminA })).leaks).toBe(true);
  });

  it("directory: a business of one territory is not read, changed or exported through another", async () => {
    const inA = await gateway(gatewayRequest(cclvd, `/api/directory/businesses/${businessId}`, { headers: { "cache-control": "no-cache" } }));
    expect(inA.status).toBe(200);
    await inA.arrayBuffer();
    for (const [method, path, json] of [
      ["GET", `/api/directory/businesses/${businessId}`],
      ["GET", `/api/directory/businesses/${businessId}/jsonld`],
      ["PUT", `/api/directory/businesses/${businessId}`, { name: "Piraté" }],
      ["POST", `/api/directory/businesses/${businessId}/moderation`, { decision: "reject", reason: "x" }],
    ] as Array<[string, string, unknown?]>) {
      const r = await viaB(path, { method, json });
      expect([400, 404], `${method} ${path}`).toContain(r.status);
      expect(r.leaks, `${method} ${path}`).toBe(false);
    }
    for (const path of [`/api/directory/businesses?q=${marker}`, "/api/directory/export"]) {
      // Control: through its own territory, the same read shows it.
      expect((await viaB(path, { tenant: cclvd as Tenant, actor: null })).leaks, `${path} (cclvd)`).toBe(true);
      for (const actor of [admin, null]) {
        const r = await viaB(path, { actor });
        expect(r.status, path).toBeLessThan(500);
        expect(r.leaks, path).toBe(false);
      }
    }
  });
});
