/** Shared zod pieces of the staff routes (inputs checked here, French messages from the core set). */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { DomainEnv } from "@communa/core";
import { STAFF_DOCUMENT_TYPES } from "@communa/db";
import type { StaffBindings } from "../env.ts";
import type { Deps } from "../services/documents.ts";

export const noStore = { "cache-control": "no-store" };
export const json = <T extends z.ZodType>(schema: T) => ({ required: true as const, content: { "application/json": { schema } } });
export const ok = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });
export const binary = z.any().openapi({ type: "string", format: "binary" });
export const pdfBody = { required: true as const, content: { "application/pdf": { schema: binary } } };
export const pdfAnswer = (description: string) => ({ description, content: { "application/pdf": { schema: binary } } });

export const isoDay = z.iso.date();
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Mois AAAA-MM attendu");
export const text = (max = 200) => z.string().trim().min(1).max(max);
export const documentType = z.enum(STAFF_DOCUMENT_TYPES).openapi({
  description: "payslip (bulletin de paie), decree (arrêté), contract (contrat), training_certificate (attestation de formation), other",
});

export const agentOut = z
  .object({
    id: z.string(),
    payrollNumber: z.string(),
    personId: z.string().nullable(),
    name: z.string(),
    email: z.string(),
    service: z.string(),
    position: z.string(),
    birthYear: z.number().int(),
    departureDate: z.string().nullable(),
    phone: z.string(),
  })
  .openapi("AgentCoffre");

export const documentOut = z
  .object({
    id: z.string(),
    agentId: z.string(),
    batchId: z.string().nullable(),
    type: documentType,
    title: z.string(),
    period: z.string(),
    sha256: z.string(),
    size: z.number().int(),
    version: z.number().int(),
    replacesId: z.string().nullable(),
    status: z.enum(["pending", "published", "superseded"]),
    depositedAt: z.string(),
    retainUntil: z.string(),
    notification: z.enum(["none", "mail", "paper"]),
    notifiedAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedVia: z.enum(["safe", "paper"]).nullable(),
  })
  .openapi("DocumentCoffre");

export const safeOut = z.object({ agent: agentOut, documents: z.array(documentOut) }).openapi("Coffre");

export const journalOut = z
  .object({
    entries: z.array(
      z.object({
        seq: z.number().int(),
        at: z.string(),
        actorRole: z.enum(["agent", "hr"]),
        action: z.enum(["list", "view", "download", "export", "acknowledge"]),
        documentId: z.string().nullable(),
        hash: z.string(),
      }),
    ),
    intact: z.boolean(),
    brokenAt: z.number().int().nullable(),
  })
  .openapi("JournalCoffre");

const pages = z.array(z.number().int());
export const batchOut = z
  .object({
    id: z.string(),
    period: z.string(),
    fileName: z.string(),
    sha256: z.string(),
    pages: z.number().int(),
    status: z.enum(["pending", "published", "cancelled"]),
    depositedBy: z.string(),
    depositedAt: z.string(),
    validatedBy: z.string().nullable(),
    validatedAt: z.string().nullable(),
    manifest: z.object({
      pages: z.number().int(),
      expected: z.number().int(),
      found: z.array(z.object({ payrollNumber: z.string(), agentId: z.string(), name: z.string(), pages, documentId: z.string() })),
      unknown: z.array(z.object({ payrollNumber: z.string(), pages })),
      missing: z.array(z.object({ payrollNumber: z.string(), agentId: z.string(), name: z.string() })),
      orphanPages: pages,
      paper: z.array(z.string()),
    }),
  })
  .openapi("DepotPaie");

/** What a route hands to the services: the request's database, caller and bindings. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const depsOf = (c: Context<DomainEnv<StaffBindings>, any, any>): Deps & { env: StaffBindings } => ({ db: c.var.db, ctx: c.var.ctx, env: c.env });

/** The raw PDF of a request (the gateway already capped its size). */
export const pdfOf = async (c: Context): Promise<Uint8Array> => new Uint8Array(await c.req.arrayBuffer());

export const attachment = (type: string, fileName: string) => ({
  "content-type": type,
  "content-disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
  "cache-control": "no-store",
});
