/** Retention and disposal over HTTP: proposals, the archivist's decision, the visa, execution, the certificate, legal holds. */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute, notFound } from "@communa/core";
import type { ArchiveBindings } from "../env.ts";
import {
  decideDisposal,
  disposalProposals,
  executeDisposal,
  getDisposal,
  listDisposals,
  recordVisa,
  setLegalHold,
  type DestructionCertificate,
} from "../services/disposal.ts";
import { certificatePdf } from "../services/pdf.ts";
import { m } from "../messages.fr.ts";
import { depsOf } from "./deps.ts";

const any = z.record(z.string(), z.any());
const ids = z.object({ disposalId: z.uuid() });
const when = z.union([z.string(), z.date()]);
/** A unit whose DUA has ended, as the proposals list it. */
const unitBrief = z
  .object({
    id: z.string(),
    reference: z.string(),
    title: z.string(),
    originatingAgency: z.string(),
    appraisalRule: z.string(),
    duaEnd: z.string(),
    finalAction: z.enum(["Keep", "Destroy"]),
    legalHold: z.boolean(),
    legalHoldReason: z.string().nullable(),
    profile: z.string(),
  })
  .openapi("UniteEchue");
const disposalStatus = z.enum(["decided", "approved", "refused", "executed"]);
/** A disposal decision (the row, without its certificate's body). */
const disposalRow = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: disposalStatus,
    reason: z.string(),
    decidedBy: z.string(),
    decidedAt: when,
    visaAuthority: z.string().nullable(),
    visaBy: z.string().nullable(),
    visaReference: z.string().nullable(),
    visaComment: z.string().nullable(),
    visaAt: when.nullable(),
    executedAt: when.nullable(),
    certificateSha256: z.string().nullable(),
  })
  .openapi("DecisionElimination");

const proposals = defineRoute({
  method: "get",
  path: "/disposal/proposals",
  operationId: "disposalProposals",
  summary: "Unités dont la DUA est échue : à éliminer, à conserver, gelées, en cours",
  requires: "archives:dispose",
  responses: {
    200: {
      description: "Propositions",
      content: {
        "application/json": {
          schema: z.object({
            date: z.string(),
            toDestroy: z.array(unitBrief),
            toKeep: z.array(unitBrief),
            frozen: z.array(unitBrief),
            inProgress: z.array(unitBrief),
          }),
        },
      },
    },
  },
});

const list = defineRoute({
  method: "get",
  path: "/disposals",
  operationId: "listDisposals",
  summary: "Décisions d’élimination",
  requires: "archives:read",
  responses: {
    200: {
      description: "Décisions",
      content: {
        "application/json": {
          schema: z.object({
            disposals: z.array(
              z.object({
                id: z.string(),
                reference: z.string(),
                status: disposalStatus,
                statusLabel: z.string(),
                reason: z.string(),
                decidedAt: when,
                visaAt: when.nullable(),
                executedAt: when.nullable(),
              }),
            ),
          }),
        },
      },
    },
  },
});

const decide = defineRoute({
  method: "post",
  path: "/disposals",
  operationId: "decideDisposal",
  summary: "Décider l’élimination d’unités (archiviste)",
  requires: "archives:dispose",
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ unitIds: z.array(z.uuid()).min(1).max(500), reason: z.string().min(3).max(2000) }).strict() } },
    },
  },
  responses: { 201: { description: "Décision enregistrée, en attente du visa", content: { "application/json": { schema: disposalRow } } } },
});

const one = defineRoute({
  method: "get",
  path: "/disposals/{disposalId}",
  operationId: "getDisposal",
  summary: "Une décision d’élimination",
  requires: "archives:read",
  request: { params: ids },
  responses: { 200: { description: "Décision", content: { "application/json": { schema: any } } } },
});

const visa = defineRoute({
  method: "post",
  path: "/disposals/{disposalId}/visa",
  operationId: "recordDisposalVisa",
  summary: "Enregistrer la réponse de l’autorité de contrôle (visa ou refus)",
  description: "Par une autre personne que l’archiviste qui a décidé ; une seule fois.",
  requires: "archives:visa",
  request: {
    params: ids,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              approved: z.boolean(),
              authority: z.string().min(3).max(200),
              reference: z.string().min(1).max(100),
              comment: z.string().max(2000).optional(),
            })
            .strict(),
        },
      },
    },
  },
  responses: { 200: { description: "Réponse enregistrée", content: { "application/json": { schema: disposalRow } } } },
});

const execute = defineRoute({
  method: "post",
  path: "/disposals/{disposalId}/execute",
  operationId: "executeDisposal",
  summary: "Exécuter une élimination visée (suppression des objets, certificat de destruction)",
  requires: "archives:dispose",
  request: { params: ids },
  responses: { 200: { description: "Certificat de destruction", content: { "application/json": { schema: any } } } },
});

const certificate = defineRoute({
  method: "get",
  path: "/disposals/{disposalId}/certificate",
  operationId: "getDestructionCertificate",
  summary: "Certificat de destruction (JSON ; PDF avec ?format=pdf)",
  requires: "archives:read",
  request: { params: ids, query: z.object({ format: z.enum(["json", "pdf"]).default("json") }) },
  responses: {
    200: {
      description: "Certificat",
      content: { "application/json": { schema: any }, "application/pdf": { schema: z.any().openapi({ type: "string", format: "binary" }) } },
    },
  },
});

const hold = defineRoute({
  method: "put",
  path: "/units/{unitId}/legal-hold",
  operationId: "setLegalHold",
  summary: "Placer ou lever un gel juridique (suspend toute élimination)",
  requires: "archives:dispose",
  request: {
    params: z.object({ unitId: z.uuid() }),
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ hold: z.boolean(), reason: z.string().min(3).max(1000).optional() }).strict() } },
    },
  },
  responses: { 200: { description: "Unité", content: { "application/json": { schema: any } } } },
});

export const disposalRoutes = createRouter<ArchiveBindings>()
  .openapi(proposals, async (c) => c.json(await disposalProposals(depsOf(c)), 200, { "cache-control": "no-store" }))
  .openapi(list, async (c) => c.json({ disposals: await listDisposals(depsOf(c)) }, 200, { "cache-control": "no-store" }))
  .openapi(decide, async (c) => c.json(await decideDisposal(depsOf(c), c.req.valid("json")), 201))
  .openapi(one, async (c) => c.json(await getDisposal(depsOf(c), c.req.valid("param").disposalId), 200, { "cache-control": "no-store" }))
  .openapi(visa, async (c) => c.json(await recordVisa(depsOf(c), c.req.valid("param").disposalId, c.req.valid("json")), 200))
  .openapi(execute, async (c) => c.json(await executeDisposal(depsOf(c), c.req.valid("param").disposalId), 200))
  .openapi(certificate, async (c) => {
    const d = await getDisposal(depsOf(c), c.req.valid("param").disposalId);
    if (!d.certificate) throw notFound(m.certificateNotYet);
    if (c.req.valid("query").format === "json") return c.json(d.certificate as Record<string, unknown>, 200, { "x-communa-sha256": d.certificateSha256 ?? "" });
    const pdf = await certificatePdf(d.certificate as DestructionCertificate, d.certificateSha256 ?? "");
    return new Response(pdf, {
      headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="certificat-destruction-${d.reference}.pdf"` },
    }) as never;
  })
  .openapi(hold, async (c) => c.json(await setLegalHold(depsOf(c), c.req.valid("param").unitId, c.req.valid("json")), 200));
