import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute, PERMISSIONS } from "@communa/core";
import type { IdentityBindings } from "../env.ts";
import { MAX_DAYS, createApiKey, listApiKeys, revokeApiKey } from "../services/api-keys.ts";

const keySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: "Partie publique de la clé (cmn_<préfixe>_…)" }),
    permissions: z.array(z.string()),
    createdBy: z.string(),
    personId: z
      .string()
      .nullable()
      .openapi({ description: "La personne pour qui la clé agit : elle n’a jamais plus de droits que cette personne n’en détient au moment de l’appel." }),
    parentKeyId: z
      .string()
      .nullable()
      .openapi({ description: "La clé qui a créé celle-ci (une seule délégation) : révoquée ou expirée, elle emporte celle-ci." }),
    createdAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi("CleApi");

const create = defineRoute({
  method: "post",
  path: "/api-keys",
  operationId: "createApiKey",
  summary: "Créer une clé d’API",
  description:
    "La clé complète n’est affichée qu’une fois, dans cette réponse. Elle ne peut porter que des droits que vous détenez, et agit pour vous : " +
    "à chaque appel, ses droits se limitent à ceux que vous détenez alors dans la collectivité (un rôle retiré l’est aussi de vos clés). " +
    "Une clé peut en créer une autre (une seule délégation) : l’échéance de la nouvelle ne dépasse pas la sienne, et la révoquer révoque aussi la nouvelle.",
  requires: "identity:admin",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              name: z.string().trim().min(1).max(100).openapi({ example: "Export SIG intercommunal" }),
              permissions: z.array(z.enum(PERMISSIONS)).min(1).max(PERMISSIONS.length),
              expiresInDays: z.number().int().min(1).max(MAX_DAYS).default(90),
            })
            .strict()
            .openapi("CleApiSaisie"),
        },
      },
    },
  },
  responses: {
    201: {
      description: "Clé créée",
      content: {
        "application/json": {
          schema: keySchema.extend({
            key: z.string(),
            notice: z.string().optional().openapi({ description: "Présent quand l’échéance demandée a été ramenée à celle de la clé parente." }),
          }),
        },
      },
    },
  },
});

const list = defineRoute({
  method: "get",
  path: "/api-keys",
  operationId: "listApiKeys",
  summary: "Clés d’API de la collectivité",
  requires: "identity:admin",
  responses: { 200: { description: "Clés (sans leur secret)", content: { "application/json": { schema: z.object({ keys: z.array(keySchema) }) } } } },
});

const revoke = defineRoute({
  method: "delete",
  path: "/api-keys/{id}",
  operationId: "revokeApiKey",
  summary: "Révoquer une clé d’API",
  description: "Révoque aussi les clés qu’elle a créées (chacune est journalisée).",
  requires: "identity:admin",
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: { description: "Clé révoquée", content: { "application/json": { schema: keySchema } } } },
});

export const apiKeyRoutes = createRouter<IdentityBindings>()
  .openapi(create, async (c) => c.json(await createApiKey({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201, { "cache-control": "no-store" }))
  .openapi(list, async (c) => c.json({ keys: await listApiKeys({ db: c.var.db, tenant: c.var.ctx.tenant }) }, 200, { "cache-control": "no-store" }))
  .openapi(revoke, async (c) => c.json(await revokeApiKey({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").id }), 200));
