/**
 * What devices call (signed requests, checked by the gateway): event batches onto the queues, and
 * heartbeats that bring back the configuration pushed by an agent.
 */
import { z } from "@hono/zod-openapi";
import { AppError, createRouter, defineRoute, forbidden, type TrustedContext } from "@communa/core";
import type { DevicesBindings } from "../env.ts";
import { MAX_BATCH } from "@communa/contracts/devices";
import { texts } from "../messages.fr.ts";
import { sessionOf } from "../services/fleet.ts";
import type { Stream } from "../services/ingest.ts";
import { deviceConfigSchema } from "../services/config.ts";

const batchBody = z
  .object({
    events: z
      .array(z.unknown())
      .min(1)
      .max(MAX_BATCH)
      .openapi({ description: `De 1 à ${MAX_BATCH} événements ; chacun est accepté ou refusé séparément.` }),
    backlog: z.number().int().min(0).optional().openapi({ description: "Événements encore en attente sur l’équipement après ce lot" }),
  })
  .strict()
  .openapi("LotEvenements");

const answer = z
  .object({
    accepted: z.array(z.object({ index: z.number().int(), seq: z.number().int(), eventId: z.string() })),
    rejected: z.array(
      z.object({ index: z.number().int(), seq: z.number().int().nullable(), errors: z.array(z.object({ path: z.string(), message: z.string() })) }),
    ),
  })
  .openapi("ReponseLot");

const STREAMS: { stream: Stream; path: string; operationId: string; summary: string; description: string }[] = [
  {
    stream: "lifts",
    path: "/ingest/lifts",
    operationId: "ingestLifts",
    summary: "Levées de bacs (lecteur RFID d’une benne)",
    description:
      "Événement : seq, chipId (15 chiffres), truck, round, liftedAt, lon, lat, weightKg (facultatif), stream (residual, packaging, biowaste, glass).",
  },
  {
    stream: "sorting",
    path: "/ingest/sorting-events",
    operationId: "ingestSortingEvents",
    summary: "Erreurs de tri (caméra embarquée)",
    description: "Événement : seq, chipId, observedAt, category, confidence (0 à 1), imageKey (facultatif, image dans R2).",
  },
  {
    stream: "telemetry",
    path: "/ingest/telemetry",
    operationId: "ingestTelemetry",
    summary: "Mesures (piézomètre, compteur d’énergie)",
    description: "Événement : seq, at, metric, value, unit.",
  },
];

function deviceOf(ctx: TrustedContext): string {
  if (ctx.actor.kind !== "device") throw forbidden(texts.deviceOnly);
  return ctx.actor.id;
}

const heartbeat = defineRoute({
  method: "post",
  path: "/heartbeat",
  operationId: "deviceHeartbeat",
  tags: ["Équipements"],
  summary: "Signe de vie d’un équipement",
  description: "Versions, file d’attente côté équipement ; la réponse porte la nouvelle configuration si elle a changé depuis `configVersion`.",
  requires: "devices:ingest",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              firmware: z.string().trim().min(1).max(40).openapi({ example: "2.4.1" }),
              appVersion: z.string().trim().min(1).max(40).optional(),
              backlog: z.number().int().min(0).openapi({ description: "Événements en attente sur l’équipement" }),
              configVersion: z.number().int().min(0).openapi({ description: "Version de configuration appliquée" }),
              battery: z.number().min(0).max(100).optional().openapi({ description: "Batterie, en %" }),
            })
            .strict()
            .openapi("SigneDeVie"),
        },
      },
    },
  },
  responses: {
    200: {
      description: "Reçu",
      content: {
        "application/json": {
          schema: z.object({ heartbeatSeconds: z.number().int(), config: deviceConfigSchema.extend({ version: z.number().int() }).nullable() }),
        },
      },
    },
  },
});

const router = createRouter<DevicesBindings>();

for (const s of STREAMS) {
  const route = defineRoute({
    method: "post",
    path: s.path,
    operationId: s.operationId,
    tags: ["Équipements"],
    summary: s.summary,
    description: `${s.description} Les événements valides partent dans la file ; la réponse liste les acceptés et les refusés (avec les raisons). Un lot renvoyé n’est compté qu’une fois (clé : équipement + seq).`,
    requires: "devices:ingest",
    request: { body: { required: true, content: { "application/json": { schema: batchBody } } } },
    responses: { 202: { description: "Lot reçu : événements acceptés (mis en file) et refusés", content: { "application/json": { schema: answer } } } },
  });
  router.openapi(route, async (c) => {
    const ctx = c.var.ctx;
    const deviceId = deviceOf(ctx);
    const { events, backlog } = c.req.valid("json");
    const out = await sessionOf(c.env, ctx.tenant.id, deviceId).ingest({
      tenantId: ctx.tenant.id,
      deviceId,
      requestId: ctx.requestId,
      stream: s.stream,
      events,
      backlog,
    });
    if (!out.ok) throw new AppError(out.kind, out.detail);
    return c.json(out.result, 202, { "cache-control": "no-store" });
  });
}

router.openapi(heartbeat, async (c) => {
  const ctx = c.var.ctx;
  const deviceId = deviceOf(ctx);
  const out = await sessionOf(c.env, ctx.tenant.id, deviceId).heartbeat(ctx.tenant.id, deviceId, c.req.valid("json"));
  if (!out.ok) throw forbidden(out.detail);
  return c.json({ heartbeatSeconds: out.heartbeatSeconds, config: out.config }, 200, { "cache-control": "no-store" });
});

export const ingestRoutes = router;
