/** The tenant list (GET /api/tenants over RPC): every tenant once, each covered commune once, the same as the per-tenant routes say. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { withDb } from "@communa/core/testing";
import type { Db } from "@communa/core";
import { tenantDirectorySchema } from "@communa/contracts/rpc";
import { listCommunes } from "./communes.ts";
import { listTenants, tenantBySlug } from "./tenants.ts";

const e = env as unknown as { DATABASE_URL: string; NEON_WS_PROXY: string };
const use = <T>(fn: (db: Db) => Promise<T>) => withDb(e, fn);

describe("tenant list", () => {
  it("lists each tenant with its parent's slug, and the communes an EPCI covers as its routes do", async () => {
    const listed = tenantDirectorySchema.parse(await use((db) => listTenants({ db, withGeometry: false })));
    expect(new Set(listed.tenants.map((t) => t.slug)).size).toBe(listed.tenants.length);
    const cclvd = (await use((db) => tenantBySlug({ db, slug: "cclvd" })))!;
    const members = await use((db) => listCommunes({ db, tenant: cclvd, withGeometry: false }));
    const children = listed.tenants.filter((t) => t.parent === "cclvd").map((t) => t.insee);
    expect(children.sort()).toEqual(members.map((m) => m.insee).sort());
    for (const m of members) expect(listed.communes.find((c) => c.insee === m.insee)).toMatchObject({ tenant: m.tenantSlug, population: m.population });
    // The commune of every commune tenant that has an INSEE code is listed, and nothing else
    // (tenants made by other tests have none).
    const communeTenants = listed.tenants.filter((t) => t.kind === "commune" && t.insee !== null).map((t) => t.insee);
    expect(listed.communes.map((c) => c.insee).sort()).toEqual(communeTenants.sort());
    expect(listed.communes.some((c) => "boundary" in c)).toBe(false);
  });

  it("carries the boundary each commune's own route gives, when asked", async () => {
    const listed = await use((db) => listTenants({ db, withGeometry: true }));
    const rosoy = (await use((db) => tenantBySlug({ db, slug: "rosoy" })))!;
    const [own] = await use((db) => listCommunes({ db, tenant: rosoy }));
    expect(listed.communes.find((c) => c.insee === own.insee)?.boundary).toEqual(own.boundary);
  });
});
