import { z } from "@hono/zod-openapi";
import { CHANNELS, DECLARED_GENDERS } from "@communa/db";
import { PUBLIC, createRouter, defineRoute } from "@communa/core";
import type { RecruitmentBindings } from "../env.ts";
import { m } from "../messages.fr.ts";
import { answerConsent, apply, deleteByLink, exportData, status } from "../services/applications.ts";
import { MAX_FILE_BYTES } from "../services/files.ts";
import { refParam } from "./vacancies.ts";

const f = m.fields;
const any = z.record(z.string(), z.any());
const file = (message: string) =>
  z.instanceof(File, { message }).openapi({ type: "string", format: "binary", description: `PDF, ODT ou DOCX, ${MAX_FILE_BYTES / 1024} Ko au plus` });
const applicationForm = z
  .object({
    fullName: z.string().trim().min(2).max(120),
    email: z.email(f.email).max(254),
    phone: z
      .string()
      .regex(/^\+?[0-9 .-]{10,20}$/, f.phone)
      .optional(),
    postalAddress: z.string().trim().max(300).optional(),
    // Refinements, not min/max: core's problem mapper keeps a custom issue's own French words.
    summary: z
      .string({ error: f.summary })
      .trim()
      .refine((v) => v.length >= 30 && v.length <= 4000, f.summary),
    channel: z.enum(CHANNELS).default("site"),
    // For the equality figures only; an empty choice is « not declared ».
    gender: z
      .unknown()
      .optional()
      .superRefine((v, ctx) => {
        if (v !== undefined && v !== "" && !(DECLARED_GENDERS as readonly unknown[]).includes(v)) ctx.addIssue({ code: "custom", message: f.gender });
      })
      .transform((v) => (v ? (v as (typeof DECLARED_GENDERS)[number]) : null))
      .openapi({ type: "string", enum: [...DECLARED_GENDERS, ""] }),
    // Health data, only if the candidate wants to say it: the obligation d'emploi, the arrangements asked.
    disabledWorker: z
      .enum(["true", "on"])
      .optional()
      .transform((v) => !!v),
    accommodations: z
      .string()
      .trim()
      .refine((v) => v.length <= 1000, f.accommodations)
      .optional()
      .transform((v) => v || null),
    // A checkbox: sent as "true" (API) or "on" (HTML form); missing means not given.
    consent: z
      .unknown()
      .superRefine((v, ctx) => {
        if (v !== "true" && v !== "on") ctx.addIssue({ code: "custom", message: f.consent });
      })
      .openapi({ type: "string", enum: ["true", "on"] }),
    cv: file(f.cv),
    letter: file(f.letter),
  })
  .openapi("Candidature");

const link = z.object({ applicationId: z.uuid() });
const cle = z.string().min(10).max(100);

const applyRoute = defineRoute({
  method: "post",
  path: "/public/vacancies/{ref}/applications",
  operationId: "applyToVacancy",
  summary: "Candidater sans compte : présentation, CV et lettre (type vérifié, antivirus), accord de traitement",
  requires: PUBLIC,
  request: { params: refParam, body: { required: true, content: { "multipart/form-data": { schema: applicationForm } } } },
  responses: {
    201: {
      description: "Candidature reçue (accusé de réception envoyé)",
      content: {
        "application/json": { schema: z.object({ id: z.string(), number: z.number(), status: z.string(), followUrl: z.string(), signature: z.string() }) },
      },
    },
  },
});
const statusRoute = defineRoute({
  method: "get",
  path: "/candidatures/{applicationId}",
  operationId: "applicationStatus",
  summary: "Où en est ma candidature (lien signé)",
  requires: PUBLIC,
  request: { params: link, query: z.object({ cle }) },
  responses: { 200: { description: "Suivi", content: { "application/json": { schema: any } } } },
});
const consentRoute = defineRoute({
  method: "post",
  path: "/candidatures/{applicationId}/consent",
  operationId: "answerKeepConsent",
  summary: "Accepter ou refuser que la candidature soit gardée pour d’autres postes (lien signé)",
  requires: PUBLIC,
  request: { params: link, body: { required: true, content: { "application/json": { schema: z.object({ cle, keep: z.boolean() }).strict() } } } },
  responses: { 200: { description: "Réponse enregistrée", content: { "application/json": { schema: z.object({ keepConsent: z.boolean() }) } } } },
});
const exportRoute = defineRoute({
  method: "get",
  path: "/candidatures/{applicationId}/export",
  operationId: "exportApplication",
  summary: "Télécharger mes données (lien signé)",
  requires: PUBLIC,
  request: { params: link, query: z.object({ cle }) },
  responses: { 200: { description: "Données", content: { "application/json": { schema: any } } } },
});
const deleteRoute = defineRoute({
  method: "post",
  path: "/candidatures/{applicationId}/delete",
  operationId: "deleteApplication",
  summary: "Supprimer ma candidature et mes fichiers (lien signé)",
  requires: PUBLIC,
  request: { params: link, body: { required: true, content: { "application/json": { schema: z.object({ cle }).strict() } } } },
  responses: { 204: { description: "Supprimée" } },
});

export const applicationRoutes = createRouter<RecruitmentBindings>()
  .openapi(applyRoute, async (c) => {
    const form = c.req.valid("form");
    return c.json(
      await apply({
        db: c.var.db,
        ctx: c.var.ctx,
        env: c.env,
        ref: c.req.valid("param").ref,
        input: { ...form, consent: true, phone: form.phone || null, postalAddress: form.postalAddress || null },
      }),
      201,
    );
  })
  .openapi(statusRoute, async (c) =>
    c.json(await status({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").applicationId, sig: c.req.valid("query").cle }), 200, {
      "cache-control": "no-store",
    }),
  )
  .openapi(consentRoute, async (c) => {
    const { cle: sig, keep } = c.req.valid("json");
    return c.json(await answerConsent({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").applicationId, sig, keep }), 200);
  })
  .openapi(exportRoute, async (c) =>
    c.json(await exportData({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").applicationId, sig: c.req.valid("query").cle }), 200, {
      "cache-control": "no-store",
      "content-disposition": 'attachment; filename="ma-candidature.json"',
    }),
  )
  .openapi(deleteRoute, async (c) => {
    await deleteByLink({ db: c.var.db, ctx: c.var.ctx, env: c.env, id: c.req.valid("param").applicationId, sig: c.req.valid("json").cle });
    return new Response(null, { status: 204 }) as never;
  });
