/**
 * Deposits over HTTP: announce (JSON), send each file (raw body, streamed), seal; then the
 * acceptance report (SEDA ArchiveTransferReply) and the attestation of deposit (PDF).
 * HR agent files have their own typed routes (routes/hr.ts).
 */
import { z } from "@hono/zod-openapi";
import { AppError, createRouter, defineRoute, invalid } from "@communa/core";
import type { ArchiveBindings } from "../env.ts";
import {
  BATCH_MAX_BYTES,
  BATCH_MAX_FILES,
  depositReceipt,
  depositReply,
  openDeposit,
  sealDeposit,
  uploadFile,
  uploadFiles,
  type DepositInput,
} from "../services/deposits.ts";
import { m } from "../messages.fr.ts";
import { depsOf } from "./deps.ts";
import { depositAttestation } from "../services/pdf.ts";
import { tenantRules } from "../services/rules.ts";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Date AAAA-MM-JJ attendue");
const sha512 = z.string().regex(/^[0-9a-fA-F]{128}$/);

export const fileInput = z
  .object({
    name: z.string().min(1).max(255),
    size: z
      .number()
      .int()
      .min(0)
      .max(5 * 1024 ** 3),
    sha512: sha512.optional().openapi({ description: "Empreinte SHA-512 déclarée (obligatoire au-delà de 16 Mio) : vérifiée à la réception." }),
  })
  .strict();

export const unitInput = z
  .object({
    title: z.string().min(2).max(500),
    description: z.string().max(10_000).optional(),
    originatingAgency: z.string().min(2).max(200).openapi({ description: "Service producteur" }),
    startDate: date.optional(),
    endDate: date.optional(),
    keywords: z.array(z.string().min(1).max(100)).max(50).optional(),
    appraisalRule: z.string().min(2).max(40).openapi({ description: "Code de la règle de DUA (table des règles de la collectivité), ex. APP-DELIB" }),
    accessRule: z.string().min(2).max(40).openapi({ description: "Code de la règle de communicabilité, ex. ACC-00" }),
    ruleStartDate: date.optional().openapi({ description: "Point de départ des délais ; par défaut la date de fin des documents" }),
    files: z.array(fileInput).min(1).max(1000),
  })
  .strict();

const depositInput = z
  .object({
    transferringAgency: z.string().min(2).max(200).openapi({ description: "Service versant" }),
    comment: z.string().max(2000).optional(),
    messageIdentifier: z.string().min(1).max(200).optional(),
    units: z.array(unitInput).min(1).max(100),
  })
  .strict()
  .openapi("VersementAnnonce");

/** A deposit as services/deposits.ts depositReceipt answers it, with the upload address of each file not yet received. */
const receipt = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: z.string(),
    messageIdentifier: z.string(),
    transferringAgency: z.string(),
    acceptedAt: z.string().nullable(),
    units: z.array(
      z.object({
        id: z.string(),
        reference: z.string(),
        title: z.string(),
        profile: z.string(),
        appraisalRule: z.string(),
        duaEnd: z.string(),
        finalAction: z.string().nullable(),
        accessRule: z.string(),
        communicableFrom: z.string(),
        objects: z.array(
          z.object({
            id: z.string(),
            fileName: z.string(),
            size: z.number(),
            sha512: z.string().nullable(),
            sha256: z.string().nullable(),
            mimeType: z.string().nullable(),
            puid: z.string().nullable(),
            received: z.boolean(),
          }),
        ),
      }),
    ),
    seal: z.object({ seq: z.number(), hash: z.string(), at: z.string() }).nullable(),
    uploads: z.array(z.object({ objectId: z.string(), fileName: z.string(), path: z.string() })).optional(),
  })
  .openapi("Versement");
const storedFile = z
  .object({
    id: z.string(),
    fileName: z.string(),
    size: z.number(),
    sha512: z.string().nullable(),
    sha256: z.string().nullable(),
    mimeType: z.string().nullable(),
    puid: z.string().nullable(),
    formatName: z.string().nullable().optional(),
  })
  .openapi("FichierRecu");
const ids = z.object({ depositId: z.uuid() });
const fileIds = z.object({ depositId: z.uuid(), objectId: z.uuid() });

