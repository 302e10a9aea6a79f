/** The status board of the tenant's devices, and configuration pushed by an agent. */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { DevicesBindings } from "../env.ts";
import { listFleet, oneDevice, pushConfig } from "../services/fleet.ts";
import { deviceConfigSchema } from "../services/config.ts";

/** A device's status as the boards show it (shared with France services' reception view). */
export const statusShape = {
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  registeredAt: z.string(),
  online: z.boolean(),
  lastSeenAt: z.string().nullable(),
  lastHeartbeatAt: z.string().nullable(),
  lastBatchAt: z.string().nullable(),
  lastEventAt: z.string().nullable(),
  firmware: z.string().nullable(),
  appVersion: z.string().nullable(),
  backlog: z.number().int().nullable(),
  battery: z.number().nullable(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  config: deviceConfigSchema.extend({ version: z.number().int(), updatedAt: z.string().nullable(), updatedBy: z.string().nullable() }),
  appliedConfigVersion: z.number().int().nullable(),
};

const statusSchema = z.object(statusShape).openapi("EtatEquipement");

const list = defineRoute({
  method: "get",
  path: "/fleet",
  operationId: "deviceFleet",
  tags: ["Équipements"],
  summary: "Tableau d’état des équipements",
  description:
    "Chaque équipement actif : en ligne ou non, dernier contact, dernier événement, file d’attente déclarée par l’équipement, versions, configuration.",
  requires: "waste:read",
  responses: { 200: { description: "Équipements", content: { "application/json": { schema: z.object({ devices: z.array(statusSchema), at: z.string() }) } } } },
});

const one = defineRoute({
  method: "get",
  path: "/fleet/{id}",
  operationId: "deviceStatus",
  tags: ["Équipements"],
  summary: "État d’un équipement",
  requires: "waste:read",
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: { description: "État", content: { "application/json": { schema: statusSchema } } } },
});

const configure = defineRoute({
  method: "put",
  path: "/fleet/{id}/config",
  operationId: "pushDeviceConfig",
  tags: ["Équipements"],
  summary: "Envoyer une configuration à un équipement",
  description: "Nouvelle version, remise à l’équipement dans la réponse à son prochain signe de vie.",
  requires: "waste:write",
  request: { params: z.object({ id: z.uuid() }), body: { required: true, content: { "application/json": { schema: deviceConfigSchema } } } },
  responses: { 200: { description: "Configuration enregistrée", content: { "application/json": { schema: statusSchema } } } },
});

export { statusSchema };
export const fleetRoutes = createRouter<DevicesBindings>()
  .openapi(list, async (c) =>
    c.json({ devices: await listFleet({ env: c.env, ctx: c.var.ctx }), at: new Date().toISOString() }, 200, { "cache-control": "no-store" }),
  )
  .openapi(one, async (c) => c.json(await oneDevice({ env: c.env, ctx: c.var.ctx, id: c.req.valid("param").id }), 200, { "cache-control": "no-store" }))
  .openapi(configure, async (c) =>
    c.json(await pushConfig({ db: c.var.db, env: c.env, ctx: c.var.ctx, id: c.req.valid("param").id, config: c.req.valid("json") }), 200, {
      "cache-control": "no-store",
    }),
  );
