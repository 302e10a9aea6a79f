import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute, personOf, PERMISSIONS, PUBLIC } from "@communa/core";
import { devices } from "@communa/db";
import type { IdentityBindings } from "../env.ts";
import { SecretBox, listDevices, registerDevice, revokeDevice, rotateDeviceKey } from "../services/devices.ts";

const deviceSchema = z
  .object({
    id: z.string(),
    kind: z.enum(devices.kind.enumValues),
    name: z.string(),
    permissions: z.array(z.string()),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    lastSeenAt: z.string().nullable(),
  })
  .openapi("Equipement");

const keySchema = z
  .object({
    keyId: z.string(),
    secret: z.string().openapi({ description: "Secret HMAC (base64), affiché une seule fois" }),
  })
  .openapi("CleEquipement");

const register = defineRoute({
  method: "post",
  path: "/devices",
  operationId: "registerDevice",
  summary: "Enregistrer un équipement",
  description: "Lecteur RFID, caméra de tri, capteur, borne. Le secret de signature n’est affiché qu’une fois.",
  requires: "identity:admin",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              kind: z.enum(devices.kind.enumValues),
              name: z.string().trim().min(1).max(100).openapi({ example: "Benne 2 — lecteur RFID" }),
              permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length).default([]),
            })
            .strict()
            .openapi("EquipementSaisie"),
        },
      },
    },
  },
  responses: { 201: { description: "Équipement enregistré", content: { "application/json": { schema: deviceSchema.extend(keySchema.shape) } } } },
});

const list = defineRoute({
  method: "get",
  path: "/devices",
  operationId: "listDevices",
  summary: "Équipements de la collectivité",
  requires: "identity:admin",
  responses: { 200: { description: "Équipements", content: { "application/json": { schema: z.object({ devices: z.array(deviceSchema) }) } } } },
});

const rotate = defineRoute({
  method: "post",
  path: "/devices/{id}/keys",
  operationId: "rotateDeviceKey",
  summary: "Renouveler la clé d’un équipement",
  description: "La nouvelle clé vaut immédiatement ; les précédentes restent valables pendant le recouvrement.",
  requires: "identity:admin",
  request: {
    params: z.object({ id: z.uuid() }),
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ overlapHours: z.number().int().min(0).max(168).default(24) }).strict() } },
    },
  },
  responses: { 201: { description: "Nouvelle clé", content: { "application/json": { schema: keySchema } } } },
});

const revoke = defineRoute({
  method: "delete",
  path: "/devices/{id}",
  operationId: "revokeDevice",
  summary: "Révoquer un équipement",
  requires: "identity:admin",
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: { description: "Équipement révoqué", content: { "application/json": { schema: deviceSchema } } } },
});

const whoami = defineRoute({
  method: "get",
  path: "/whoami",
  operationId: "whoami",
  summary: "Qui appelle",
  description: "L’appelant tel que la passerelle l’a authentifié (anonyme, personne, clé d’API ou équipement) et ses droits ici.",
  requires: PUBLIC,
  responses: {
    200: {
      description: "L’appelant",
      content: {
        "application/json": {
          schema: z.object({
            kind: z.string(),
            id: z.string().nullable(),
            permissions: z.array(z.string()),
            personId: z.string().nullable().openapi({ description: "La personne derrière l’appelant (elle-même, ou celle pour qui agit la clé d’API)" }),
            tenant: z.string(),
          }),
        },
      },
    },
  },
});

const box = (env: IdentityBindings) => new SecretBox(env.IDENTITY_SECRETS_KEY);

export const deviceRoutes = createRouter<IdentityBindings>()
  .openapi(register, async (c) =>
    c.json(await registerDevice({ db: c.var.db, ctx: c.var.ctx, box: box(c.env), input: c.req.valid("json") }), 201, { "cache-control": "no-store" }),
  )
  .openapi(list, async (c) => c.json({ devices: await listDevices({ db: c.var.db, tenant: c.var.ctx.tenant }) }, 200, { "cache-control": "no-store" }))
  .openapi(rotate, async (c) =>
    c.json(
      await rotateDeviceKey({ db: c.var.db, ctx: c.var.ctx, box: box(c.env), id: c.req.valid("param").id, overlapHours: c.req.valid("json").overlapHours }),
      201,
      { "cache-control": "no-store" },
    ),
  )
  .openapi(revoke, async (c) => c.json(await revokeDevice({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").id }), 200))
  .openapi(whoami, (c) => {
    const { actor, tenant } = c.var.ctx;
    return c.json(
      {
        kind: actor.kind,
        id: actor.kind === "anonymous" ? null : actor.id,
        permissions: actor.kind === "anonymous" ? [] : actor.permissions,
        personId: personOf(actor),
        tenant: tenant.slug,
      },
      200,
      { "cache-control": "no-store" },
    );
  });