const rules = defineRoute({
  method: "get",
  path: "/rules",
  operationId: "archiveRules",
  summary: "Règles de gestion de la collectivité (DUA et communicabilité)",
  requires: "archives:read",
  responses: {
    200: {
      description: "Règles",
      content: {
        "application/json": {
          schema: z.object({
            rules: z.array(
              z.object({
                id: z.string(),
                code: z.string(),
                kind: z.enum(["appraisal", "access"]),
                label: z.string(),
                durationYears: z.number(),
                finalAction: z.enum(["Keep", "Destroy"]).nullable(),
                basis: z.string(),
                legalReference: z.string(),
              }),
            ),
          }),
        },
      },
    },
  },
});

const open = defineRoute({
  method: "post",
  path: "/deposits",
  operationId: "openDeposit",
  summary: "Annoncer un versement (description, règles, fichiers)",
  description: "Renvoie l’adresse d’envoi de chaque fichier ; le versement est scellé par /seal quand tous sont reçus.",
  requires: "archives:write",
  request: {
    query: z.object({ origine: z.enum(["api", "formulaire"]).default("api") }),
    body: { required: true, content: { "application/json": { schema: depositInput } } },
  },
  responses: { 201: { description: "Versement ouvert", content: { "application/json": { schema: receipt } } } },
});

const upload = defineRoute({
  method: "put",
  path: "/deposits/{depositId}/files/{objectId}",
  operationId: "uploadDepositFile",
  summary: "Envoyer un fichier annoncé (corps brut, transmis en flux)",
  description: "SHA-512 et SHA-256 calculés au fil de l’eau ; objet rangé dans R2 sous son empreinte (jamais écrasé) ; format identifié par son contenu.",
  requires: "archives:write",
  request: {
    params: fileIds,
    body: { required: true, content: { "application/octet-stream": { schema: z.any().openapi({ type: "string", format: "binary" }) } } },
  },
  responses: { 200: { description: "Fichier reçu", content: { "application/json": { schema: storedFile } } } },
});

const batch = defineRoute({
  method: "post",
  path: "/deposits/{depositId}/files",
  operationId: "uploadDepositFiles",
  summary: "Envoyer plusieurs petits fichiers annoncés en une requête (multipart)",
  description: `Un champ par fichier, nommé par l’identifiant de l’objet annoncé ; ${BATCH_MAX_FILES} fichiers et ${BATCH_MAX_BYTES / 1024 / 1024} Mio au plus par lot. Tous sont vérifiés avant qu’aucun ne soit conservé.`,
  requires: "archives:write",
  request: {
    params: ids,
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: z.record(z.string(), z.any()).openapi({ type: "object", additionalProperties: { type: "string", format: "binary" } }),
        },
      },
    },
  },
  responses: { 200: { description: "Fichiers reçus", content: { "application/json": { schema: z.object({ stored: z.array(storedFile) }) } } } },
});

const sealRoute = defineRoute({
  method: "post",
  path: "/deposits/{depositId}/seal",
  operationId: "sealDeposit",
  summary: "Sceller le versement (journal scellé, accusé de réception SEDA)",
  requires: "archives:write",
  request: { params: ids },
  responses: { 200: { description: "Versement accepté", content: { "application/json": { schema: receipt } } } },
});

const get = defineRoute({
  method: "get",
  path: "/deposits/{depositId}",
  operationId: "getDeposit",
  summary: "Un versement : état, unités, fichiers et empreintes",
  requires: "archives:read",
  request: { params: ids },
  responses: { 200: { description: "Versement", content: { "application/json": { schema: receipt } } } },
});

const reply = defineRoute({
  method: "get",
  path: "/deposits/{depositId}/reply",
  operationId: "getDepositReply",
  summary: "Accusé de réception (SEDA 2.3 ArchiveTransferReply)",
  requires: "archives:read",
  request: { params: ids },
  responses: { 200: { description: "ArchiveTransferReply", content: { "application/xml": { schema: z.string() } } } },
});

const attestation = defineRoute({
  method: "get",
  path: "/deposits/{depositId}/attestation",
  operationId: "getDepositAttestation",
  summary: "Attestation de versement (PDF)",
  requires: "archives:read",
  request: { params: ids },
  responses: { 200: { description: "PDF", content: { "application/pdf": { schema: z.any().openapi({ type: "string", format: "binary" }) } } } },
});

