/** Groundwater and drought: the public chart's data, stations, Hub'Eau imports, VigiEau levels (agents). */
import { z } from "@hono/zod-openapi";
import { isUuid } from "@communa/core/ids";
import { cacheFor, createRouter, defineRoute, invalid, unavailable } from "@communa/core";
import type { EnvironmentBindings } from "../env.ts";
import { DROUGHT_LEVELS, m } from "../messages.fr.ts";
import { groundwaterChart, importChroniques, importDrought, importRecordedChroniques, saveStation } from "../services/groundwater.ts";
import { HubeauError } from "../services/hubeau.ts";

const insee = z.string().regex(/^[0-9][0-9AB][0-9]{3}$/);
const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true as const, content: { "application/json": { schema } } } });
const depth = z.number().min(-50).max(500).nullable().optional();

const chartOut = z
  .object({
    since: z.string(),
    series: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(["device", "hubeau"]),
        code: z.string(),
        name: z.string(),
        communeInsee: z.string().nullable(),
        alertZone: z.string().nullable(),
        thresholds: z.object({ vigilanceDepthM: z.number().nullable(), alertDepthM: z.number().nullable() }),
        points: z.array(z.object({ at: z.string(), depth: z.number(), status: z.enum(["validated", "raw"]) })),
        alerts: z.array(z.object({ level: z.string(), threshold: z.number(), crossesOn: z.string(), slopeMPerDay: z.number() })),
      }),
    ),
    drought: z.array(
      z.object({
        communeInsee: z.string(),
        zoneCode: z.string(),
        zoneName: z.string(),
        zoneType: z.string(),
        level: z.string(),
        label: z.string(),
        meaning: z.string(),
        orderReference: z.string().nullable(),
      }),
    ),
  })
  .openapi("NappesEtSecheresse");

const stationIn = z
  .object({
    kind: z.enum(["device", "hubeau"]),
    code: z.string().trim().min(1).max(60),
    name: z.string().trim().min(1).max(200),
    communeInsee: insee.nullable().optional(),
    alertZone: z.string().max(60).nullable().optional(),
    vigilanceDepthM: depth,
    alertDepthM: depth,
  })
  .strict()
  .superRefine((v, ctx) => {
    // A piezometer of the collectivity is known by its device's id: its readings name it.
    if (v.kind === "device" && !isUuid(v.code)) ctx.addIssue({ code: "custom", path: ["code"], message: m.deviceCode });
  })
  .openapi("StationPiezometriqueSaisie");
const stationOut = z
  .object({
    id: z.string(),
    kind: z.enum(["device", "hubeau"]),
    code: z.string(),
    name: z.string(),
    communeInsee: z.string().nullable(),
    alertZone: z.string().nullable(),
    vigilanceDepthM: z.number().nullable(),
    alertDepthM: z.number().nullable(),
  })
  .openapi("StationPiezometrique");

