import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { AuditBindings } from "../env.ts";
import { createIncident, listIncidents, updateIncident } from "../services/incidents.ts";
import { incidentOut, instant, json, noStore, ok, optText, text } from "./schemas.ts";

const list = defineRoute({
  method: "get",
  path: "/incidents",
  operationId: "listSecurityIncidents",
  summary: "Registre des incidents et échéances de notification (CNIL 72 h ; NIS 2 en paramètres datés)",
  requires: "security:read",
  responses: { 200: ok("Incidents", z.object({ incidents: z.array(incidentOut) })) },
});

const create = defineRoute({
  method: "post",
  path: "/incidents",
  operationId: "createSecurityIncident",
  summary: "Déclarer un incident (heure de détection, données personnelles en cause, incident important au sens de NIS 2)",
  requires: "security:write",
  request: {
    body: json(
      z
        .object({ title: text(300), description: optText(4000), detectedAt: instant, personalData: z.boolean(), nis2: z.boolean() })
        .strict()
        .openapi("IncidentSecuriteSaisie"),
    ),
  },
  responses: { 201: ok("Incident enregistré", incidentOut) },
});

const update = defineRoute({
  method: "patch",
  path: "/incidents/{incidentId}",
  operationId: "updateSecurityIncident",
  summary: "Enregistrer les notifications faites (CNIL, alerte, notification et rapport NIS 2) ; clore l’incident",
  requires: "security:write",
  request: {
    params: z.object({ incidentId: z.uuid() }),
    body: json(
      z
        .object({
          cnilNotifiedAt: instant.nullable().optional(),
          nis2WarningAt: instant.nullable().optional(),
          nis2NotifiedAt: instant.nullable().optional(),
          nis2FinalReportAt: instant.nullable().optional(),
          status: z.enum(["open", "closed"]).optional(),
        })
        .strict()
        .openapi("IncidentSecuriteSuivi"),
    ),
  },
  responses: { 200: ok("Incident mis à jour", incidentOut) },
});

export const incidentRoutes = createRouter<AuditBindings>()
  .openapi(list, async (c) => c.json(await listIncidents({ db: c.var.db, ctx: c.var.ctx, now: new Date() }), 200, noStore))
  .openapi(create, async (c) => c.json(await createIncident({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json"), now: new Date() }), 201))
  .openapi(update, async (c) =>
    c.json(await updateIncident({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").incidentId, input: c.req.valid("json"), now: new Date() }), 200),
  );
