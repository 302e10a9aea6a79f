import { z } from "@hono/zod-openapi";
import { PUBLIC, createRouter, defineRoute } from "@communa/core";
import type { CemeteryBindings } from "../env.ts";
import { searchGraves } from "../services/public.ts";

const route = defineRoute({
  method: "get",
  path: "/graves",
  operationId: "searchGraves",
  summary: "Rechercher une sépulture par le nom du défunt et les années (si la commune l’a ouverte)",
  description: "Répond le défunt et l’emplacement seulement, jamais les titulaires ni les ayants droit (avis CADA).",
  requires: PUBLIC,
  request: {
    query: z.object({
      nom: z.string().max(80),
      de: z.coerce.number().int().min(1500).max(2200).optional(),
      a: z.coerce.number().int().min(1500).max(2200).optional(),
    }),
  },
  responses: {
    200: {
      description: "Sépultures",
      content: {
        "application/json": {
          schema: z.object({
            graves: z.array(
              z
                .object({
                  id: z.string(),
                  name: z.string(),
                  firstName: z.string(),
                  usageName: z.string(),
                  birthYear: z.number().int().nullable(),
                  deathYear: z.number().int(),
                  burialDate: z.string().nullable(),
                  place: z.object({
                    cemetery: z.string(),
                    cemeteryId: z.string(),
                    plotId: z.string(),
                    section: z.string(),
                    row: z.string(),
                    number: z.string(),
                    x: z.number().nullable(),
                    y: z.number().nullable(),
                  }),
                })
                .openapi("Sepulture"),
            ),
          }),
        },
      },
    },
  },
});

export const publicRoutes = createRouter<CemeteryBindings>().openapi(route, async (c) => {
  const q = c.req.valid("query");
  return c.json({ graves: await searchGraves({ db: c.var.db, ctx: c.var.ctx, name: q.nom, from: q.de, to: q.a }) }, 200, { "cache-control": "no-store" });
});
