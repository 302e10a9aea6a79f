/**
 * The agents' screen of the event queues (ADR 0016): dead letters (inspect, fix the JSON and replay,
 * or discard) and the anomalies the consumers recorded (unknown chips: attach to a bin, or dismiss).
 */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { WasteBindings } from "../env.ts";
import type { IngestBindings } from "../ingest/env.ts";
import { discardDeadLetter, listDeadLetters, oneDeadLetter, replayDeadLetter } from "../ingest/dead-letters.ts";
import { listAnomalies, resolveAnomaly } from "../ingest/anomalies.ts";

const deadLetter = z
  .object({
    id: z.string(),
    queue: z.string().openapi({ description: "File d’origine (bin-lifts, sorting-events)" }),
    messageId: z.string(),
    body: z.string().openapi({ description: "Le message (texte JSON) tel que reçu de la file : jamais modifié" }),
    editedBody: z
      .string()
      .nullable()
      .openapi({ description: "Le message tel que corrigé par l’agent avant le rejeu (null : rejoué tel que reçu, ou pas encore rejoué)" }),
    editedBy: z.string().nullable(),
    editedAt: z.string().nullable(),
    reason: z.string(),
    attempts: z.number().int(),
    status: z.enum(["pending", "replayed", "discarded"]),
    handledBy: z.string().nullable(),
    handledAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("MessageRejete");

const idParam = z.object({ id: z.uuid() });

const list = defineRoute({
  method: "get",
  path: "/dead-letters",
  operationId: "listDeadLetters",
  tags: ["Déchets — événements"],
  summary: "Messages rejetés par les consommateurs de files",
  requires: "waste:read",
  request: { query: z.object({ statut: z.enum(["pending", "replayed", "discarded"]).optional() }) },
  responses: {
    200: {
      description: "Messages rejetés (200 au plus, les plus récents d’abord)",
      content: { "application/json": { schema: z.object({ deadLetters: z.array(deadLetter) }) } },
    },
  },
});

const one = defineRoute({
  method: "get",
  path: "/dead-letters/{id}",
  operationId: "getDeadLetter",
  tags: ["Déchets — événements"],
  summary: "Un message rejeté",
  requires: "waste:read",
  request: { params: idParam },
  responses: { 200: { description: "Message rejeté", content: { "application/json": { schema: deadLetter } } } },
});

const replay = defineRoute({
  method: "post",
  path: "/dead-letters/{id}/replay",
  operationId: "replayDeadLetter",
  tags: ["Déchets — événements"],
  summary: "Rejouer un message (corrigé ou non)",
  description:
    "Le message corrigé (`message`, texte JSON) doit être valide et rester dans la collectivité ; sans `message`, il est rejoué tel quel. Le message reçu reste lisible tel quel (`body`), la correction est gardée à côté (`editedBody`) et le journal note chaque champ changé, avant et après. L’écriture est idempotente : un événement déjà compté ne l’est pas deux fois.",
  requires: "waste:write",
  request: {
    params: idParam,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              message: z
                .string()
                .max(64 * 1024)
                .optional(),
            })
            .strict()
            .openapi("RejeuMessage"),
        },
      },
    },
  },
  responses: { 200: { description: "Message remis dans sa file", content: { "application/json": { schema: deadLetter } } } },
});

const discard = defineRoute({
  method: "post",
  path: "/dead-letters/{id}/discard",
  operationId: "discardDeadLetter",
  tags: ["Déchets — événements"],
  summary: "Écarter un message rejeté",
  requires: "waste:write",
  request: {
    params: idParam,
    body: { required: true, content: { "application/json": { schema: z.object({ reason: z.string().trim().min(3).max(500) }).strict() } } },
  },
  responses: { 200: { description: "Message écarté", content: { "application/json": { schema: deadLetter } } } },
});

/** What an event anomaly records of the event (the device's message, less what the platform added). */
const eventFields = {
  chipId: z.string().optional(),
  truck: z.string().optional(),
  round: z.string().optional(),
  stream: z.string().optional(),
  category: z.string().optional(),
  weightKg: z.number().nullable().optional(),
  liftedAt: z.string().optional(),
  observedAt: z.string().optional(),
};
const anomalyDetail = z
  .object({
    ...eventFields,
    otherBinStatus: z.string().optional(),
    binId: z.string().optional(),
    binStream: z.string().optional(),
    stored: z.object(eventFields).catchall(z.unknown()).optional(),
    received: z.object(eventFields).catchall(z.unknown()).optional(),
  })
  .catchall(z.unknown())
  .openapi("AnomalieDetail");

