import { z } from "@hono/zod-openapi";
import { PUBLIC, createRouter, defineRoute } from "@communa/core";
import { REQUEST_CHANNELS, REQUEST_STATES } from "@communa/db";
import type { CitizenBindings } from "../env.ts";
import { m } from "../messages.fr.ts";
import { createRequest, createRequestType, listRequestTypes, queue, setRequestStatus, trackRequest } from "../services/requests.ts";
import { day, email, insee, personName, phone } from "./schemas.ts";

const json = <S extends z.ZodType>(schema: S) => ({ required: true, content: { "application/json": { schema } } });
const ok = <S extends z.ZodType>(description: string, schema: S) => ({ 200: { description, content: { "application/json": { schema } } } });
const createdSchema = z.object({ id: z.string(), code: z.string(), status: z.string(), dueOn: z.string().nullable(), receipt: z.string() });

const types = defineRoute({
  method: "post",
  path: "/request-types",
  operationId: "createCitizenRequestType",
  summary: "Créer un type de demande et sa règle de décision implicite (paramètre daté)",
  requires: "citizen:write",
  request: {
    body: json(
      z
        .object({
          name: z.string().trim().min(2).max(120),
          serviceId: z.uuid().nullable().optional(),
          implicitDecision: z.enum(["none", "acceptance", "rejection"]),
          implicitDelayDays: z.number().int().min(1).max(365).nullable().optional(),
          appealRoutes: z.string().max(2000).nullable().optional(),
          ruleSource: z.string().trim().min(3).max(300),
          ruleSince: day,
        })
        .strict(),
    ),
  },
  responses: { 201: { description: "Créé", content: { "application/json": { schema: z.object({ id: z.string() }) } } } },
});

const typeList = defineRoute({
  method: "get",
  path: "/request-types",
  operationId: "citizenRequestTypes",
  summary: "Types de demande de la collectivité et leur règle de décision implicite",
  requires: "citizen:read",
  responses: ok(
    "Types",
    z.object({
      types: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          serviceId: z.string().nullable(),
          implicitDecision: z.enum(["none", "acceptance", "rejection"]),
          implicitDelayDays: z.number().nullable(),
        }),
      ),
    }),
  ),
});

const base = {
  subject: z.string().trim().min(3, m.fields.subject).max(300),
  serviceId: z.uuid().nullable().optional(),
  typeId: z.uuid().nullable().optional(),
  communeInsee: insee.nullable().optional(),
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
};

const online = defineRoute({
  method: "post",
  path: "/requests",
  operationId: "submitCitizenRequest",
  summary: "Déposer une demande en ligne (accusés d’enregistrement et de réception)",
  requires: PUBLIC,
  request: { body: json(z.object({ ...base, name: personName, email }).strict()) },
  responses: { 201: { description: "Enregistrée", content: { "application/json": { schema: createdSchema } } } },
});

const logged = defineRoute({
  method: "post",
  path: "/requests/logged",
  operationId: "logCitizenContact",
  summary: "Consigner un contact (appel, accueil, courrier, e-mail) : il devient une demande",
  requires: "citizen:write",
  request: {
    body: json(
      z
        .object({
          ...base,
          // A kiosk's request comes from the kiosk itself (devices Worker), never logged by an agent.
          channel: z.enum(REQUEST_CHANNELS.filter((ch) => ch !== "kiosk") as ["phone", "desk", "email", "letter", "online"]),
          name: personName.nullable().optional(),
          dueOn: day.nullable().optional(),
          agentPersonId: z.string().max(100).nullable().optional(),
        })
        .strict(),
    ),
  },
  responses: { 201: { description: "Enregistrée", content: { "application/json": { schema: createdSchema } } } },
});

const track = defineRoute({
  method: "get",
  path: "/requests/track/{code}",
  operationId: "trackCitizenRequest",
  summary: "Suivre une demande par son code (sans compte)",
  requires: PUBLIC,
  request: { params: z.object({ code: z.string().regex(/^[A-Za-z]{8}$/, m.fields.code) }) },
  responses: ok(
    "Demande",
    z.object({
      code: z.string(),
      status: z.string(),
      statusLabel: z.string(),
      receivedAt: z.string(),
      dueOn: z.string().nullable(),
      service: z.string().nullable(),
    }),
  ),
});

const item = z.object({
  id: z.string(),
  code: z.string(),
  channel: z.string(),
  subject: z.string(),
  status: z.string(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  name: z.string().nullable(),
  receivedAt: z.string(),
});
const list = defineRoute({
  method: "get",
  path: "/requests",
  operationId: "citizenRequestQueue",
  summary: "File des demandes : à votre charge, puis les autres (en retard d’abord)",
  requires: "citizen:read",
  responses: ok("File", z.object({ mine: z.array(item), others: z.array(item) })),
});

const status = defineRoute({
  method: "post",
  path: "/requests/{requestId}/status",
  operationId: "setCitizenRequestStatus",
  summary: "Changer l’état d’une demande",
  requires: "citizen:write",
  request: { params: z.object({ requestId: z.uuid() }), body: json(z.object({ status: z.enum(REQUEST_STATES) }).strict()) },
  responses: ok("Noté", z.object({ id: z.string(), code: z.string(), status: z.string() })),
});

export const requestRoutes = createRouter<CitizenBindings>()
  .openapi(types, async (c) => c.json(await createRequestType({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(typeList, async (c) => c.json(await listRequestTypes({ db: c.var.db, ctx: c.var.ctx }), 200, { "cache-control": "no-store" }))
  .openapi(online, async (c) => c.json(await createRequest({ db: c.var.db, ctx: c.var.ctx, input: { ...c.req.valid("json"), channel: "online" } }), 201))
  .openapi(logged, async (c) => c.json(await createRequest({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(track, async (c) =>
    c.json(await trackRequest({ db: c.var.db, ctx: c.var.ctx, code: c.req.valid("param").code }), 200, { "cache-control": "no-store" }),
  )
  .openapi(list, async (c) => c.json(await queue({ db: c.var.db, ctx: c.var.ctx }), 200, { "cache-control": "no-store" }))
  .openapi(status, async (c) =>
    c.json(await setRequestStatus({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").requestId, status: c.req.valid("json").status }), 200),
  );
