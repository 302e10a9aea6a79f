import { z } from "@hono/zod-openapi";
import { PUBLIC, createRouter, defineRoute, purgeCache } from "@communa/core";
import type { MapBindings } from "../env.ts";
import { createLayer, deleteLayer, listLayers, updateLayer, findLayer } from "../services/layers.ts";
import { cacheFor } from "./http.ts";

const fieldSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
    label: z.string().min(1).max(80),
    type: z.enum(["text", "number", "phone", "url", "opening_hours", "boolean", "enum"]),
    required: z.boolean().optional(),
    options: z.array(z.string().min(1).max(80)).max(50).optional(),
    unit: z.string().max(20).optional(),
  })
  .strict()
  .openapi("ChampCouche");

const styleSchema = z.object({ color: z.string().regex(/^#[0-9a-f]{6}$/), icon: z.string().regex(/^[a-z0-9-]{1,40}$/) }).strict();

export const layerSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    tenant: z.string(),
    name: z.string(),
    description: z.string(),
    category: z.string(),
    kind: z.enum(["features", "trails"]),
    style: styleSchema,
    visibility: z.enum(["public", "agents"]),
    fields: z.array(fieldSchema),
    licence: z.string(),
    sourceInsee: z.string().nullable(),
    count: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("Couche");

const layerInput = z
  .object({
    slug: z
      .string()
      .min(2)
      .max(60)
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    name: z.string().min(2).max(120),
    description: z.string().max(2000).optional(),
    category: z.string().min(2).max(60),
    kind: z.enum(["features", "trails"]).optional(),
    style: styleSchema,
    visibility: z.enum(["public", "agents"]).optional(),
    fields: z.array(fieldSchema).max(40).optional(),
    licence: z.string().min(2).max(120).optional(),
    sourceInsee: z
      .string()
      .regex(/^[0-9][0-9AB][0-9]{3}$/)
      .nullable()
      .optional(),
  })
  .strict()
  .openapi("CoucheSaisie");

const layerPatch = layerInput.omit({ slug: true, kind: true }).partial().strict().openapi("CoucheModification");
const idParam = z.object({ layerId: z.uuid() });

const list = defineRoute({
  method: "get",
  path: "/layers",
  operationId: "listLayers",
  summary: "Couches de la carte",
  description:
    "Les couches de la collectivité, de son intercommunalité et (pour une intercommunalité) de ses communes ; les couches réservées aux agents seulement avec le droit map:read.",
  requires: PUBLIC,
  responses: { 200: { description: "Couches et nombre d’objets", content: { "application/json": { schema: z.object({ layers: z.array(layerSchema) }) } } } },
});

const one = defineRoute({
  method: "get",
  path: "/layers/{layerId}",
  operationId: "getLayer",
  summary: "Une couche",
  requires: PUBLIC,
  request: { params: idParam },
  responses: { 200: { description: "La couche", content: { "application/json": { schema: layerSchema } } } },
});

const create = defineRoute({
  method: "post",
  path: "/layers",
  operationId: "createLayer",
  summary: "Créer une couche",
  requires: "map:write",
  request: { body: { required: true, content: { "application/json": { schema: layerInput } } } },
  responses: { 201: { description: "Couche créée", content: { "application/json": { schema: layerSchema } } } },
});

const patch = defineRoute({
  method: "patch",
  path: "/layers/{layerId}",
  operationId: "updateLayer",
  summary: "Modifier une couche",
  requires: "map:write",
  request: { params: idParam, body: { required: true, content: { "application/json": { schema: layerPatch } } } },
  responses: { 200: { description: "Couche modifiée", content: { "application/json": { schema: layerSchema } } } },
});

const remove = defineRoute({
  method: "delete",
  path: "/layers/{layerId}",
  operationId: "deleteLayer",
  summary: "Supprimer une couche et ses objets",
  requires: "map:write",
  request: { params: idParam },
  responses: { 204: { description: "Couche supprimée" } },
});

export const layerRoutes = createRouter<MapBindings>()
  .openapi(list, async (c) => c.json({ layers: await listLayers({ db: c.var.db, ctx: c.var.ctx }) }, 200, cacheFor(c.var.ctx)))
  .openapi(one, async (c) => c.json(await findLayer({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").layerId }), 200, cacheFor(c.var.ctx)))
  .openapi(create, async (c) => {
    const res = c.json(await createLayer({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201);
    purgeCache(res.headers, "/");
    return res;
  })
  .openapi(patch, async (c) => {
    const res = c.json(await updateLayer({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").layerId, changes: c.req.valid("json") }), 200);
    purgeCache(res.headers, "/");
    return res;
  })
  .openapi(remove, async (c) => {
    await deleteLayer({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").layerId });
    const res = c.body(null, 204);
    purgeCache(res.headers, "/");
    return res as never;
  });
