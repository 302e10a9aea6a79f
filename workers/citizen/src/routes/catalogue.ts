import { z } from "@hono/zod-openapi";
import { PUBLIC, createRouter, defineRoute } from "@communa/core";
import type { CitizenBindings } from "../env.ts";
import { addAbsence, addRule, createAgent, createMotif, createPlace, createService, listCatalogue, setClosure } from "../services/catalogue.ts";
import { created, day, insee, motifBody } from "./schemas.ts";

const json = <S extends z.ZodType>(schema: S) => ({ required: true, content: { "application/json": { schema } } });
/** The body a route of `post` validated (its schema is lost in the helper's generic). */
const body = <S extends z.ZodType>(c: { req: { valid: (t: never) => unknown } }) => c.req.valid("json" as never) as z.infer<S>;
const createdResponse = { 201: { description: "Créé", content: { "application/json": { schema: created } } } };
const post = (path: string, operationId: string, summary: string, body: z.ZodType) =>
  defineRoute({ method: "post", path, operationId, summary, requires: "citizen:write", request: { body: json(body) }, responses: createdResponse });

const serviceBody = z
  .object({
    name: z.string().trim().min(2).max(120),
    description: z.string().max(2000).default(""),
    contactEmail: z.email().nullable().optional(),
    contactPhone: z.string().max(30).nullable().optional(),
    contactAddress: z.string().max(300).nullable().optional(),
  })
  .strict();
const placeBody = z
  .object({
    name: z.string().trim().min(2).max(120),
    address: z.string().trim().min(2).max(300),
    communeInsee: insee.nullable().optional(),
    desks: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  })
  .strict();
const agentBody = z.object({ serviceId: z.uuid(), displayName: z.string().trim().min(2).max(120), personId: z.uuid().nullable().optional() }).strict();
const ruleBody = z
  .object({
    agentId: z.uuid(),
    placeId: z.uuid(),
    weekday: z.number().int().min(1).max(7),
    startMinute: z.number().int().min(0).max(1439),
    endMinute: z.number().int().min(1).max(1440),
    validFrom: day,
    validUntil: day.nullable().optional(),
  })
  .strict();
const absenceBody = z.object({ agentId: z.uuid(), startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }) }).strict();

const services = post("/services", "createCitizenService", "Créer un service qui reçoit le public", serviceBody);
const places = post("/places", "createCitizenPlace", "Créer un lieu d’accueil et ses guichets", placeBody);
const motifs = post("/motifs", "createCitizenMotif", "Créer un motif de rendez-vous", motifBody);
const agents = post("/agents", "createCitizenAgent", "Déclarer un agent qui reçoit", agentBody);
const rules = post("/opening-rules", "createCitizenOpeningRule", "Ajouter une plage hebdomadaire d’un agent dans un lieu", ruleBody);
const absences = post("/absences", "createCitizenAbsence", "Déclarer une absence d’un agent", absenceBody);
const closures = defineRoute({
  method: "put",
  path: "/closures/{day}",
  operationId: "setCitizenClosure",
  summary: "Fermer un jour, ou ouvrir un jour férié (exception de la collectivité)",
  requires: "citizen:write",
  request: { params: z.object({ day }), body: json(z.object({ kind: z.enum(["closed", "open"]), label: z.string().trim().min(2).max(120) }).strict()) },
  responses: {
    200: { description: "Enregistré", content: { "application/json": { schema: z.object({ day: z.string(), kind: z.string(), label: z.string() }) } } },
  },
});

const catalogue = defineRoute({
  method: "get",
  path: "/catalogue",
  operationId: "citizenCatalogue",
  summary: "Services et motifs de rendez-vous de la commune et de son intercommunalité",
  requires: PUBLIC,
  responses: {
    200: {
      description: "Services",
      content: {
        "application/json": {
          schema: z.object({
            services: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                description: z.string(),
                tenant: z.string(),
                tenantName: z.string(),
                contactPhone: z.string().nullable(),
                contactEmail: z.string().nullable(),
                motifs: z.array(
                  z.object({
                    id: z.string(),
                    name: z.string(),
                    durationMinutes: z.number(),
                    locationType: z.string(),
                    acceptText: z.string().nullable(),
                    instructions: z.string().nullable(),
                    changeWindowHours: z.number(),
                  }),
                ),
              }),
            ),
            places: z.array(z.object({ id: z.string(), name: z.string(), address: z.string(), tenant: z.string() })),
          }),
        },
      },
    },
  },
});

export const catalogueRoutes = createRouter<CitizenBindings>()
  .openapi(catalogue, async (c) => c.json(await listCatalogue({ db: c.var.db, ctx: c.var.ctx }), 200))
  .openapi(services, async (c) => c.json(await createService({ db: c.var.db, ctx: c.var.ctx, input: body<typeof serviceBody>(c) }), 201))
  .openapi(places, async (c) => c.json(await createPlace({ db: c.var.db, ctx: c.var.ctx, input: body<typeof placeBody>(c) }), 201))
  .openapi(motifs, async (c) => c.json(await createMotif({ db: c.var.db, ctx: c.var.ctx, input: body<typeof motifBody>(c) }), 201))
  .openapi(agents, async (c) => c.json(await createAgent({ db: c.var.db, ctx: c.var.ctx, input: body<typeof agentBody>(c) }), 201))
  .openapi(rules, async (c) => c.json(await addRule({ db: c.var.db, ctx: c.var.ctx, input: body<typeof ruleBody>(c) }), 201))
  .openapi(absences, async (c) => c.json(await addAbsence({ db: c.var.db, ctx: c.var.ctx, input: body<typeof absenceBody>(c) }), 201))
  .openapi(closures, async (c) =>
    c.json(await setClosure({ db: c.var.db, ctx: c.var.ctx, input: { day: c.req.valid("param").day, ...c.req.valid("json") } }), 200),
  );
