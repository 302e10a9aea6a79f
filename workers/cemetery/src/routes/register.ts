import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { CemeteryBindings } from "../env.ts";
import { createCemetery, createPlot, getPlot, getSettings, listCemeteries, listPlots, listTariffs, saveSettings, saveTariff } from "../services/register.ts";
import { importRegister } from "../services/import.ts";
import { parameterTable } from "../services/legal-parameters.ts";
import { category, deceasedOut, isoDay, json, noStore, ok, optText, places, plotType, polygon, text } from "./schemas.ts";

const cemeteryOut = z
  .object({ id: z.string(), name: z.string(), address: z.string(), planWidth: z.number().int(), planHeight: z.number().int(), fictional: z.boolean() })
  .openapi("Cimetiere");
const cemeteryParam = z.object({ cemeteryId: z.uuid() });

const listCem = defineRoute({
  method: "get",
  path: "/cemeteries",
  operationId: "listCemeteries",
  summary: "Cimetières de la commune",
  requires: "cemetery:read",
  responses: { 200: ok("Cimetières", z.object({ cemeteries: z.array(cemeteryOut) })) },
});

const createCem = defineRoute({
  method: "post",
  path: "/cemeteries",
  operationId: "createCemetery",
  summary: "Créer un cimetière",
  requires: "cemetery:write",
  request: {
    body: json(
      z
        .object({
          name: text(120),
          address: optText(300),
          planWidth: z.number().int().min(100).max(20000).optional(),
          planHeight: z.number().int().min(100).max(20000).optional(),
        })
        .strict(),
    ),
  },
  responses: { 201: ok("Cimetière créé", cemeteryOut) },
});

const plotOut = z
  .object({
    id: z.string(),
    section: z.string(),
    row: z.string(),
    number: z.string(),
    type: plotType,
    x: z.number().nullable(),
    y: z.number().nullable(),
    geometry: z.object({}).passthrough().nullable(),
    surfaceM2: z.number().nullable(),
    places,
    concession: z.object({ id: z.string(), category, actNumber: z.string() }).nullable(),
  })
  .openapi("Emplacement");

const listPl = defineRoute({
  method: "get",
  path: "/cemeteries/{cemeteryId}/plots",
  operationId: "listPlots",
  summary: "Emplacements d’un cimetière, avec places restantes et concession en cours (liste et plan)",
  requires: "cemetery:read",
  request: { params: cemeteryParam },
  responses: { 200: ok("Emplacements", z.object({ cemetery: cemeteryOut, plots: z.array(plotOut) })) },
});

const plotInput = z
  .object({
    section: text(20),
    row: z.string().trim().max(20).optional(),
    number: text(20),
    type: plotType,
    capacity: z.number().min(0).max(50).multipleOf(0.1),
    surfaceM2: z.number().min(0).max(100).nullable().optional(),
    x: z.number().min(0).max(20000).nullable().optional(),
    y: z.number().min(0).max(20000).nullable().optional(),
    geometry: polygon.nullable().optional(),
  })
  .strict()
  .openapi("EmplacementSaisie");

const createPl = defineRoute({
  method: "post",
  path: "/cemeteries/{cemeteryId}/plots",
  operationId: "createPlot",
  summary: "Ajouter un emplacement (position sur le plan ou contour GeoJSON)",
  requires: "cemetery:write",
  request: { params: cemeteryParam, body: json(plotInput) },
  responses: { 201: ok("Emplacement créé", z.object({ id: z.string() })) },
});

const importPl = defineRoute({
  method: "post",
  path: "/cemeteries/{cemeteryId}/import",
  operationId: "importCemeteryRegister",
  summary: "Importer un registre existant (CSV : une ligne par emplacement, concession et défunt)",
  description:
    "Tout ou rien : chaque ligne est vérifiée avant enregistrement ; une seule erreur refuse le fichier et la réponse liste les lignes en cause. Colonnes : carre, rangee, numero, type, places, x, y, surface, categorie, duree, acte, date_acte, prix, titulaire, defunt_nom, defunt_prenom, date_deces, date_inhumation.",
  requires: "cemetery:write",
  request: { params: cemeteryParam, body: { required: true, content: { "text/plain": { schema: z.string().max(2_000_000) } } } },
  responses: { 200: ok("Registre importé", z.object({ plots: z.number().int(), concessions: z.number().int(), deceased: z.number().int() })) },
});

const onePlot = defineRoute({
  method: "get",
  path: "/plots/{plotId}",
  operationId: "getPlot",
  summary: "Un emplacement : occupation, défunts, concessions successives",
  requires: "cemetery:read",
  request: { params: z.object({ plotId: z.uuid() }) },
  responses: {
    200: ok(
      "Emplacement",
      z.object({
        id: z.string(),
        cemeteryId: z.string(),
        section: z.string(),
        row: z.string(),
        number: z.string(),
        type: plotType,
        x: z.number().nullable(),
        y: z.number().nullable(),
        surfaceM2: z.number().nullable(),
        places,
        deceased: z.array(deceasedOut),
        concessions: z.array(z.object({ id: z.string(), category, status: z.string(), actNumber: z.string(), startsOn: z.string() })),
      }),
    ),
  },
});

