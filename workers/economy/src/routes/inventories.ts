import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import { RECIPIENT_AUTHORITIES } from "@communa/contracts/economy";
import type { EconomyBindings } from "../env.ts";
import {
  adoptInventory,
  getInventory,
  legalInventory,
  letterText,
  openInventory,
  recordReply,
  recordTransmission,
  startConsultation,
  updateReminders,
} from "../services/inventory.ts";
import { inventoryParam, isoDay, json, noStore, ok, onQuery, siteParam, text } from "./schemas.ts";
import { unitChanges } from "./units.ts";

const status = z.enum(["draft", "consultation", "adopted", "transmitted"]);
const clocks = z
  .object({
    phase: z.enum(["draft", "consultation_running", "adoptable", "adopted", "transmitted", "update_soon", "update_overdue"]),
    adoptableFrom: z.string().nullable(),
    updateDue: z.string().nullable(),
    remindFrom: z.string().nullable(),
  })
  .openapi("DelaisInventaire");

const open = defineRoute({
  method: "post",
  path: "/zones/{siteId}/inventories",
  operationId: "openZoneInventory",
  summary: "Ouvrir le projet d’inventaire de la zone (L318-8-2) pour une année d’imposition",
  requires: "economy:write",
  request: { params: siteParam, body: json(z.object({ taxYear: z.number().int().min(2000).max(2200) }).strict()) },
  responses: { 201: ok("Projet d’inventaire", z.object({ id: z.string(), status })) },
});

const one = defineRoute({
  method: "get",
  path: "/inventories/{inventoryId}",
  operationId: "getZoneInventory",
  summary: "Suivi de l’inventaire : consultation (courriers, réponses), adoption, transmissions, échéance de mise à jour",
  requires: "economy:read",
  request: { params: inventoryParam, query: onQuery },
  responses: {
    200: ok(
      "Inventaire",
      z
        .object({
          id: z.string(),
          siteId: z.string(),
          status,
          taxYear: z.number().int(),
          consultationFrom: z.string().nullable(),
          consultationUntil: z.string().nullable(),
          adoptedOn: z.string().nullable(),
          deliberation: z.string().nullable(),
          clocks,
          letters: z.array(
            z.object({
              id: z.string(),
              role: z.enum(["owner", "occupant"]),
              recipient: z.string(),
              sentOn: z.string(),
              repliedOn: z.string().nullable(),
              reply: z.string().nullable(),
              outcome: z.enum(["pending", "no_change", "corrected", "rejected"]),
              correction: z.string().nullable(),
            }),
          ),
          transmissions: z.array(
            z.object({ authority: z.enum(RECIPIENT_AUTHORITIES), authorityName: z.string(), sentOn: z.string(), documentRef: z.string() }),
          ),
          adopted: z.any(),
        })
        .openapi("SuiviInventaire"),
    ),
  },
});

const consult = defineRoute({
  method: "post",
  path: "/inventories/{inventoryId}/consultation",
  operationId: "startInventoryConsultation",
  summary: "Ouvrir la consultation de 30 jours : un courrier par propriétaire et par occupant",
  requires: "economy:write",
  request: { params: inventoryParam, body: json(z.object({ openedOn: isoDay }).strict()) },
  responses: {
    201: ok(
      "Consultation ouverte",
      z.object({ id: z.string(), status, consultationFrom: z.string(), consultationUntil: z.string(), letters: z.number().int() }),
    ),
  },
});

const letter = defineRoute({
  method: "get",
  path: "/inventories/{inventoryId}/letters/{letterId}",
  operationId: "getConsultationLetter",
  summary: "Texte d’un courrier de consultation (nom et adresse : consultation journalisée)",
  requires: "economy:read",
  request: { params: z.object({ inventoryId: z.uuid(), letterId: z.uuid() }) },
  responses: { 200: { description: "Courrier", content: { "text/plain": { schema: z.string() } } } },
});

const reply = defineRoute({
  method: "post",
  path: "/inventories/{inventoryId}/letters/{letterId}/reply",
  operationId: "recordConsultationReply",
  summary: "Consigner une réponse et la suite donnée (correction appliquée à l’unité foncière, ou non)",
  requires: "economy:write",
  request: {
    params: z.object({ inventoryId: z.uuid(), letterId: z.uuid() }),
    body: json(
      z
        .object({
          repliedOn: isoDay,
          reply: text(4000),
          outcome: z.enum(["pending", "no_change", "corrected", "rejected"]),
          correction: z.string().trim().max(2000).optional(),
          changes: unitChanges.optional(),
        })
        .strict()
        .openapi("ReponseConsultation"),
    ),
  },
  responses: { 200: ok("Réponse consignée", z.object({ id: z.string(), outcome: z.string(), changed: z.array(z.string()) })) },
});

