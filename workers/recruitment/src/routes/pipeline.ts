import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { RecruitmentBindings } from "../env.ts";
import { m } from "../messages.fr.ts";
import { addNote, applicationDetail, archiveHired, decide, listApplications, moveStage, readFile, scheduleInterview, score } from "../services/pipeline.ts";
import { refParam } from "./vacancies.ts";
import { day } from "./schemas.ts";

const f = m.fields;
const any = z.record(z.string(), z.any());
const json = <S extends z.ZodType>(schema: S) => ({ required: true, content: { "application/json": { schema } } });
const ok = <S extends z.ZodType>(description: string, schema: S, status: 200 | 201 = 200) => ({
  [status]: { description, content: { "application/json": { schema } } },
});
const id = z.object({ applicationId: z.uuid() });
const instant = z.iso.datetime({ offset: true });

const list = defineRoute({
  method: "get",
  path: "/vacancies/{ref}/applications",
  operationId: "listApplications",
  summary: "Candidatures d’une offre (identité masquée pendant la première sélection à l’aveugle)",
  requires: "hr:read",
  request: { params: refParam },
  responses: ok("Candidatures", any),
});
const detail = defineRoute({
  method: "get",
  path: "/applications/{applicationId}",
  operationId: "getApplication",
  summary: "Une candidature : notes, grille du jury, entretiens",
  requires: "hr:read",
  request: { params: id },
  responses: ok("Candidature", any),
});
const fileRoute = defineRoute({
  method: "get",
  path: "/applications/{applicationId}/files/{kind}",
  operationId: "getApplicationFile",
  summary: "CV ou lettre (refusé pendant la sélection à l’aveugle)",
  requires: "hr:read",
  request: { params: id.extend({ kind: z.enum(["cv", "letter"]) }) },
  responses: { 200: { description: "Le fichier", content: { "application/octet-stream": { schema: z.any() } } } },
});
const note = defineRoute({
  method: "post",
  path: "/applications/{applicationId}/notes",
  operationId: "addApplicationNote",
  summary: "Ajouter une note d’examen",
  requires: "hr:write",
  request: { params: id, body: json(z.object({ body: z.string().trim().min(2).max(4000) }).strict()) },
  responses: ok("Note ajoutée", z.object({ ok: z.boolean() }), 201),
});
const scores = defineRoute({
  method: "put",
  path: "/applications/{applicationId}/scores",
  operationId: "scoreApplication",
  summary: "Ma grille de jury : une note de 0 à 5 par critère, chacune justifiée",
  requires: "hr:write",
  request: {
    params: id,
    body: json(
      z
        .object({
          scores: z
            .array(
              z
                .object({
                  criterion: z.string().min(2).max(80),
                  score: z.number().int().min(0).max(5),
                  reason: z
                    .string({ error: f.scoreReason })
                    .trim()
                    .refine((v) => v.length >= 3 && v.length <= 2000, f.scoreReason),
                })
                .strict(),
            )
            .min(1)
            .max(10),
        })
        .strict(),
    ),
  },
  responses: ok("Notes enregistrées", z.object({ juryMemberId: z.string(), count: z.number() })),
});
const stage = defineRoute({
  method: "post",
  path: "/applications/{applicationId}/stage",
  operationId: "moveApplicationStage",
  summary: "Passer à une étape (la nomination exige la déclaration au CDG et la durée minimale de publication)",
  requires: "hr:write",
  request: { params: id, body: json(z.object({ stage: z.string().min(2).max(40) }).strict()) },
  responses: ok("Étape", any),
});
const interview = defineRoute({
  method: "post",
  path: "/applications/{applicationId}/interviews",
  operationId: "scheduleInterview",
  summary: "Convoquer à un entretien (courriel avec invitation .ics, visio possible)",
  requires: "hr:write",
  request: {
    params: id,
    body: json(
      z
        .object({
          start: instant,
          end: instant,
          place: z.string().trim().min(2).max(300),
          visioUrl: z
            .url({ protocol: /^https$/ })
            .max(500)
            .nullable()
            .optional(),
        })
        .strict(),
    ),
  },
  responses: ok("Entretien", any, 201),
});
const decision = defineRoute({
  method: "post",
  path: "/applications/{applicationId}/decision",
  operationId: "decideApplication",
  summary: "Décider, avec le motif (un refus demande au candidat s’il accepte d’être gardé)",
  requires: "hr:write",
  request: {
    params: id,
    body: json(
      z
        .object({
          outcome: z.enum(["rejected", "hired"]),
          reason: z
            .string({ error: f.reason })
            .trim()
            .refine((v) => v.length >= 3 && v.length <= 2000, f.reason),
        })
        .strict(),
    ),
  },
  responses: ok("Décision", any),
});

const archive = defineRoute({
  method: "post",
  path: "/applications/{applicationId}/archive",
  operationId: "archiveHiredApplication",
  summary: "Verser la candidature retenue au dossier d’agent (archives) : CV, lettre et décision, scellés",
  requires: "hr:write",
  request: { params: id, body: json(z.object({ birthDate: day }).strict()) },
  responses: ok("Versement", z.object({ reference: z.string(), status: z.string(), unit: z.string().nullable() }), 201),
});

export const pipelineRoutes = createRouter<RecruitmentBindings>()
  .openapi(list, async (c) =>
    c.json(await listApplications({ db: c.var.db, ctx: c.var.ctx, ref: c.req.valid("param").ref }), 200, { "cache-control": "no-store" }),
  )
  .openapi(detail, async (c) =>
    c.json(await applicationDetail({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").applicationId }), 200, { "cache-control": "no-store" }),
  )
  .openapi(fileRoute, async (c) => {
    const { applicationId, kind } = c.req.valid("param");
    const { object, contentType } = await readFile({ db: c.var.db, ctx: c.var.ctx, env: c.env, id: applicationId, kind });
    return new Response(object.body, {
      headers: {
        "content-type": contentType,
        "content-disposition": `attachment; filename="${kind}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    }) as never;
  })
  .openapi(note, async (c) =>
    c.json(await addNote({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").applicationId, body: c.req.valid("json").body }), 201),
  )
  .openapi(scores, async (c) =>
    c.json(await score({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").applicationId, scores: c.req.valid("json").scores }), 200),
  )
  .openapi(stage, async (c) =>
    c.json(await moveStage({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").applicationId, stage: c.req.valid("json").stage }), 200),
  )
  .openapi(interview, async (c) =>
    c.json(await scheduleInterview({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").applicationId, input: c.req.valid("json") }), 201),
  )
  .openapi(archive, async (c) =>
    c.json(
      await archiveHired({ db: c.var.db, ctx: c.var.ctx, env: c.env, id: c.req.valid("param").applicationId, birthDate: c.req.valid("json").birthDate }),
      201,
    ),
  )
  .openapi(decision, async (c) => {
    const { outcome, reason } = c.req.valid("json");
    return c.json(await decide({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").applicationId, outcome, reason }), 200);
  });
