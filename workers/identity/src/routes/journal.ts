import { z } from "@hono/zod-openapi";
import { and, desc, lt } from "drizzle-orm";
import { auditJournal } from "@communa/db";
import { createRouter, defineRoute, verifyChain } from "@communa/core";
import type { IdentityBindings } from "../env.ts";

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
  description: "Entrées les plus récentes d’abord ; `before` (numéro d’ordre) pour la page suivante.",
  requires: "audit:read",
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      before: z.coerce.number().int().min(1).optional(),
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
  description: "Recalcule toute la chaîne d’empreintes et indique la première entrée altérée, supprimée ou déplacée.",
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
                .object({ seq: z.number().int(), id: z.string(), reason: z.enum(["hash", "link", "gap"]) })
                .nullable(),
            })
            .openapi("VerificationJournal"),
        },
      },
    },
  },
});

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

export const journalRoutes = createRouter<IdentityBindings>()
  .openapi(list, async (c) => {
    const { limit, before } = c.req.valid("query");
    const rows = await c.var.db.withTenant(c.var.ctx.tenant.id, (tx) =>
      tx
        .select()
        .from(auditJournal)
        .where(before ? and(lt(auditJournal.seq, before)) : undefined)
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
          hash: hex(r.hash),
        })),
      },
      200,
      { "cache-control": "no-store" },
    );
  })
  .openapi(verify, async (c) => {
    const report = await c.var.db.withTenant(c.var.ctx.tenant.id, (tx) => verifyChain(tx));
    return c.json(report, 200, { "cache-control": "no-store" });
  });