const adopt = defineRoute({
  method: "post",
  path: "/inventories/{inventoryId}/adoption",
  operationId: "adoptZoneInventory",
  summary: "Adopter l’inventaire (délibération), après la consultation de 30 jours",
  requires: "economy:write",
  request: { params: inventoryParam, body: json(z.object({ adoptedOn: isoDay, deliberation: text(120) }).strict()) },
  responses: { 200: ok("Inventaire adopté", z.object({ id: z.string(), status, adoptedOn: z.string(), deliberation: z.string(), updateDue: z.string() })) },
});

const transmit = defineRoute({
  method: "post",
  path: "/inventories/{inventoryId}/transmissions",
  operationId: "recordInventoryTransmission",
  summary: "Enregistrer la transmission de l’inventaire adopté à l’autorité compétente (SCoT, PLU, PLH)",
  requires: "economy:write",
  request: {
    params: inventoryParam,
    body: json(z.object({ authority: z.enum(RECIPIENT_AUTHORITIES), authorityName: text(200), sentOn: isoDay, documentRef: text(200) }).strict()),
  },
  responses: { 201: ok("Transmission enregistrée", z.object({ id: z.string(), status, authority: z.string() })) },
});

const legal = defineRoute({
  method: "get",
  path: "/inventories/{inventoryId}/legal",
  operationId: "getLegalInventory",
  summary: "Inventaire légal avec l’identité des propriétaires (agents habilités ; consultation journalisée)",
  requires: "economy:read",
  request: { params: inventoryParam },
  responses: { 200: ok("Inventaire légal", z.record(z.string(), z.any()).openapi("InventaireLegal")) },
});

const reminders = defineRoute({
  method: "get",
  path: "/reminders",
  operationId: "listInventoryReminders",
  summary: "Inventaires à mettre à jour bientôt (6 ans après l’adoption) ou en retard",
  requires: "economy:read",
  request: { query: onQuery },
  responses: {
    200: ok("Rappels", z.object({ reminders: z.array(clocks.extend({ inventoryId: z.string(), siteId: z.string(), adoptedOn: z.string().nullable() })) })),
  },
});

export const inventoryRoutes = createRouter<EconomyBindings>()
  .openapi(open, async (c) =>
    c.json(await openInventory({ db: c.var.db, ctx: c.var.ctx, siteId: c.req.valid("param").siteId, taxYear: c.req.valid("json").taxYear }), 201),
  )
  .openapi(one, async (c) =>
    c.json(await getInventory({ db: c.var.db, ctx: c.var.ctx, inventoryId: c.req.valid("param").inventoryId, on: c.req.valid("query").on }), 200, noStore),
  )
  .openapi(consult, async (c) =>
    c.json(
      await startConsultation({ db: c.var.db, ctx: c.var.ctx, inventoryId: c.req.valid("param").inventoryId, openedOn: c.req.valid("json").openedOn }),
      201,
    ),
  )
  .openapi(letter, async (c) => {
    const p = c.req.valid("param");
    const body = await letterText({ db: c.var.db, ctx: c.var.ctx, inventoryId: p.inventoryId, letterId: p.letterId });
    return new Response(body, { headers: { ...noStore, "content-type": "text/plain; charset=utf-8" } }) as never;
  })
  .openapi(reply, async (c) => {
    const p = c.req.valid("param");
    return c.json(await recordReply({ db: c.var.db, ctx: c.var.ctx, inventoryId: p.inventoryId, letterId: p.letterId, input: c.req.valid("json") }), 200);
  })
  .openapi(adopt, async (c) => {
    const b = c.req.valid("json");
    return c.json(
      await adoptInventory({
        db: c.var.db,
        ctx: c.var.ctx,
        inventoryId: c.req.valid("param").inventoryId,
        adoptedOn: b.adoptedOn,
        deliberation: b.deliberation,
      }),
      200,
    );
  })
  .openapi(transmit, async (c) =>
    c.json(await recordTransmission({ db: c.var.db, ctx: c.var.ctx, inventoryId: c.req.valid("param").inventoryId, input: c.req.valid("json") }), 201),
  )
  .openapi(legal, async (c) => c.json(await legalInventory({ db: c.var.db, ctx: c.var.ctx, inventoryId: c.req.valid("param").inventoryId }), 200, noStore))
  .openapi(reminders, async (c) => c.json({ reminders: await updateReminders({ db: c.var.db, ctx: c.var.ctx, on: c.req.valid("query").on }) }, 200, noStore));
