import { defineRoute, createRouter, PUBLIC } from "@communa/core";
import { tenantViewSchema } from "../schemas.ts";
import { family } from "../services/tenants.ts";
import type { TerritoryBindings } from "../env.ts";

const current = defineRoute({
  method: "get",
  path: "/tenant",
  operationId: "getTenant",
  summary: "La collectivité adressée",
  description: "Nom, nature (EPCI ou commune), SIREN, EPCI de rattachement et communes membres.",
  requires: PUBLIC,
  responses: { 200: { description: "La collectivité", content: { "application/json": { schema: tenantViewSchema } } } },
});

export const tenantRoutes = createRouter<TerritoryBindings>().openapi(current, async (c) => {
  const { tenant } = c.var.ctx;
  const f = await c.var.db.withTenant(tenant.id, (tx) => family(tx, tenant));
  return c.json(
    {
      slug: f.self.slug,
      kind: f.self.kind,
      name: f.self.name,
      legalName: f.self.legalName,
      siren: f.self.siren,
      insee: f.self.insee,
      parent: f.parent ? { slug: f.parent.slug, name: f.parent.name, siren: f.parent.siren } : null,
      members: f.members.map((m) => ({ slug: m.slug, name: m.name, insee: m.insee })).sort((a, b) => a.name.localeCompare(b.name, "fr")),
    },
    200,
    { "cache-control": "public, max-age=300" },
  );
});
