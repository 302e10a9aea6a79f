import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { WasteBindings } from "../env.ts";
import { STREAMS } from "../services/billing-core.ts";
import { assignChip, chipHistory, getPremises, listBins, listPremises, lookupChip, saveBin, savePremises } from "../services/registry.ts";
import { chipHistoryOut } from "./schemas.ts";

const noStore = { "cache-control": "no-store" };
const insee = z.string().regex(/^[0-9][0-9AB][0-9]{3}$/);
const chip = z.string().max(32);
const statuses = ["in_service", "stock", "stolen", "broken", "removed"] as const;

const premisesInput = z
  .object({
    reference: z.string().trim().min(1).max(40),
    invariant: z
      .string()
      .regex(/^[0-9A-Za-z]{10}$/)
      .nullable()
      .optional(),
    address: z.string().trim().min(3).max(300),
    postcode: z.string().regex(/^[0-9]{5}$/),
    communeInsee: insee,
    kind: z.enum(["household", "business", "public"]).optional(),
    rentalValueCents: z.number().int().min(0).max(100_000_000_00),
    firstOccupiedYear: z.number().int().min(1800).max(2200).nullable().optional(),
    closedAt: z.iso.date().nullable().optional(),
    occupantEmail: z.email().max(200).nullable().optional(),
  })
  .strict()
  .openapi("LocalSaisie");

const binInput = z
  .object({
    stream: z.enum(STREAMS),
    volumeLitres: z.number().int().min(10).max(5000),
    status: z.enum(statuses).optional(),
    premisesId: z.uuid().nullable().optional(),
    collective: z.boolean().optional(),
    sharedBy: z.array(z.uuid()).max(500).optional(),
    depotId: z.uuid().nullable().optional(),
    note: z.string().max(500).nullable().optional(),
    chipId: chip.nullable().optional(),
  })
  .strict()
  .openapi("BacSaisie");

const page = { limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) };
const json = <T extends z.ZodType>(schema: T) => ({ required: true as const, content: { "application/json": { schema } } });

/** What the API answers about a premises and its bins (services/registry.ts premisesView, binView). */
const binOut = z
  .object({
    id: z.string(),
    chipId: z.string().nullable(),
    stream: z.enum(STREAMS),
    volumeLitres: z.number().int(),
    status: z.string(),
    premisesId: z.string().nullable(),
    collective: z.boolean(),
    depotId: z.string().nullable(),
    note: z.string().nullable(),
    premisesIds: z.array(z.string()).optional(),
  })
  .openapi("BacDechets");
const premisesOut = z
  .object({
    id: z.string(),
    reference: z.string(),
    invariant: z.string().nullable(),
    address: z.string(),
    postcode: z.string(),
    communeInsee: z.string(),
    kind: z.enum(["household", "business", "public"]),
    rentalValueCents: z.number().int(),
    firstOccupiedYear: z.number().int().nullable(),
    closedAt: z.string().nullable(),
    occupantLinked: z.boolean(),
  })
  .openapi("LocalDechets");