const tariffOut = z
  .object({
    id: z.string(),
    category,
    durationYears: z.number().int().nullable(),
    priceCents: z.number().int(),
    extraM2Cents: z.number().int(),
    validFrom: z.string(),
    deliberation: z.string(),
  })
  .openapi("TarifConcession");

const listTar = defineRoute({
  method: "get",
  path: "/tariffs",
  operationId: "listCemeteryTariffs",
  summary: "Grille tarifaire des concessions votée par le conseil",
  requires: "cemetery:read",
  responses: { 200: ok("Tarifs", z.object({ tariffs: z.array(tariffOut) })) },
});

const saveTar = defineRoute({
  method: "post",
  path: "/tariffs",
  operationId: "saveCemeteryTariff",
  summary: "Ajouter un tarif à la grille (catégorie, durée, prix, progression au-delà de 2 m², délibération)",
  requires: "cemetery:write",
  request: {
    body: json(
      z
        .object({
          category,
          durationYears: z.number().int().min(1).max(50).nullable(),
          priceCents: z.number().int().min(0).max(100_000_000),
          extraM2Cents: z.number().int().min(0).max(10_000_000).optional(),
          validFrom: isoDay,
          deliberation: text(200),
        })
        .strict(),
    ),
  },
  responses: { 201: ok("Tarif enregistré", tariffOut) },
});

const settingsBody = z
  .object({
    coffinTenths: z.number().int().min(1).max(100),
    urnTenths: z.number().int().min(1).max(100),
    reductionTenths: z.number().int().min(1).max(100),
    reductionAfterYears: z.number().int().min(0).max(50),
    publicSearch: z.boolean(),
  })
  .strict()
  .openapi("ParametresCimetiere");

const getSet = defineRoute({
  method: "get",
  path: "/settings",
  operationId: "getCemeterySettings",
  summary: "Paramètres de la commune (tailles en dixièmes de place, délai de réduction, recherche publique)",
  requires: "cemetery:read",
  responses: { 200: ok("Paramètres", settingsBody) },
});

const putSet = defineRoute({
  method: "put",
  path: "/settings",
  operationId: "saveCemeterySettings",
  summary: "Modifier les paramètres de la commune",
  requires: "cemetery:write",
  request: { body: json(settingsBody) },
  responses: { 200: ok("Paramètres enregistrés", settingsBody) },
});

const legal = defineRoute({
  method: "get",
  path: "/legal-parameters",
  operationId: "listCemeteryLegalParameters",
  summary: "Délais légaux utilisés par le module, datés, avec leur source",
  requires: "cemetery:read",
  responses: {
    200: ok(
      "Paramètres légaux",
      z.object({ parameters: z.array(z.object({ rule: z.string(), value: z.unknown(), validFrom: z.string(), source: z.string(), verified: z.boolean() })) }),
    ),
  },
});

export const registerRoutes = createRouter<CemeteryBindings>()
  .openapi(listCem, async (c) => c.json({ cemeteries: await listCemeteries({ db: c.var.db, ctx: c.var.ctx }) }, 200, noStore))
  .openapi(createCem, async (c) => c.json(await createCemetery({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(listPl, async (c) => c.json(await listPlots({ db: c.var.db, ctx: c.var.ctx, cemeteryId: c.req.valid("param").cemeteryId }), 200, noStore))
  .openapi(createPl, async (c) =>
    c.json(await createPlot({ db: c.var.db, ctx: c.var.ctx, cemeteryId: c.req.valid("param").cemeteryId, input: c.req.valid("json") }), 201),
  )
  .openapi(importPl, async (c) =>
    c.json(await importRegister({ db: c.var.db, ctx: c.var.ctx, cemeteryId: c.req.valid("param").cemeteryId, text: await c.req.text() }), 200),
  )
  .openapi(onePlot, async (c) => c.json(await getPlot({ db: c.var.db, ctx: c.var.ctx, plotId: c.req.valid("param").plotId }), 200, noStore))
  .openapi(listTar, async (c) => c.json({ tariffs: await listTariffs({ db: c.var.db, ctx: c.var.ctx }) }, 200, noStore))
  .openapi(saveTar, async (c) => c.json(await saveTariff({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(getSet, async (c) => c.json(await getSettings({ db: c.var.db, ctx: c.var.ctx }), 200, noStore))
  .openapi(putSet, async (c) => c.json(await saveSettings({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 200))
  .openapi(legal, async (c) => c.json({ parameters: parameterTable() }, 200));
