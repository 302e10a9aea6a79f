import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Tenant, Db } from "@communa/core";
import { adminQuery, createTestTenant, withDb } from "@communa/core/testing";
import { competenceTable, holderOf } from "./competences.ts";
import { tenantBySlug } from "./tenants.ts";

const e = env as unknown as { DATABASE_URL: string; NEON_WS_PROXY: string; TEST_ADMIN_DATABASE_URL: string };

const use = <T>(fn: (db: Db) => Promise<T>) => withDb(e, fn);

describe("who holds a competence", () => {
  it("the EPCI holds waste for Liancourt; Liancourt holds its cemeteries", async () => {
    const waste = await use((db) => holderOf({ db, competence: "dechets", insee: "60360" }));
    expect(waste.holder).toMatchObject({ kind: "epci", siren: "246000129", slug: "cclvd" });
    const cemeteries = await use((db) => holderOf({ db, competence: "cimetieres", insee: "60360" }));
    expect(cemeteries.holder).toMatchObject({ kind: "commune", slug: "liancourt" });
  });

  it("a neighbour's holder is its own EPCI", async () => {
    const h = await use((db) => holderOf({ db, competence: "dechets", insee: "60130" }));
    expect(h.holder.siren).toBe("246000376");
  });

  it("unknown commune or competence → not found", async () => {
    await expect(use((db) => holderOf({ db, competence: "dechets", insee: "75056" }))).rejects.toMatchObject({ kind: "notFound" });
    await expect(use((db) => holderOf({ db, competence: "licornes", insee: "60360" }))).rejects.toMatchObject({ kind: "notFound" });
  });

  it("follows a transfer recorded for a new EPCI", async () => {
    const epci = await createTestTenant(e, { kind: "epci" });
    const insee = `6${String(Math.floor(Math.random() * 10000)).padStart(4, "0")}`;
    await adminQuery(
      e,
      "INSERT INTO communes (insee, name, postcode, siren, epci_siren, population, population_total, population_year, boundary, bbox) VALUES ($1,'Essai','60000','999999999',$2,1,1,2023,'{\"type\":\"Polygon\",\"coordinates\":[]}','{0,0,0,0}') ON CONFLICT DO NOTHING",
      [insee, epci.siren],
    );
    const [commune] = await adminQuery<Tenant>(
      e,
      "INSERT INTO tenants (id, slug, kind, name, legal_name, siren, insee, parent_id) VALUES (gen_random_uuid(), $1, 'commune', 'Essai', 'Essai', $2, $3, $4) RETURNING id",
      [`essai-${insee}`, `8${insee}123`, insee, epci.id],
    );
    expect(commune).toBeTruthy();
    expect((await use((db) => holderOf({ db, competence: "mobilite", insee }))).holder.kind).toBe("commune");
    await adminQuery(e, "INSERT INTO competence_transfers (tenant_id, competence_code) VALUES ($1, 'mobilite')", [epci.id]);
    expect((await use((db) => holderOf({ db, competence: "mobilite", insee }))).holder.kind).toBe("epci");
  });

  it("the competence table of a member commune shows what its EPCI holds", async () => {
    const liancourt = (await use((db) => tenantBySlug({ db, slug: "liancourt" })))!;
    const rows = await use((db) => competenceTable({ db, tenant: liancourt }));
    const by = Object.fromEntries(rows.map((r) => [r.code, r.heldBy]));
    expect(by).toMatchObject({ dechets: "epci", eau: "epci", mobilite: "epci", cimetieres: "commune", salles: "commune" });
  });
});