const listP = defineRoute({
  method: "get",
  path: "/premises",
  operationId: "listWastePremises",
  summary: "Locaux assujettis (recherche par adresse, référence ou numéro invariant)",
  requires: "waste:read",
  request: { query: z.object({ q: z.string().trim().min(1).max(100).optional(), commune: insee.optional(), ...page }) },
  responses: { 200: { description: "Locaux", content: { "application/json": { schema: z.object({ premises: z.array(premisesOut) }) } } } },
});
const oneP = defineRoute({
  method: "get",
  path: "/premises/{premisesId}",
  operationId: "getWastePremises",
  summary: "Un local et ses bacs (consultation journalisée)",
  requires: "waste:read",
  request: { params: z.object({ premisesId: z.uuid() }) },
  responses: { 200: { description: "Local", content: { "application/json": { schema: premisesOut.extend({ bins: z.array(binOut) }) } } } },
});
const createP = defineRoute({
  method: "post",
  path: "/premises",
  operationId: "createWastePremises",
  summary: "Créer un local",
  requires: "waste:write",
  request: { body: json(premisesInput) },
  responses: { 201: { description: "Local créé", content: { "application/json": { schema: premisesOut } } } },
});
const putP = defineRoute({
  method: "put",
  path: "/premises/{premisesId}",
  operationId: "updateWastePremises",
  summary: "Modifier un local (dont le lien avec l’habitant, par son adresse électronique)",
  requires: "waste:write",
  request: { params: z.object({ premisesId: z.uuid() }), body: json(premisesInput) },
  responses: { 200: { description: "Local modifié", content: { "application/json": { schema: premisesOut } } } },
});
const listB = defineRoute({
  method: "get",
  path: "/bins",
  operationId: "listWasteBins",
  summary: "Bacs (par puce, état, flux ou local)",
  requires: "waste:read",
  request: {
    query: z.object({
      chip: chip.optional(),
      status: z.enum(statuses).optional(),
      stream: z.enum(STREAMS).optional(),
      premisesId: z.uuid().optional(),
      ...page,
    }),
  },
  responses: { 200: { description: "Bacs", content: { "application/json": { schema: z.object({ bins: z.array(binOut) }) } } } },
});
const createB = defineRoute({
  method: "post",
  path: "/bins",
  operationId: "createWasteBin",
  summary: "Créer un bac (individuel ou collectif)",
  requires: "waste:write",
  request: { body: json(binInput) },
  responses: { 201: { description: "Bac créé", content: { "application/json": { schema: binOut } } } },
});
const putB = defineRoute({
  method: "put",
  path: "/bins/{binId}",
  operationId: "updateWasteBin",
  summary: "Modifier un bac (état, local, partage, puce)",
  requires: "waste:write",
  request: { params: z.object({ binId: z.uuid() }), body: json(binInput) },
  responses: { 200: { description: "Bac modifié", content: { "application/json": { schema: binOut } } } },
});
const chipB = defineRoute({
  method: "post",
  path: "/bins/{binId}/chip",
  operationId: "assignWasteBinChip",
  summary: "Poser, remplacer ou retirer la puce d’un bac (historisé)",
  requires: "waste:write",
  request: { params: z.object({ binId: z.uuid() }), body: json(z.object({ chipId: chip.nullable(), reason: z.string().trim().min(3).max(200) }).strict()) },
  responses: { 200: { description: "Bac", content: { "application/json": { schema: binOut } } } },
});
const historyB = defineRoute({
  method: "get",
  path: "/chips/history",
  operationId: "wasteChipHistory",
  summary: "Historique des puces : quels bacs a portés une puce, ou quelles puces a portées un bac",
  requires: "waste:read",
  request: {
    query: z.object({ chip: chip.optional(), binId: z.uuid().optional() }).refine((q) => q.chip || q.binId, { message: "Indiquez une puce ou un bac." }),
  },
  responses: { 200: { description: "Historique", content: { "application/json": { schema: chipHistoryOut } } } },
});
const lookup = defineRoute({
  method: "get",
  path: "/chips/{chipId}",
  operationId: "lookupWasteChip",
  summary: "Le bac qui porte cette puce (scan sur le terrain)",
  requires: "waste:read",
  request: { params: z.object({ chipId: chip }) },
  responses: {
    200: {
      description: "Bac",
      content: { "application/json": { schema: binOut.extend({ address: z.string().nullable(), premisesReference: z.string().nullable() }) } },
    },
  },
});

export const registryRoutes = createRouter<WasteBindings>()
  .openapi(listP, async (c) => c.json({ premises: await listPremises({ db: c.var.db, ctx: c.var.ctx, query: c.req.valid("query") }) }, 200, noStore))
  .openapi(oneP, async (c) => c.json(await getPremises({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").premisesId }), 200, noStore))
  .openapi(createP, async (c) => c.json(await savePremises({ db: c.var.db, ctx: c.var.ctx, identity: c.env.IDENTITY, input: c.req.valid("json") }), 201))
  .openapi(putP, async (c) =>
    c.json(
      await savePremises({ db: c.var.db, ctx: c.var.ctx, identity: c.env.IDENTITY, id: c.req.valid("param").premisesId, input: c.req.valid("json") }),
      200,
    ),
  )
  .openapi(listB, async (c) => c.json({ bins: await listBins({ db: c.var.db, ctx: c.var.ctx, query: c.req.valid("query") }) }, 200, noStore))
  .openapi(createB, async (c) => c.json(await saveBin({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(putB, async (c) => c.json(await saveBin({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").binId, input: c.req.valid("json") }), 200))
  .openapi(chipB, async (c) => {
    const body = c.req.valid("json");
    return c.json(await assignChip({ db: c.var.db, ctx: c.var.ctx, binId: c.req.valid("param").binId, chipId: body.chipId, reason: body.reason }), 200);
  })
  .openapi(historyB, async (c) => {
    const q = c.req.valid("query");
    return c.json({ history: await chipHistory({ db: c.var.db, ctx: c.var.ctx, chipId: q.chip, binId: q.binId }) }, 200, noStore);
  })
  .openapi(lookup, async (c) => c.json(await lookupChip({ db: c.var.db, ctx: c.var.ctx, chipId: c.req.valid("param").chipId }), 200, noStore));
