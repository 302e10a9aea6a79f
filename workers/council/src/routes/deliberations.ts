/** The public list of deliberations (L2121-25) and each one as a document for the prefecture. */
import { ITEM_TYPES } from "@communa/contracts/council-rules";
import { z } from "@hono/zod-openapi";
import { PUBLIC, cacheFor, createRouter, defineRoute } from "@communa/core";
import type { CouncilBindings } from "../env.ts";
import { getDeliberation, listDeliberations } from "../services/deliberations.ts";
import { voteResult } from "./sittings.ts";

const out = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });
const deliberation = z
  .object({
    id: z.string(),
    /** `YYYY-NNN`, numbered per collectivité and per year. */
    number: z.string(),
    adoptedOn: z.string(),
    subject: z.string(),
    itemType: z.enum(ITEM_TYPES),
    /** @ctes nature of the act: 1 = délibération. */
    natureCode: z.number(),
    sittingId: z.string(),
    sittingTitle: z.string(),
    result: voteResult,
    publishedAt: z.string(),
    /** The last day of the week the CGCT gives to publish the list (L2121-25). */
    publicationDue: z.string(),
  })
  .openapi("CouncilDeliberation");

const list = defineRoute({
  method: "get",
  path: "/deliberations",
  tags: ["Délibérations"],
  operationId: "listDeliberations",
  summary: "Liste des délibérations adoptées (publiée dans la semaine, article L2121-25)",
  requires: PUBLIC,
  request: {
    query: z.object({
      annee: z
        .string()
        .regex(/^\d{4}$/)
        .optional(),
    }),
  },
  responses: { 200: out("Délibérations", z.object({ deliberations: z.array(deliberation) })) },
});
const one = defineRoute({
  method: "get",
  path: "/deliberations/{deliberationId}",
  tags: ["Délibérations"],
  operationId: "getDeliberation",
  summary: "Une délibération : métadonnées et texte, prêts pour la transmission à la préfecture",
  requires: PUBLIC,
  request: { params: z.object({ deliberationId: z.uuid() }) },
  responses: {
    200: out(
      "Délibération",
      deliberation.extend({ collectivite: z.string(), natureLabel: z.string(), text: z.string() }).openapi("CouncilDeliberationDocument"),
    ),
  },
});

export const deliberationRoutes = createRouter<CouncilBindings>()
  .openapi(list, async (c) => {
    const annee = c.req.valid("query").annee;
    return c.json(
      { deliberations: await listDeliberations({ db: c.var.db, ctx: c.var.ctx, year: annee ? Number(annee) : undefined }) },
      200,
      cacheFor(c.var.ctx),
    );
  })
  .openapi(one, async (c) =>
    c.json(
      await getDeliberation({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").deliberationId, collectivite: c.var.ctx.tenant.name }),
      200,
      cacheFor(c.var.ctx),
    ),
  );
