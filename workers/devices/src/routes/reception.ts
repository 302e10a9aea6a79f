/**
 * France services' view of its own equipment (issue #18): the kiosks and screens of the tenant
 * with their live status, and a kiosk's idle reset set by the desk (the rest of a device's
 * configuration, and every other kind of device, stay the fleet's: waste:write). The new value goes
 * to the kiosk in the answer to its next heartbeat, like any configuration (ADR 0046).
 */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute, notFound } from "@communa/core";
import type { DevicesBindings } from "../env.ts";
import { listFleet, oneDevice, pushConfig } from "../services/fleet.ts";
import { texts } from "../messages.fr.ts";
import { statusSchema, statusShape } from "./fleet.ts";
import { KIOSK_DEFAULT_IDLE_MINUTES } from "@communa/contracts/signage";

const RECEPTION_KINDS = new Set(["kiosk", "screen"]);

const list = defineRoute({
  method: "get",
  path: "/reception",
  operationId: "listReceptionDevices",
  tags: ["Équipements"],
  summary: "Bornes d’accueil et écrans d’information, avec leur état",
  requires: "france-services:read",
  responses: {
    200: {
      description: "Bornes et écrans",
      content: {
        "application/json": {
          schema: z.object({
            devices: z.array(
              z
                .object({
                  ...statusShape,
                  idleMinutes: z.number().int().nullable().openapi({ description: "Remise à zéro d’une borne après inactivité, en minutes (null : écran)" }),
                })
                .openapi("EtatBorneOuEcran"),
            ),
            at: z.string(),
          }),
        },
      },
    },
  },
});

const idle = defineRoute({
  method: "put",
  path: "/reception/{id}/idle",
  operationId: "setKioskIdle",
  tags: ["Équipements"],
  summary: "Régler la remise à zéro d’une borne après inactivité",
  description: "La borne reçoit la nouvelle durée dans la réponse à son prochain signe de vie.",
  requires: "france-services:write",
  request: {
    params: z.object({ id: z.uuid() }),
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              idleMinutes: z
                .number()
                .int()
                .refine((n) => n >= 1 && n <= 60, { message: texts.idleMinutes }),
            })
            .strict(),
        },
      },
    },
  },
  responses: { 200: { description: "Borne réglée", content: { "application/json": { schema: statusSchema } } } },
});

const noStore = { "cache-control": "no-store" };

export const receptionRoutes = createRouter<DevicesBindings>()
  .openapi(list, async (c) => {
    const devices = (await listFleet({ env: c.env, ctx: c.var.ctx, kinds: RECEPTION_KINDS })).map((d) => ({
      ...d,
      idleMinutes: d.kind === "kiosk" ? Number(d.config.settings.idleMinutes) || KIOSK_DEFAULT_IDLE_MINUTES : null,
    }));
    return c.json({ devices, at: new Date().toISOString() }, 200, noStore);
  })
  .openapi(idle, async (c) => {
    const { id } = c.req.valid("param");
    const current = await oneDevice({ env: c.env, ctx: c.var.ctx, id });
    // Only a kiosk: another device is not France services' to configure (nor to reveal).
    if (current.kind !== "kiosk") throw notFound(texts.kioskNotFound);
    const { heartbeatSeconds, batchSize, settings } = current.config;
    const config = { heartbeatSeconds, batchSize, settings: { ...settings, idleMinutes: c.req.valid("json").idleMinutes } };
    return c.json(await pushConfig({ db: c.var.db, env: c.env, ctx: c.var.ctx, id, config }), 200, noStore);
  });
