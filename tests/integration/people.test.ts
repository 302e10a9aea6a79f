/**
 * Finding a person of the collectivité for a picker (GET /api/identity/people): names and roles of
 * the tenant's members only, accents and case ignored, no e-mail; agents may search, residents not.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Tenant } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest, person } from "@communa/core/testing";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const agent = person("waste:read", "waste:write", "identity:people");

async function member(t: Tenant, name: string, email: string, ...roles: string[]): Promise<string> {
  const [p] = await adminQuery<{ id: string }>(testEnv, "INSERT INTO people (id, display_name, email) VALUES (gen_random_uuid(), $1, $2) RETURNING id", [
    name,
    email,
  ]);
  for (const role of roles)
    await adminQuery(testEnv, "INSERT INTO memberships (tenant_id, person_id, role, granted_by) VALUES ($1, $2, $3, 'test')", [t.id, p.id, role]);
  return p.id;
}

const search = async (t: Tenant, query: string, actor = agent) => {
  const res = await gateway(gatewayRequest(t, `/api/identity/people${query}`, { actor }));
  return { status: res.status, body: (await res.json()) as { people?: Array<Record<string, unknown>>; errors?: Array<{ path: string; message: string }> } };
};

describe("people search for pickers", () => {
  let a: Tenant;
  let b: Tenant;
  let eloise: string;
  let marc: string;
  beforeAll(async () => {
    a = await createTestTenant(testEnv);
    b = await createTestTenant(testEnv);
    eloise = await member(a, "Éloïse Martin-Dubœuf", "eloise@example.invalid", "agent:waste", "councillor");
    marc = await member(a, "Marc Martin", "marc@example.invalid", "resident");
    await member(b, "Éloïse Autre", "autre@example.invalid", "agent:waste");
  });

  it("finds the tenant's members by any words of their name, accents and case ignored, without their e-mail", async () => {
    const { status, body } = await search(a, "?q=ELOISE%20mart");
    expect(status).toBe(200);
    expect(body.people).toEqual([{ id: eloise, displayName: "Éloïse Martin-Dubœuf", roles: ["agent:waste", "councillor"] }]);
    expect(JSON.stringify(body)).not.toContain("@example.invalid");
    expect((await search(a, "?q=martin")).body.people?.map((p) => p.id)).toEqual([eloise, marc]);
  });

  it("keeps to the tenant, filters by role, and treats LIKE wildcards as text", async () => {
    expect((await search(b, "?q=martin")).body.people).toEqual([]);
    expect((await search(a, "?q=martin&role=resident")).body.people?.map((p) => p.id)).toEqual([marc]);
    expect((await search(a, "?q=%25")).body.people).toEqual([]);
    expect((await search(a, "?q=_")).body.people).toEqual([]);
  });

  it("is refused to a resident, and bad parameters name their field in French", async () => {
    expect((await search(a, "?q=martin", person("citizen:self"))).status).toBe(403);
    const bad = await search(a, "?role=roi&limit=500");
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.path).sort()).toEqual(["query/limit", "query/role"]);
  });
});
