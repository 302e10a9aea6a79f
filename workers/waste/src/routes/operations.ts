/** Stock (depots, articles, levels, movements) and the interventions agenda. */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { WasteBindings } from "../env.ts";
import { STREAMS } from "../services/billing-core.ts";
import { agenda, completeIntervention, requestIntervention, updateIntervention } from "../services/interventions.ts";
import { createDepot, createItem, movements, receive, stockLevels, withdraw } from "../services/stock.ts";
import { interventionOut, stockOut, json as jsonOut } from "./schemas.ts";

const obj = z.record(z.string(), z.any());
const noStore = { "cache-control": "no-store" };
const ok = (description: string) => ({ 200: { description, content: { "application/json": { schema: obj } } } });
const created = (description: string) => ({ 201: { description, content: { "application/json": { schema: obj } } } });
const json = <T extends z.ZodType>(schema: T) => ({ required: true as const, content: { "application/json": { schema } } });
/** Idempotency key of a write the field tablet may resend. */
export const idempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional(),
});
const quantity = z.number().int().min(1).max(100_000);

const levels = defineRoute({
  method: "get",
  path: "/stock",
  operationId: "wasteStock",
  summary: "Stock par dépôt, avec les alertes de réapprovisionnement",
  requires: "waste:read",
  request: { query: z.object({ alertes: z.enum(["oui", "non"]).default("non") }) },
  responses: { 200: jsonOut("Stock", stockOut) },
});
const depot = defineRoute({
  method: "post",
  path: "/stock/depots",
  operationId: "createWasteDepot",
  summary: "Créer un dépôt",
  requires: "waste:write",
  request: { body: json(z.object({ name: z.string().trim().min(2).max(100), address: z.string().max(300).optional() }).strict()) },
  responses: created("Dépôt"),
});
const item = defineRoute({
  method: "post",
  path: "/stock/items",
  operationId: "createWasteStockItem",
  summary: "Créer un article (bac, couvercle, roue, puce…)",
  requires: "waste:write",
  request: {
    body: json(
      z
        .object({
          code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/),
          label: z.string().trim().min(2).max(120),
          kind: z.enum(["container", "lid", "wheel", "chip", "other"]),
        })
        .strict(),
    ),
  },
  responses: created("Article"),
});
const entry = defineRoute({
  method: "post",
  path: "/stock/entries",
  operationId: "wasteStockEntry",
  summary: "Entrée en stock (et seuil de réapprovisionnement)",
  requires: "waste:write",
  request: {
    body: json(
      z
        .object({
          depotId: z.uuid(),
          itemId: z.uuid(),
          quantity: z.number().int().min(0).max(100_000),
          reorderThreshold: z.number().int().min(0).max(100_000).optional(),
          note: z.string().max(300).optional(),
        })
        .strict(),
    ),
  },
  responses: ok("Niveau"),
});
const exit = defineRoute({
  method: "post",
  path: "/stock/exits",
  operationId: "wasteStockExit",
  summary: "Sortie de stock (refusée si le dépôt n’en a pas assez)",
  requires: "waste:write",
  request: {
    body: json(
      z
        .object({ depotId: z.uuid(), itemId: z.uuid(), quantity, interventionId: z.uuid().nullable().optional(), note: z.string().max(300).optional() })
        .strict(),
    ),
  },
  responses: ok("Niveau (409 si le stock est insuffisant)"),
});
const moves = defineRoute({
  method: "get",
  path: "/stock/movements",
  operationId: "wasteStockMovements",
  summary: "Mouvements de stock",
  requires: "waste:read",
  request: { query: z.object({ itemId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }) },
  responses: ok("Mouvements"),
});

const interventionInput = z
  .object({
    kind: z.enum(["deliver", "repair", "replace", "remove"]),
    premisesId: z.uuid().nullable().optional(),
    binId: z.uuid().nullable().optional(),
    stream: z.enum(STREAMS).nullable().optional(),
    description: z.string().max(2000).optional(),
    scheduledFor: z.iso.date().nullable().optional(),
    assignedToPersonId: z.uuid().nullable().optional(),
  })
  .strict();
