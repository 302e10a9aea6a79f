import { z } from "@hono/zod-openapi";
import { AUTHENTICATED, createRouter, defineRoute, purgeCache } from "@communa/core";
import type { DirectoryBindings } from "../env.ts";
import { approveClaim, confirmClaim, listClaims, openClaim } from "../services/claims.ts";

const open = defineRoute({
  method: "post",
  path: "/businesses/{businessId}/claims",
  operationId: "claimBusiness",
  summary: "Demander à gérer une fiche (code envoyé à l’adresse de l’entreprise, ou vérification par un agent)",
  requires: AUTHENTICATED,
  request: {
    params: z.object({ businessId: z.uuid() }),
    body: { required: true, content: { "application/json": { schema: z.object({ method: z.enum(["code", "agent"]) }).strict() } } },
  },
  responses: {
    201: {
      description: "Demande enregistrée",
      content: { "application/json": { schema: z.object({ id: z.string(), method: z.string(), expiresAt: z.string() }) } },
    },
  },
});

const confirm = defineRoute({
  method: "post",
  path: "/claims/{claimId}/confirm",
  operationId: "confirmClaim",
  summary: "Saisir le code reçu",
  requires: AUTHENTICATED,
  request: {
    params: z.object({ claimId: z.uuid() }),
    body: { required: true, content: { "application/json": { schema: z.object({ code: z.string().regex(/^[0-9]{6}$/) }).strict() } } },
  },
  responses: {
    200: {
      description: "Résultat",
      content: { "application/json": { schema: z.object({ granted: z.boolean(), businessId: z.string().optional(), reason: z.string().optional() }) } },
    },
  },
});

const approve = defineRoute({
  method: "post",
  path: "/claims/{claimId}/approve",
  operationId: "approveClaim",
  summary: "Accepter une demande après vérification (agents)",
  requires: "directory:write",
  request: { params: z.object({ claimId: z.uuid() }) },
  responses: {
    200: { description: "Demande acceptée", content: { "application/json": { schema: z.object({ granted: z.boolean(), businessId: z.string() }) } } },
  },
});

const list = defineRoute({
  method: "get",
  path: "/claims",
  operationId: "listClaims",
  summary: "Demandes en cours (agents)",
  requires: "directory:read",
  responses: {
    200: {
      description: "Demandes",
      content: {
        "application/json": {
          schema: z.object({
            claims: z.array(z.object({ id: z.string(), businessId: z.string(), business: z.string(), method: z.string(), createdAt: z.string() })),
          }),
        },
      },
    },
  },
});

export const claimRoutes = createRouter<DirectoryBindings>()
  .openapi(open, async (c) =>
    c.json(await openClaim({ db: c.var.db, ctx: c.var.ctx, businessId: c.req.valid("param").businessId, method: c.req.valid("json").method }), 201),
  )
  .openapi(confirm, async (c) => {
    const res = c.json(
      await confirmClaim({ db: c.var.db, ctx: c.var.ctx, identity: c.env.IDENTITY, claimId: c.req.valid("param").claimId, code: c.req.valid("json").code }),
      200,
    );
    purgeCache(res.headers, "/");
    return res;
  })
  .openapi(approve, async (c) => {
    const res = c.json(await approveClaim({ db: c.var.db, ctx: c.var.ctx, identity: c.env.IDENTITY, claimId: c.req.valid("param").claimId }), 200);
    purgeCache(res.headers, "/");
    return res;
  })
  .openapi(list, async (c) => c.json({ claims: await listClaims({ db: c.var.db, ctx: c.var.ctx }) }, 200, { "cache-control": "no-store" }));
