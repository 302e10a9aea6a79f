/**
 * Water and energy through the gateway (issue #22): the EPCI imports Hub'Eau's answers (recorded,
 * served by the local fake), and a member commune's public API shows the latest conformity of its
 * water; bad imports are refused in French.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestTenant, gatewayRequest, person, testContext, withDb } from "@communa/core/testing";
import { importWater } from "../../workers/environment/src/services/water-import.ts";
import { fakeHubeau, RECORDED } from "../../workers/environment/src/fixtures/fake-hubeau.ts";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string; DATABASE_URL: string };
const gateway = (req: Request) => (exports.default as unknown as { fetch(r: Request): Promise<Response> }).fetch(req);

describe("drinking water", () => {
  it("a member commune's page shows the EPCI's imported conformity, network and limits", async () => {
    const epci = await createTestTenant(testEnv, { kind: "epci" });
    const commune = await createTestTenant(testEnv, { kind: "commune", parent: epci });
    await withDb(testEnv, (db) =>
      importWater(
        {
          db,
          ctx: testContext(epci, person("environment:write")),
          hubeau: { baseUrl: "http://hubeau.test/api", fetch: fakeHubeau().fetch, wait: async () => {} },
        },
        { communes: ["60360", "60524"], year: 2026, from: "2024-01-01", to: "2026-12-31" },
      ),
    );
    const res = await gateway(gatewayRequest(commune, "/api/environment/water/communes/60360"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      networks: { code: string }[];
      latest: { sampleCode: string; conclusion: string; chemicalLimits: { label: string } };
      history: { key: string; limit: number; points: unknown[] }[];
    };
    const newest = RECORDED.resultats_dis
      .filter((r) => r.code_commune === "60360")
      .sort((a, b) => (String(a.date_prelevement) < String(b.date_prelevement) ? 1 : -1))[0];
    expect(body.latest.sampleCode).toBe(newest.code_prelevement);
    expect(body.latest.conclusion).toBe(newest.conclusion_conformite_prelevement);
    expect(body.latest.chemicalLimits.label).toBe("conforme");
    expect(body.networks.map((n) => n.code)).toEqual(["060000412"]);
    expect(body.history.map((h) => [h.key, h.limit])).toEqual([
      ["nitrates", 50],
      ["pesticides", 0.5],
      ["bacteriologie", 0],
    ]);
    // Another territory sees nothing of it.
    const stranger = await createTestTenant(testEnv, { kind: "epci" });
    expect((await gateway(gatewayRequest(stranger, "/api/environment/water/communes/60360"))).status).toBe(404);
  });

  it("refuses an import outside the territory or with an inverted period, in French", async () => {
    const epci = await createTestTenant(testEnv, { kind: "epci" });
    const agent = person("environment:write");
    const post = (json: unknown) => gateway(gatewayRequest(epci, "/api/environment/water/imports", { method: "POST", actor: agent, json }));
    const inverted = await post({ year: 2026, from: "2026-06-01", to: "2026-01-01", communes: ["60360"] });
    expect(inverted.status).toBe(400);
    const problem = (await inverted.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors).toEqual([{ path: "body/to", message: "La fin de la période doit suivre son début." }]);
    const outside = await post({ year: 2026, from: "2026-01-01", to: "2026-06-01", communes: ["60360"] });
    expect(outside.status).toBe(400);
    expect(((await outside.json()) as { errors: { path: string }[] }).errors[0].path).toBe("body/communes/0");
  });
});

describe("energy", () => {
  it("the service records the pool, imports its invoices and downloads the OPERAT file; a wrong line is named in French", async () => {
    const epci = await createTestTenant(testEnv, { kind: "epci" });
    const agent = person("environment:write", "environment:read");
    const call = (path: string, init: { method?: string; json?: unknown } = {}) =>
      gateway(gatewayRequest(epci, `/api/environment${path}`, { actor: agent, ...init }));
    const saved = await call("/energy/buildings", {
      method: "POST",
      json: {
        reference: "PISC-01",
        name: "Piscine",
        floorAreaM2: 1850,
        activity: "sport",
        referenceYear: 2019,
        meters: [{ energy: "electricity", deliveryPoint: "14600000000001" }],
      },
    });
    expect(saved.status).toBe(200);
    const lines = Array.from({ length: 12 }, (_, i) => {
      const mm = String(i + 1).padStart(2, "0");
      return `14600000000001;electricity;2019-${mm}-01;2019-${mm}-${new Date(Date.UTC(2019, i + 1, 0)).getUTCDate()};1000`;
    });
    const ok = await call("/energy/invoices", { method: "POST", json: { csv: ["point_livraison;energie;debut;fin;kwh", ...lines].join("\n") } });
    expect(await ok.json()).toEqual({ lines: 12, changed: 12 });
    const csv = await call("/energy/operat.csv?annee=2019");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect((await csv.text()).split("\r\n")[1]).toContain(";Électricité;12000;365;");
    const bad = await call("/energy/invoices", {
      method: "POST",
      json: { csv: "point_livraison;energie;debut;fin;kwh\n14600000000001;electricity;2019-01-01;2019-01-31;beaucoup" },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { message: string }[] }).errors.map((e) => e.message)).toEqual(["Ligne 2 : « kwh » doit être un nombre positif."]);
  });
});
