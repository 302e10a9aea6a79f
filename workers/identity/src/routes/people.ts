/**
 * Finding a person of the collectivité by name, for the back office's pickers (ADR 0026): an agent
 * designates someone (the agent of an intervention, a councillor) without typing an identifier or
 * an e-mail address. Names and roles only.
 */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute, ROLES, type Role } from "@communa/core";
import type { IdentityBindings } from "../env.ts";
import { searchPeople } from "../services/members.ts";
import { peopleText } from "../messages.fr.ts";

const personSchema = z.object({ id: z.uuid(), displayName: z.string(), roles: z.array(z.enum(ROLES as [Role, ...Role[]])) }).openapi("PersonneTrouvee");

const search = defineRoute({
  method: "get",
  path: "/people",
  operationId: "searchPeople",
  summary: "Chercher une personne de la collectivité par son nom",
  description: "Pour désigner quelqu’un dans un formulaire : nom et rôles ici, sans adresse électronique. Chaque mot saisi doit figurer dans le nom.",
  requires: "identity:people",
  request: {
    query: z.object({
      q: z.string().trim().max(100, { error: peopleText.queryTooLong }).default(""),
      role: z.enum(ROLES as [Role, ...Role[]], { error: peopleText.unknownRole }).optional(),
      limit: z.coerce.number().int().min(1).max(50).default(20),
    }),
  },
  responses: {
    200: {
      description: "Personnes trouvées",
      content: { "application/json": { schema: z.object({ people: z.array(personSchema) }).openapi("PersonnesTrouvees") } },
    },
  },
});

export const peopleRoutes = createRouter<IdentityBindings>().openapi(search, async (c) => {
  const { q, role, limit } = c.req.valid("query");
  const found = await searchPeople({ db: c.var.db, tenant: c.var.ctx.tenant, q, role, limit });
  return c.json({ people: found.map((p) => ({ ...p, roles: p.roles as Role[] })) }, 200, { "cache-control": "no-store" });
});