const list = defineRoute({
  method: "get",
  path: "/interventions",
  operationId: "wasteInterventions",
  summary: "Agenda des interventions (ou celles du jour, pour la tablette)",
  requires: "waste:read",
  request: {
    query: z.object({
      du: z.iso.date().optional(),
      au: z.iso.date().optional(),
      statut: z.enum(["requested", "scheduled", "done", "cancelled"]).optional(),
      jour: z.enum(["aujourdhui"]).optional(),
      miennes: z.enum(["oui", "non"]).default("non"),
    }),
  },
  responses: { 200: jsonOut("Interventions", z.object({ interventions: z.array(interventionOut) })) },
});
const create = defineRoute({
  method: "post",
  path: "/interventions",
  operationId: "createWasteIntervention",
  summary: "Demander ou planifier une intervention",
  requires: "waste:write",
  request: { headers: idempotencyHeader, body: json(interventionInput) },
  responses: { 201: jsonOut("Intervention", interventionOut) },
});
const update = defineRoute({
  method: "patch",
  path: "/interventions/{interventionId}",
  operationId: "updateWasteIntervention",
  summary: "Planifier, affecter ou annuler une intervention",
  requires: "waste:write",
  request: {
    params: z.object({ interventionId: z.uuid() }),
    body: json(
      z
        .object({
          scheduledFor: z.iso.date().nullable().optional(),
          assignedToPersonId: z.uuid().nullable().optional(),
          cancel: z.boolean().optional(),
          description: z.string().max(2000).optional(),
        })
        .strict(),
    ),
  },
  responses: { 200: jsonOut("Intervention", interventionOut) },
});
const complete = defineRoute({
  method: "post",
  path: "/interventions/{interventionId}/complete",
  operationId: "completeWasteIntervention",
  summary: "Clore une intervention (pièces sorties du stock dans la même opération)",
  requires: "waste:write",
  request: {
    params: z.object({ interventionId: z.uuid() }),
    headers: idempotencyHeader,
    body: json(
      z
        .object({
          outcome: z.string().trim().min(2).max(2000),
          parts: z
            .array(z.object({ depotId: z.uuid(), itemId: z.uuid(), quantity }).strict())
            .max(20)
            .optional(),
          newBinId: z.uuid().nullable().optional(),
        })
        .strict(),
    ),
  },
  responses: { 200: jsonOut("Intervention", interventionOut) },
});

export const operationRoutes = createRouter<WasteBindings>()
  .openapi(levels, async (c) => c.json(await stockLevels({ db: c.var.db, ctx: c.var.ctx, alertsOnly: c.req.valid("query").alertes === "oui" }), 200, noStore))
  .openapi(depot, async (c) => c.json(await createDepot({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(item, async (c) => c.json(await createItem({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(entry, async (c) => c.json(await c.var.db.write(c.var.ctx, (tx, journal) => receive(tx, c.var.ctx, journal, c.req.valid("json"))), 200))
  .openapi(exit, async (c) => c.json(await c.var.db.write(c.var.ctx, (tx, journal) => withdraw(tx, c.var.ctx, journal, c.req.valid("json"))), 200))
  .openapi(moves, async (c) => c.json({ movements: await movements({ db: c.var.db, ctx: c.var.ctx, ...c.req.valid("query") }) }, 200, noStore))
  .openapi(list, async (c) => {
    const q = c.req.valid("query");
    return c.json(
      {
        interventions: await agenda({
          db: c.var.db,
          ctx: c.var.ctx,
          query: { from: q.du, to: q.au, status: q.statut, today: q.jour === "aujourdhui", mine: q.miennes === "oui" },
        }),
      },
      200,
      noStore,
    );
  })
  .openapi(create, async (c) =>
    c.json(
      await requestIntervention({
        db: c.var.db,
        ctx: c.var.ctx,
        identity: c.env.IDENTITY,
        input: c.req.valid("json"),
        key: c.req.valid("header")["idempotency-key"],
      }),
      201,
    ),
  )
  .openapi(update, async (c) =>
    c.json(
      await updateIntervention({ db: c.var.db, ctx: c.var.ctx, identity: c.env.IDENTITY, id: c.req.valid("param").interventionId, input: c.req.valid("json") }),
      200,
    ),
  )
  .openapi(complete, async (c) =>
    c.json(
      await completeIntervention({
        db: c.var.db,
        ctx: c.var.ctx,
        id: c.req.valid("param").interventionId,
        input: c.req.valid("json"),
        key: c.req.valid("header")["idempotency-key"],
      }),
      200,
    ),
  );