const anomaly = z
  .object({
    id: z.string(),
    kind: z.enum(["unknown_chip", "stream_mismatch", "event_conflict"]).openapi({
      description:
        "event_conflict : l’équipement a renvoyé un numéro de séquence déjà enregistré avec un autre contenu ; `detail.stored` (l’événement enregistré, inchangé) et `detail.received` (la version reçue)",
    }),
    source: z.enum(["lift", "sorting"]),
    eventId: z.string(),
    deviceId: z.string(),
    chipId: z.string(),
    observedAt: z.string(),
    detail: anomalyDetail,
    status: z.enum(["open", "resolved", "dismissed"]),
    resolution: z.string().nullable(),
    resolvedBy: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("AnomalieEvenement");

const anomalies = defineRoute({
  method: "get",
  path: "/event-anomalies",
  operationId: "listEventAnomalies",
  tags: ["Déchets — événements"],
  summary: "Anomalies des événements (puce inconnue, flux différent du bac, numéro de séquence réutilisé avec un autre contenu)",
  requires: "waste:read",
  request: { query: z.object({ statut: z.enum(["open", "resolved", "dismissed"]).optional() }) },
  responses: {
    200: {
      description: "Anomalies (200 au plus, les plus récentes d’abord)",
      content: { "application/json": { schema: z.object({ anomalies: z.array(anomaly) }) } },
    },
  },
});

const resolve = defineRoute({
  method: "post",
  path: "/event-anomalies/{id}/resolution",
  operationId: "resolveEventAnomaly",
  tags: ["Déchets — événements"],
  summary: "Traiter une anomalie : rattacher l’événement à un bac, enregistrer la version reçue d’un numéro réutilisé, ou l’écarter",
  requires: "waste:write",
  request: {
    params: idParam,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.discriminatedUnion("action", [
            z.object({ action: z.literal("attach"), binId: z.uuid() }).strict(),
            z.object({ action: z.literal("dismiss"), reason: z.string().trim().min(3).max(500) }).strict(),
            z
              .object({ action: z.literal("record") })
              .strict()
              .openapi({
                description:
                  "Pour un numéro de séquence réutilisé (event_conflict) : enregistrer la version reçue comme un événement à part (clé `<clé>#<16 premiers chiffres hexadécimaux de son empreinte>`) ; l’événement déjà enregistré ne change pas.",
              }),
          ]),
        },
      },
    },
  },
  responses: { 200: { description: "Anomalie traitée", content: { "application/json": { schema: anomaly } } } },
});

const ingestEnv = (env: WasteBindings) => env as unknown as IngestBindings;

export const deadLetterRoutes = createRouter<WasteBindings>()
  .openapi(list, async (c) =>
    c.json({ deadLetters: await listDeadLetters({ db: c.var.db, ctx: c.var.ctx, status: c.req.valid("query").statut }) }, 200, { "cache-control": "no-store" }),
  )
  .openapi(one, async (c) => c.json(await oneDeadLetter({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").id }), 200, { "cache-control": "no-store" }))
  .openapi(replay, async (c) =>
    c.json(
      await replayDeadLetter({ db: c.var.db, env: ingestEnv(c.env), ctx: c.var.ctx, id: c.req.valid("param").id, message: c.req.valid("json").message }),
      200,
    ),
  )
  .openapi(discard, async (c) =>
    c.json(await discardDeadLetter({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").id, reason: c.req.valid("json").reason }), 200),
  )
  .openapi(anomalies, async (c) =>
    c.json({ anomalies: await listAnomalies({ db: c.var.db, ctx: c.var.ctx, status: c.req.valid("query").statut }) }, 200, { "cache-control": "no-store" }),
  )
  .openapi(resolve, async (c) =>
    c.json(await resolveAnomaly({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").id, resolution: c.req.valid("json") }), 200),
  );