const chart = defineRoute({
  method: "get",
  path: "/groundwater",
  operationId: "groundwaterChart",
  summary: "Nappes : niveaux des piézomètres et des stations Hub'Eau, seuils, niveau de sécheresse, alertes de tendance",
  tags: ["Nappes et sécheresse"],
  requires: "public",
  request: { query: z.object({ jours: z.coerce.number().int().min(7).max(3660).default(120) }) },
  responses: { 200: json("Nappes et sécheresse", chartOut) },
});
const station = defineRoute({
  method: "post",
  path: "/groundwater/stations",
  operationId: "saveGroundwaterStation",
  summary: "Enregistrer un piézomètre (appareil) ou une station Hub'Eau, avec les seuils internes",
  tags: ["Nappes et sécheresse"],
  requires: "environment:write",
  request: body(stationIn),
  responses: { 200: json("Station", stationOut) },
});
const day = z.iso.date();
const importReport = z.object({ received: z.number().int(), inserted: z.number().int(), requests: z.number().int() }).openapi("ImportNappe");
const importRoute = defineRoute({
  method: "post",
  path: "/groundwater/stations/{stationId}/imports",
  operationId: "importGroundwaterLevels",
  summary: "Importer de Hub'Eau les niveaux validés (chroniques) d’une station sur une période",
  tags: ["Nappes et sécheresse"],
  requires: "environment:write",
  request: { params: z.object({ stationId: z.uuid() }), ...body(z.object({ from: day, to: day }).strict().openapi("ImportNappeSaisie")) },
  responses: {
    200: json("Compte rendu", importReport),
  },
});
const level = z.number().min(-1000).max(10_000).nullable().optional();
const recordedRoute = defineRoute({
  method: "post",
  path: "/groundwater/stations/{stationId}/recorded",
  operationId: "importRecordedGroundwaterLevels",
  summary: "Importer une réponse Hub'Eau enregistrée (niveaux_nappes/chroniques) pour une station",
  description: "Les lignes « data » de la réponse, telles quelles ; une ligne d’une autre station est refusée et rien n’est écrit.",
  tags: ["Nappes et sécheresse"],
  requires: "environment:write",
  request: {
    params: z.object({ stationId: z.uuid() }),
    ...body(
      z
        .object({
          data: z
            .array(
              z.object({
                code_bss: z.string().min(1).max(60),
                date_mesure: z.string().refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)), { message: m.chroniqueDate }),
                niveau_nappe_eau: level,
                profondeur_nappe: level,
              }),
            )
            .max(20_000),
        })
        .openapi("ChroniquesEnregistrees"),
    ),
  },
  responses: {
    200: json("Compte rendu", importReport),
  },
});
const levels = Object.keys(DROUGHT_LEVELS) as [string, ...string[]];
const drought = defineRoute({
  method: "put",
  path: "/drought/{insee}",
  operationId: "importDroughtLevels",
  summary: "Enregistrer les zones d’alerte sécheresse d’une commune et leur niveau en vigueur (réponse de VigiEau /zones)",
  tags: ["Nappes et sécheresse"],
  requires: "environment:write",
  request: {
    params: z.object({ insee }),
    ...body(
      z
        .object({
          zones: z
            .array(
              z.object({
                code: z.string().min(1).max(60),
                nom: z.string().min(1).max(200),
                type: z.string().min(1).max(10),
                niveauGravite: z.enum(levels).nullable(),
                arreteRestriction: z
                  .object({ numero: z.string().max(100).nullable().optional(), dateDebut: day.nullable().optional(), dateFin: day.nullable().optional() })
                  .nullable()
                  .optional(),
              }),
            )
            .max(20),
        })
        .openapi("SecheresseSaisie"),
    ),
  },
  responses: { 200: json("Compte rendu", z.object({ communeInsee: z.string(), zones: z.number().int() }).openapi("ImportSecheresse")) },
});

export const groundwaterRoutes = createRouter<EnvironmentBindings>()
  .openapi(chart, async (c) => c.json(await groundwaterChart({ db: c.var.db, ctx: c.var.ctx, days: c.req.valid("query").jours }), 200, cacheFor(c.var.ctx)))
  .openapi(station, async (c) => c.json(await saveStation(c.var.db, c.var.ctx, c.req.valid("json")), 200))
  .openapi(importRoute, async (c) => {
    const { from, to } = c.req.valid("json");
    if (to < from) throw invalid(undefined, [{ path: "body/to", message: m.periodOrder }]);
    try {
      const report = await importChroniques(
        { db: c.var.db, ctx: c.var.ctx, hubeau: { baseUrl: c.env.HUBEAU_BASE_URL, fetch: (r) => fetch(r) } },
        { stationId: c.req.valid("param").stationId, from, to },
      );
      return c.json(report, 200);
    } catch (err) {
      if (err instanceof HubeauError) throw unavailable(m.hubeauFailed(err.message), err);
      throw err;
    }
  })
  .openapi(recordedRoute, async (c) =>
    c.json(await importRecordedChroniques(c.var.db, c.var.ctx, c.req.valid("param").stationId, c.req.valid("json").data), 200),
  )
  .openapi(drought, async (c) => c.json(await importDrought(c.var.db, c.var.ctx, c.req.valid("param").insee, c.req.valid("json").zones), 200));
