import { z } from "@hono/zod-openapi";
import { and, desc, lt, sql } from "drizzle-orm";
import { auditJournal } from "@communa/db";
import { PUBLIC, createRouter, defineRoute } from "@communa/core";
import type { IdentityBindings } from "../env.ts";
import { journalSigner, verifyAndCheckpoint } from "../services/journal.ts";
import { toHex } from "@communa/core/bytes";

const entrySchema = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    at: z.string().openapi({ description: "Horodatage UTC (ISO 8601)" }),
    actor: z.object({ kind: z.string(), id: z.string().nullable() }),
    action: z.string(),
    target: z.string(),
    requestId: z.string(),
    summary: z.record(z.string(), z.unknown()),
    hash: z.string().openapi({ description: "Empreinte SHA-256 (hexadécimal) de l’entrée chaînée" }),
  })
  .openapi("EntreeJournal");

const list = defineRoute({
  method: "get",
  path: "/journal",
  operationId: "listJournal",
  summary: "Journal d’audit de la collectivité",
  description: "Entrées les plus récentes d’abord ; `before` (numéro d’ordre) pour la page suivante ; `action` garde les actions qui commencent par ce texte.",
  requires: "audit:read",
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      before: z.coerce.number().int().min(1).optional(),
      action: z
        .string()
        .trim()
        .min(1)
        .max(100)
        .optional()
        .openapi({ description: "Début du nom de l’action (`identity.member`, `waste.`…)", example: "identity." }),
    }),
  },
  responses: {
    200: { description: "Entrées", content: { "application/json": { schema: z.object({ entries: z.array(entrySchema) }) } } },
  },
});

const verify = defineRoute({
  method: "get",
  path: "/journal/verify",
  operationId: "verifyJournal",
  summary: "Vérifier l’intégrité du journal",
  description:
    "Recalcule toute la chaîne d’empreintes et indique la première entrée altérée, supprimée ou déplacée. La chaîne est confrontée aux points de contrôle signés (Ed25519) de la plateforme — le plus récent lu dans son ancrage R2 : une histoire réécrite (`checkpoint`) ou des entrées supprimées en fin de journal (`truncated`) sont signalées. Une vérification réussie signe un nouveau point de contrôle de la tête de chaîne.",
  requires: "audit:read",
  responses: {
    200: {
      description: "Résultat de la vérification",
      content: {
        "application/json": {
          schema: z
            .object({
              ok: z.boolean(),
              checked: z.number().int(),
              firstBroken: z
                .object({
                  seq: z.number().int(),
                  id: z.string().nullable(),
                  reason: z.enum(["hash", "link", "gap", "checkpoint", "truncated", "checkpoint-signature"]),
                })
                .nullable(),
              head: z.object({ seq: z.number().int(), hash: z.string() }).openapi({ description: "Dernière entrée vérifiée" }),
              checkpoint: z
                .object({ seq: z.number().int(), at: z.string() })
                .nullable()
                .openapi({ description: "Point de contrôle signé le plus récent (après cette vérification, s’il en a fait un)" }),
            })
            .openapi("VerificationJournal"),
        },
      },
    },
  },
});

const key = defineRoute({
  method: "get",
  path: "/journal/key",
  operationId: "journalCheckpointKey",
  summary: "Clé publique des points de contrôle du journal (Ed25519, JWK et PEM)",
  description: "Chaque point de contrôle signe le texte « communa-checkpoint-v1, audit, collectivité, numéro, empreinte, date » (une valeur par ligne).",
  requires: PUBLIC,
  responses: {
    200: {
      description: "Clé publique",
      content: {
        "application/json": {
          schema: z.object({
            keyId: z.string(),
            algorithm: z.string(),
            jwk: z.record(z.string(), z.any()),
            pem: z.string(),
            previous: z.record(z.string(), z.string()),
          }),
        },
      },
    },
  },
});

export const journalRoutes = createRouter<IdentityBindings>()
  .openapi(list, async (c) => {
    const { limit, before, action } = c.req.valid("query");
    const rows = await c.var.db.withTenant(c.var.ctx.tenant.id, (tx) =>
      tx
        .select()
        .from(auditJournal)
        .where(and(before ? lt(auditJournal.seq, before) : undefined, action ? sql`starts_with(${auditJournal.action}, ${action})` : undefined))
        .orderBy(desc(auditJournal.seq))
        .limit(limit),
    );
    return c.json(
      {
        entries: rows.map((r) => ({
          id: r.id,
          seq: r.seq,
          at: new Date(r.at).toISOString(),
          actor: { kind: r.actorKind, id: r.actorId },
          action: r.action,
          target: r.target,
          requestId: r.requestId,
          summary: r.summary as Record<string, unknown>,
          hash: toHex(r.hash),
        })),
      },
      200,
      { "cache-control": "no-store" },
    );
  })
  .openapi(verify, async (c) => {
    const report = await verifyAndCheckpoint(c.var.db, c.env, c.var.ctx);
    return c.json(report, 200, { "cache-control": "no-store" });
  })
  .openapi(key, async (c) => {
    const s = await journalSigner(c.env);
    return c.json(
      { keyId: s.keyId, algorithm: "Ed25519", jwk: s.publicJwk as unknown as Record<string, unknown>, pem: s.publicSpki, previous: s.previous },
      200,
      { "cache-control": "public, max-age=3600" },
    );
  });
