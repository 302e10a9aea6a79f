import { z } from "@hono/zod-openapi";
import { defineRoute, createRouter, PUBLIC } from "@communa/core";
import { competenceRowSchema, holderSchema, inseeSchema } from "../schemas.ts";
import { competenceTable, holderOf } from "../services/competences.ts";
import type { TerritoryBindings } from "../env.ts";

const table = defineRoute({
  method: "get",
  path: "/competences",
  operationId: "listCompetences",
  summary: "Compétences et qui les exerce",
  description: "Pour chaque compétence : exercée par l’EPCI (transférée) ou par la commune.",
  requires: PUBLIC,
  responses: {
    200: { description: "Tableau des compétences", content: { "application/json": { schema: z.object({ competences: z.array(competenceRowSchema) }) } } },
  },
});

const holder = defineRoute({
  method: "get",
  path: "/competences/{code}/holder",
  operationId: "getCompetenceHolder",
  summary: "Qui exerce une compétence pour une commune",
  requires: PUBLIC,
  request: {
    params: z.object({
      code: z
        .string()
        .regex(/^[a-z0-9-]{1,60}$/)
        .openapi({ example: "dechets" }),
    }),
    query: z.object({ commune: inseeSchema }),
  },
  responses: { 200: { description: "La collectivité compétente", content: { "application/json": { schema: holderSchema } } } },
});

export const competencesRoutes = createRouter<TerritoryBindings>()
  .openapi(table, async (c) => {
    const rows = await competenceTable({ db: c.var.db, tenant: c.var.ctx.tenant });
    return c.json({ competences: rows }, 200, { "cache-control": "public, max-age=300" });
  })
  .openapi(holder, async (c) => {
    const result = await holderOf({ db: c.var.db, competence: c.req.valid("param").code, insee: c.req.valid("query").commune });
    return c.json(result, 200, { "cache-control": "public, max-age=300" });
  });