const withUploads = (r: Awaited<ReturnType<typeof depositReceipt>>) => ({
  ...r,
  uploads: r.units.flatMap((u) =>
    u.objects.filter((o) => !o.received).map((o) => ({ objectId: o.id, fileName: o.fileName, path: `/api/archive/deposits/${r.id}/files/${o.id}` })),
  ),
});

export const depositRoutes = createRouter<ArchiveBindings>()
  .openapi(rules, async (c) =>
    c.json({ rules: await c.var.db.withTenant(c.var.ctx.tenant.id, (tx) => tenantRules(tx, c.var.ctx.tenant.id)) }, 200, {
      "cache-control": "private, no-cache",
    }),
  )
  .openapi(open, async (c) => {
    const deps = { db: c.var.db, ctx: c.var.ctx, env: c.env };
    const body = c.req.valid("json");
    const input: DepositInput = { ...body, source: c.req.valid("query").origine === "formulaire" ? "form" : "api" };
    const opened = await openDeposit(deps, input);
    return c.json(withUploads(await depositReceipt(deps, opened.deposit.id)), 201);
  })
  .openapi(upload, async (c) => {
    const { depositId, objectId } = c.req.valid("param");
    const deps = { db: c.var.db, ctx: c.var.ctx, env: c.env };
    const stored = await uploadFile(deps, depositId, objectId, c.req.raw.body);
    return c.json(
      {
        id: stored.id,
        fileName: stored.fileName,
        size: stored.size,
        sha512: stored.sha512,
        sha256: stored.sha256,
        mimeType: stored.mimeType,
        puid: stored.puid,
        formatName: stored.formatName,
      },
      200,
    );
  })
  .openapi(batch, async (c) => {
    const { depositId } = c.req.valid("param");
    // Parsed by the route's validator (the gateway caps a batch's size on the stream).
    const form = c.req.valid("form") as Record<string, unknown>;
    const parts: Array<{ objectId: string; bytes: Uint8Array }> = [];
    let total = 0;
    for (const [name, value] of Object.entries(form)) {
      if (!(value instanceof File) || !/^[0-9a-f-]{36}$/.test(name)) throw invalid(m.batchEmpty, [{ path: `body/${name}`, message: m.batchEmpty }]);
      total += value.size;
      parts.push({ objectId: name, bytes: new Uint8Array(await value.arrayBuffer()) });
    }
    if (total > BATCH_MAX_BYTES) throw new AppError("payloadTooLarge", m.batchTooLarge(BATCH_MAX_FILES, BATCH_MAX_BYTES / 1024 / 1024));
    if (!parts.length) throw invalid(m.batchEmpty, [{ path: "body", message: m.batchEmpty }]);
    if (parts.length > BATCH_MAX_FILES) throw new AppError("payloadTooLarge", m.batchTooLarge(BATCH_MAX_FILES, BATCH_MAX_BYTES / 1024 / 1024));
    const stored = await uploadFiles(depsOf(c), depositId, parts);
    return c.json(
      { stored: stored.map((o) => ({ id: o.id, fileName: o.fileName, size: o.size, sha512: o.sha512, sha256: o.sha256, mimeType: o.mimeType, puid: o.puid })) },
      200,
    );
  })
  .openapi(sealRoute, async (c) => c.json(await sealDeposit({ db: c.var.db, ctx: c.var.ctx, env: c.env }, c.req.valid("param").depositId), 200))
  .openapi(get, async (c) =>
    c.json(withUploads(await depositReceipt({ db: c.var.db, ctx: c.var.ctx, env: c.env }, c.req.valid("param").depositId)), 200, {
      "cache-control": "private, no-cache",
    }),
  )
  .openapi(reply, async (c) => {
    const xml = await depositReply({ db: c.var.db, ctx: c.var.ctx, env: c.env }, c.req.valid("param").depositId);
    return new Response(xml, { headers: { "content-type": "application/xml; charset=utf-8", "cache-control": "private, no-cache" } }) as never;
  })
  .openapi(attestation, async (c) => {
    const deps = { db: c.var.db, ctx: c.var.ctx, env: c.env };
    const r = await depositReceipt(deps, c.req.valid("param").depositId);
    const pdf = await depositAttestation(deps, r);
    return new Response(pdf, {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="attestation-${r.reference}.pdf"`,
        "cache-control": "private, no-cache",
      },
    }) as never;
  });
