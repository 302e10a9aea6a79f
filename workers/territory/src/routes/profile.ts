import { defineRoute, createRouter, PUBLIC, purgeCache } from "@communa/core";
import { profileInputSchema, profileSchema } from "../schemas.ts";
import { getProfile, saveProfile } from "../services/profile.ts";
import type { TerritoryBindings } from "../env.ts";

const read = defineRoute({
  method: "get",
  path: "/profile",
  operationId: "getProfile",
  summary: "Fiche de contact de la collectivité",
  requires: PUBLIC,
  responses: { 200: { description: "La fiche", content: { "application/json": { schema: profileSchema } } } },
});

const write = defineRoute({
  method: "put",
  path: "/profile",
  operationId: "putProfile",
  summary: "Mettre à jour la fiche de contact",
  requires: "territory:write",
  request: { body: { required: true, content: { "application/json": { schema: profileInputSchema } } } },
  responses: { 200: { description: "La fiche enregistrée", content: { "application/json": { schema: profileSchema } } } },
});

export const profileRoutes = createRouter<TerritoryBindings>()
  .openapi(read, async (c) => c.json(await getProfile({ db: c.var.db, tenant: c.var.ctx.tenant }), 200, { "cache-control": "public, max-age=60" }))
  .openapi(write, async (c) => {
    const saved = await saveProfile({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") });
    const res = c.json(saved, 200);
    purgeCache(res.headers, "/profile");
    return res;
  });
