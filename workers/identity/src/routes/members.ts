import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute, ROLES, type Role } from "@communa/core";
import type { IdentityBindings } from "../env.ts";
import { inviteMember, listMembers, setRoles } from "../services/members.ts";

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

const invite = defineRoute({
  method: "post",
  path: "/members/invitations",
  operationId: "inviteMember",
  summary: "Inviter une personne par e-mail avec un rôle",
  description:
    "Une personne déjà membre ici reçoit le rôle en plus des siens ; sinon elle est créée avec ce rôle. Un message lui indique la page de connexion, " +
    "où elle demande son propre lien. Personne n’attribue un rôle qui donne plus de droits qu’il n’en détient.",
  requires: "identity:admin",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              email: z.email().max(200),
              displayName: z.string().trim().min(1).max(200).optional(),
              role: z.enum(ROLES as [Role, ...Role[]]),
            })
            .strict()
            .openapi("InvitationSaisie"),
        },
      },
    },
  },
  responses: {
    201: {
      description: "Invitation envoyée",
      content: {
        "application/json": {
          schema: z
            .object({ id: z.string(), roles: z.array(z.string()), created: z.boolean().openapi({ description: "La personne n’était pas encore membre ici" }) })
            .openapi("Invitation"),
        },
      },
    },
  },
});

export const memberRoutes = createRouter<IdentityBindings>()
  .openapi(list, async (c) => c.json({ members: await listMembers({ db: c.var.db, tenant: c.var.ctx.tenant }) }, 200, { "cache-control": "no-store" }))
  .openapi(invite, async (c) => {
    const body = c.req.valid("json");
    return c.json(await inviteMember({ db: c.var.db, ctx: c.var.ctx, email: body.email, displayName: body.displayName, role: body.role }), 201);
  })
  .openapi(put, async (c) =>
    c.json(await setRoles({ db: c.var.db, ctx: c.var.ctx, personId: c.req.valid("param").personId, roles: c.req.valid("json").roles as never }), 200),
  );
