/**
 * Hostile input through the gateway, answered once in core (issue #14, items 9 and 10): a NUL
 * character in a query string or a JSON string is a 400 naming the field (Postgres would refuse it
 * with SQLSTATE 22021, which used to surface as a 500), and the multipart routes answer 415 to a
 * body that is not multipart, and their own 400 to a multipart body that is garbage.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Actor, Tenant } from "@communa/core";
import { createTestTenant, gatewayRequest, person } from "@communa/core/testing";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);

interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: Array<{ path: string; message: string }>;
}

async function problemOf(res: Response): Promise<Problem> {
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  return (await res.json()) as Problem;
}

const waste = person("waste:read", "waste:write");
const archives = person("archives:read", "archives:write");
const hr = person("hr:read", "hr:write");

describe("a NUL character is refused at validation, naming the field", () => {
  // The seven query strings of the finding that answered 500.
  const queries: Array<[string, string, Actor, string]> = [
    ["cclvd", "/api/waste/chips/history?chip=250%00", waste, "query/chip"],
    ["cclvd", "/api/waste/bins?chip=250%00", waste, "query/chip"],
    ["cclvd", "/api/waste/premises?q=rue%00", waste, "query/q"],
    ["liancourt", "/api/archive/units?q=voirie%00", archives, "query/q"],
    ["liancourt", "/api/archive/units?service=commande%00", archives, "query/service"],
    ["liancourt", "/api/archive/units?motcle=voirie%00", archives, "query/motcle"],
    ["liancourt", "/api/archive/hr/files?agent=martin%00", hr, "query/agent"],
  ];
  for (const [slug, path, actor, field] of queries) {
    it(`GET ${path}`, async () => {
      const res = await gateway(gatewayRequest({ slug }, path, { actor }));
      expect(res.status).toBe(400);
      const p = await problemOf(res);
      expect(p.errors?.map((e) => e.path)).toContain(field);
    });
  }

  it("the seven write routes of the finding: JSON strings with \\u0000", async () => {
    const epci = await createTestTenant(testEnv, { kind: "epci" });
    const nul = "\u0000";
    const writes: Array<[Tenant | { slug: string }, string, string, Actor, unknown, string]> = [
      [epci, "POST", "/api/council/councils", person("council:read", "council:write"), { name: `Conseil${nul}`, kind: "community" }, "body/name"],
      [
        epci,
        "POST",
        "/api/map/layers",
        person("map:read", "map:write"),
        {
          slug: `couche-${Math.random().toString(36).slice(2, 8)}`,
          name: `Équipements${nul}`,
          category: "Équipements",
          style: { color: "#000091", icon: "town-hall" },
          fields: [],
        },
        "body/name",
      ],
      [
        epci,
        "POST",
        "/api/archive/deposits",
        archives,
        {
          transferringAgency: `Secrétariat${nul} général`,
          units: [
            {
              title: "Marché de voirie",
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
        "body/transferringAgency",
      ],
      [{ slug: "cclvd" }, "POST", "/api/waste/stock/depots", waste, { name: `Dépôt${nul}` }, "body/name"],
      [
        epci,
        "POST",
        "/api/identity/api-keys",
        person("identity:admin", "territory:write"),
        { name: `Intégration${nul}`, permissions: ["territory:write"], expiresInDays: 30 },
        "body/name",
      ],
      [
        epci,
        "POST",
        "/api/identity/devices",
        person("identity:admin", "territory:write"),
        { kind: "rfid-reader", name: `Benne${nul}`, permissions: ["territory:write"] },
        "body/name",
      ],
      [epci, "PUT", "/api/territory/profile", person("territory:write"), { address: `1 rue de la Mairie${nul}` }, "body/address"],
    ];
    for (const [t, method, path, actor, json, field] of writes) {
      const res = await gateway(gatewayRequest(t, path, { method, actor, json }));
      expect(res.status, `${method} ${path}`).toBe(400);
      const p = await problemOf(res);
      expect(p.errors, `${method} ${path}`).toEqual([{ path: field, message: "Le caractère nul (U+0000) n’est pas accepté." }]);
    }
  });

  it("deep in a body: the path names the nested field", async () => {
    const t = await createTestTenant(testEnv);
    const res = await gateway(
      gatewayRequest(t, "/api/archive/deposits", {
        method: "POST",
        actor: archives,
        json: {
          transferringAgency: "Secrétariat général",
          units: [
            {
              title: "Marché de voirie",
              description: "Offres",
              originatingAgency: "Commande publique",
              endDate: "2014-06-30",
              keywords: ["voirie", "mar\u0000ché"],
              appraisalRule: "APP-OFFRE-NR",
              accessRule: "ACC-00",
              files: [{ name: "a.pdf", size: 10 }],
            },
          ],
        },
      }),
    );
    expect(res.status).toBe(400);
    expect((await problemOf(res)).errors).toEqual([{ path: "body/units/0/keywords/1", message: "Le caractère nul (U+0000) n’est pas accepté." }]);
  });
});

describe("multipart routes", () => {
  const id = crypto.randomUUID();
  const routes: Array<[string, Actor]> = [
    [`/api/directory/businesses/${id}/photos`, person("directory:read", "directory:write")],
    [`/api/directory/my/businesses/${id}/photos`, person("directory:own")],
    [`/api/archive/deposits/${id}/files`, archives],
  ];
  for (const [path, actor] of routes) {
    it(`POST ${path.replace(id, "{id}")}: 415 to a body that is not multipart, its own 400 to garbage`, async () => {
      for (const type of ["text/plain", "application/json", "application/xml"]) {
        const res = await gateway(
          gatewayRequest({ slug: "liancourt" }, path, {
            method: "POST",
            actor,
            body: type === "application/json" ? "{}" : "<x/>",
            headers: { "content-type": type },
          }),
        );
        expect(res.status, type).toBe(415);
        expect((await problemOf(res)).detail, type).toContain("multipart/form-data");
      }
      const garbage = await gateway(
        gatewayRequest({ slug: "liancourt" }, path, {
          method: "POST",
          actor,
          body: "ceci n’est pas un formulaire",
          headers: { "content-type": "multipart/form-data; boundary=----x" },
        }),
      );
      expect(garbage.status).toBe(400);
      const p = await problemOf(garbage);
      expect(p.detail).toBe("Le corps de la requête n’est pas un formulaire multipart valide.");
      expect(p.detail).not.toContain("JSON");
    });
  }
});

describe("the platform step's new routes answer bad input with the field, in French", () => {
  const admin = person("identity:admin", "audit:read", "territory:write");
  const cases: Array<[string, string, unknown, string[]]> = [
    ["POST", "/api/identity/members/invitations", { email: "pas-une-adresse", role: "agent:map" }, ["body/email"]],
    ["POST", "/api/identity/members/invitations", { email: "a@exemple.invalid", role: "roi" }, ["body/role"]],
    ["POST", "/api/identity/members/invitations", { email: "a@exemple.invalid", role: "agent:map", displayName: "   " }, ["body/displayName"]],
    ["POST", "/api/identity/members/invitations", {}, ["body/email", "body/role"]],
    ["GET", "/api/identity/journal?action=identity%00", undefined, ["query/action"]],
    ["GET", `/api/identity/journal?action=${"a".repeat(101)}`, undefined, ["query/action"]],
    ["GET", "/api/identity/journal?limit=0&before=-1", undefined, ["query/limit", "query/before"]],
    ["PUT", "/api/territory/profile", { phone: "pas un numéro" }, ["body/phone"]],
    ["PUT", "/api/territory/profile", { openingHours: "tous les jours" }, ["body/openingHours"]],
  ];
  for (const [method, path, json, fields] of cases) {
    it(`${method} ${path.slice(0, 60)} ${json ? JSON.stringify(json).slice(0, 60) : ""}`, async () => {
      const t = await createTestTenant(testEnv, { kind: "epci" });
      const res = await gateway(gatewayRequest(t, path, { method, actor: admin, json }));
      expect(res.status).toBe(400);
      const p = await problemOf(res);
      expect(p.errors?.map((e) => e.path).sort()).toEqual(fields.sort());
      for (const e of p.errors ?? []) expect(e.message).toMatch(/[a-zéèà]/);
    });
  }

  it("GET /api/tenants?geometry=oui", async () => {
    const res = await gateway(new Request("https://communa.example/api/tenants?geometry=oui"));
    expect(res.status).toBe(400);
    expect((await problemOf(res)).errors).toEqual([{ path: "query/geometry", message: "Le paramètre geometry vaut « true » ou « false »." }]);
  });
});
