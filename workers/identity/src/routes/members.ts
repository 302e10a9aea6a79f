import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute, ROLES } from "@communa/core";
import type { IdentityBindings } from "../env.ts";
import { listMembers, setRoles } from "../services/members.ts";

const memberSchema = z.object({ id: z.string(), displayName: z.string(), roles: z.array(z.string()) }).openapi("Membre");

const list = defineRoute({
  method: "get",
  path: "/members",
  operationId: "listMembers",
  summary: "Personnes ayant un rôle dans la collectivité",
  requires: "identity:admin",
  responses: { 200: { description: "Membres et rôles", content: { "application/json": { schema: z.object({ members: z.array(memberSchema) }) } } } },
});

const put = defineRoute({
  method: "put",
  path: "/members/{personId}/roles",
  operationId: "setMemberRoles",
  summary: "Définir les rôles d’une personne dans la collectivité",
  description: "Remplace ses rôles ici (liste vide : plus aucun rôle). Les autres collectivités ne sont pas touchées.",
  requires: "identity:admin",
  request: {
    params: z.object({ personId: z.uuid() }),
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({ roles: z.array(z.enum(ROLES as [string, ...string[]])).max(ROLES.length) })
            .strict()
            .openapi("RolesSaisie"),
        },
      },
    },
  },
  responses: {
    200: { description: "Rôles enregistrés", content: { "application/json": { schema: z.object({ id: z.string(), roles: z.array(z.string()) }) } } },
  },
});

export const memberRoutes = createRouter<IdentityBindings>()
  .openapi(list, async (c) => c.json({ members: await listMembers({ db: c.var.db, tenant: c.var.ctx.tenant }) }, 200, { "cache-control": "no-store" }))
  .openapi(put, async (c) =>
    c.json(await setRoles({ db: c.var.db, ctx: c.var.ctx, personId: c.req.valid("param").personId, roles: c.req.valid("json").roles as never }), 200),
  );
