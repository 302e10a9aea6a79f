/** The sealed journal: the public key anyone can check signatures with, the verifier, the entries of one target. */
import { z } from "@hono/zod-openapi";
import { and, asc, eq, gte } from "drizzle-orm";
import { archiveJournal } from "@communa/db";
import { PUBLIC, createRouter, defineRoute } from "@communa/core";
import type { ArchiveBindings } from "../env.ts";
import { signerOf } from "../services/signing.ts";
import { checkJournal } from "../services/journal.ts";
import { trustAnchors } from "../services/tsa.ts";

const key = defineRoute({
  method: "get",
  path: "/journal/key",
  operationId: "archiveJournalKey",
  summary: "Clé publique de scellement du journal (Ed25519, JWK et PEM)",
  description: "Chaque entrée du journal porte `hash` = SHA-256(texte canonique ‖ empreinte précédente) et sa signature Ed25519 par cette clé.",
  requires: PUBLIC,
  responses: {
    200: {
      description: "Clé publique",
      content: {
        "application/json": {
          schema: z.object({
            keyId: z.string(),
            jwk: z.record(z.string(), z.any()),
            pem: z.string(),
            algorithm: z.string(),
            previous: z.record(z.string(), z.string()).openapi({ description: "Clés retirées encore reconnues (identifiant → clé publique brute en base64)" }),
          }),
        },
      },
    },
  },
});

/** What the verification answers (services/journal.ts JournalReport). */
const journalReport = z
  .object({
    ok: z.boolean(),
    checked: z.number(),
    firstBroken: z
      .object({
        seq: z.number(),
        id: z.string().nullable(),
        reason: z.enum(["link", "hash", "signature", "timestamp", "gap", "checkpoint", "truncated", "checkpoint-signature"]),
      })
      .nullable(),
    lastHash: z.string(),
    checkpoint: z.object({ seq: z.number(), at: z.string() }).nullable().optional(),
    timestamps: z.object({
      verified: z.number(),
      last: z.object({ seq: z.number(), genTime: z.string(), tsa: z.string().optional() }).nullable(),
      failed: z
        .object({
          seq: z.number(),
          ok: z.boolean(),
          reason: z.enum(["malformed", "imprint", "signature", "certificate", "untrusted"]).optional(),
          genTime: z.string().optional(),
          tsa: z.string().optional(),
          serial: z.string().optional(),
          detail: z.string().optional(),
        })
        .nullable(),
    }),
  })
  .openapi("RapportJournal");

const verify = defineRoute({
  method: "get",
  path: "/journal/verify",
  operationId: "verifyArchiveJournal",
  summary: "Vérifier la chaîne du journal scellé (désigne le premier maillon rompu)",
  description:
    "Recalcule chaque empreinte et chaque signature, vérifie chaque jeton d’horodatage RFC 3161 conservé (empreinte horodatée = celle de l’entrée, signature de l’autorité d’horodatage et son certificat, chaîne de confiance si ARCHIVE_TSA_TRUST est configurée : `timestamps`), et confronte la chaîne aux points de contrôle signés (le plus récent lu dans l’ancrage R2, les autres dans les rapports d’audit) : une réécriture (`checkpoint`) ou des entrées supprimées en fin de journal (`truncated`) sont signalées.",
  requires: "archives:read",
  responses: { 200: { description: "Rapport", content: { "application/json": { schema: journalReport } } } },
});

const entries = defineRoute({
  method: "get",
  path: "/journal",
  operationId: "archiveJournalEntries",
  summary: "Entrées du journal scellé (par cible, ex. archive_units/<id>)",
  requires: "archives:read",
  request: {
    query: z.object({
      cible: z.string().min(3).max(200).optional(),
      depuis: z.coerce.number().int().min(1).default(1).openapi({ description: "À partir de ce numéro d’entrée" }),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    }),
  },
  responses: { 200: { description: "Entrées", content: { "application/json": { schema: z.object({ entries: z.array(z.record(z.string(), z.any())) }) } } } },
});

export const journalRoutes = createRouter<ArchiveBindings>()
  .openapi(key, async (c) => {
    const s = await signerOf(c.env.ARCHIVE_SIGNING_KEY, c.env.ARCHIVE_PREVIOUS_KEYS);
    return c.json(
      { keyId: s.keyId, algorithm: "Ed25519", jwk: s.publicJwk as unknown as Record<string, unknown>, pem: s.publicSpki, previous: s.previous },
      200,
      { "cache-control": "public, max-age=3600" },
    );
  })
  .openapi(verify, async (c) => {
    const signer = await signerOf(c.env.ARCHIVE_SIGNING_KEY, c.env.ARCHIVE_PREVIOUS_KEYS);
    const report = await checkJournal(c.var.db, c.env.ARCHIVE, c.var.ctx.tenant.id, signer, { tsaTrust: trustAnchors(c.env.ARCHIVE_TSA_TRUST) });
    return c.json(report, 200, { "cache-control": "no-store" });
  })
  .openapi(entries, async (c) => {
    const q = c.req.valid("query");
    const t = c.var.ctx.tenant.id;
    const rows = await c.var.db.withTenant(t, (tx) =>
      tx
        .select()
        .from(archiveJournal)
        .where(and(eq(archiveJournal.tenantId, t), gte(archiveJournal.seq, q.depuis), q.cible ? eq(archiveJournal.target, q.cible) : undefined))
        .orderBy(asc(archiveJournal.seq))
        .limit(q.limit),
    );
    return c.json({ entries: rows.map((r) => ({ ...r, seq: Number(r.seq) })) }, 200, { "cache-control": "no-store" });
  });
