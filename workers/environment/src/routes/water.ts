/** Drinking water: the public page's data per commune, and the Hub'Eau import (agents). */
import { z } from "@hono/zod-openapi";
import { cacheFor, createRouter, defineRoute, invalid, unavailable } from "@communa/core";
import type { EnvironmentBindings } from "../env.ts";
import { m } from "../messages.fr.ts";
import { communeWater, territoryCommunes } from "../services/water.ts";
import { HubeauError } from "../services/hubeau.ts";
import { importWater, storeWater, type HubeauCommuneUdi, type HubeauResult } from "../services/water-import.ts";
import { listOwnSamples, OWN_REFERENCE, ownSamplesFromCsv, storeOwnSamples } from "../services/water-own.ts";
import { KEY_PARAMETERS } from "../parameters.ts";

const insee = z.string().regex(/^[0-9][0-9AB][0-9]{3}$/);
const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });

const flag = z.object({ code: z.string(), label: z.string() }).nullable();
const waterOut = z
  .object({
    insee: z.string(),
    year: z.number().int(),
    networkYear: z.number().int().nullable(),
    networks: z.array(z.object({ code: z.string(), name: z.string() })),
    latest: z
      .object({
        sampleCode: z.string(),
        sampledAt: z.string(),
        conclusion: z.string().nullable(),
        bacteriologicalLimits: flag,
        chemicalLimits: flag,
        bacteriologicalReferences: flag,
        chemicalReferences: flag,
        distributor: z.string().nullable(),
      })
      .nullable(),
    latestOwn: z
      .object({
        sampledAt: z.string(),
        conclusion: z.string().nullable(),
        results: z.array(z.object({ key: z.string(), value: z.number().nullable(), unit: z.string() })),
      })
      .nullable()
      .openapi({ description: "Le dernier contrôle de l’autosurveillance du service (à côté du contrôle sanitaire, jamais à sa place)" }),
    conformityCodes: z.array(z.object({ code: z.string(), label: z.string() })),
    history: z.array(
      z.object({
        key: z.string(),
        unit: z.string(),
        limit: z.number().nullable(),
        limitSource: z.string().nullable(),
        points: z.array(
          z.object({
            at: z.string(),
            source: z.string(),
            parameter: z.string(),
            value: z.number().nullable(),
            valueText: z.string().nullable(),
            unit: z.string().nullable(),
          }),
        ),
      }),
    ),
    samples: z.number().int(),
  })
  .openapi("EauPotableCommune");

const reportOut = z
  .object({
    networks: z.number().int(),
    samples: z.object({ inserted: z.number().int(), updated: z.number().int() }),
    results: z.object({ inserted: z.number().int(), updated: z.number().int() }),
    requests: z.number().int(),
  })
  .openapi("ImportEauPotable");

const commune = defineRoute({
  method: "get",
  path: "/water/communes/{insee}",
  operationId: "communeDrinkingWater",
  summary: "Eau potable d’une commune : réseau de l’année, dernier contrôle, historique des paramètres clés",
  tags: ["Eau potable"],
  requires: "public",
  request: { params: z.object({ insee }) },
  responses: { 200: json("Qualité de l’eau", waterOut) },
});

const day = z.iso.date();
const importRoute = defineRoute({
  method: "post",
  path: "/water/imports",
  operationId: "importDrinkingWater",
  summary: "Importer de Hub'Eau les réseaux d’une année et les résultats d’une période pour les communes du territoire",
  tags: ["Eau potable"],
  requires: "environment:write",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({ year: z.number().int().min(2000).max(2200), from: day, to: day, communes: z.array(insee).min(1).max(200).optional() })
            .strict()
            .openapi("ImportEauPotableSaisie"),
        },
      },
    },
  },
  responses: { 200: json("Compte rendu de l’import", reportOut) },
});

// Hub'Eau rows as an agent saved them (the `data` of each answer page): the fields the import reads
// are checked, the others kept out.
const udiRow = z.object({
  code_commune: insee,
  nom_commune: z.string().max(200),
  code_reseau: z.string().min(1).max(40),
  nom_reseau: z.string().max(300),
  annee: z.union([z.string(), z.number()]),
});
const flagValue = z.string().max(5).nullable().optional();
const resultRow = z.object({
  code_prelevement: z.string().min(1).max(40),
  code_commune: insee,
  date_prelevement: z.iso.datetime({ offset: true }),
  code_parametre: z.union([z.string().min(1).max(20), z.number().int()]),
  libelle_parametre: z.string().min(1).max(300),
  resultat_numerique: z.number().nullable().optional(),
  resultat_alphanumerique: z.string().max(60).nullable().optional(),
  libelle_unite: z.string().max(60).nullable().optional(),
  limite_qualite_parametre: z.string().max(200).nullable().optional(),
  reference_qualite_parametre: z.string().max(200).nullable().optional(),
  conclusion_conformite_prelevement: z.string().max(2000).nullable().optional(),
  conformite_limites_bact_prelevement: flagValue,
  conformite_limites_pc_prelevement: flagValue,
  conformite_references_bact_prelevement: flagValue,
  conformite_references_pc_prelevement: flagValue,
  nom_distributeur: z.string().max(300).nullable().optional(),
  reseaux: z
    .array(z.object({ code: z.string().max(40), nom: z.string().max(300).optional() }))
    .max(20)
    .nullable()
    .optional(),
});
const answersRoute = defineRoute({
  method: "post",
  path: "/water/imports/answers",
  operationId: "importDrinkingWaterAnswers",
  summary: "Importer des réponses Hub'Eau enregistrées (communes_udi et resultats_dis d’une année, en JSON)",
  tags: ["Eau potable"],
  requires: "environment:write",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({ year: z.number().int().min(2000).max(2200), communes_udi: z.array(udiRow).max(2000), resultats_dis: z.array(resultRow).max(20_000) })
            .openapi("ReponsesHubEauSaisie"),
        },
      },
    },
  },
  responses: { 200: json("Compte rendu de l’import", reportOut) },
});

// The service's own monitoring (« autosurveillance »): one sample from the back office's form, or a CSV.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const ownKeys = KEY_PARAMETERS.map((p) => p.key) as [string, ...string[]];
const ownSampleIn = z
  .object({
    reference: z
      .string()
      .trim()
      .refine((v) => OWN_REFERENCE.test(v), { message: m.ownReferenceField }),
    communeInsee: insee,
    sampledAt: z.string().refine((v) => ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v)), { message: m.ownDateField }),
    results: z
      .array(
        z
          .object({
            parameter: z.string().refine((v) => ownKeys.includes(v), { message: m.ownParameterField }),
            value: z.number().refine((v) => Number.isFinite(v) && v >= 0, { message: m.ownValueField }),
          })
          .strict(),
      )
      .min(1)
      .max(KEY_PARAMETERS.length)
      .refine((r) => new Set(r.map((x) => x.parameter)).size === r.length, { message: m.ownTwiceField }),
    conclusion: z.string().trim().max(500).nullable().optional(),
  })
  .strict()
  .openapi("AutosurveillanceSaisie");
const ownReport = z.object({ samples: z.number().int(), results: z.number().int() }).openapi("AutosurveillanceCompteRendu");
const ownCreate = defineRoute({
  method: "post",
  path: "/water/own-samples",
  operationId: "recordOwnWaterSample",
  summary: "Enregistrer un contrôle de l’autosurveillance du service (ou le corriger : même référence)",
  tags: ["Eau potable"],
  requires: "environment:write",
  request: { body: { required: true, content: { "application/json": { schema: ownSampleIn } } } },
  responses: { 200: json("Compte rendu", ownReport) },
});
const ownImport = defineRoute({
  method: "post",
  path: "/water/own-samples/import",
  operationId: "importOwnWaterSamples",
  summary: "Importer l’autosurveillance en CSV (reference, commune, date, parametre, valeur[, conclusion]), tout ou rien",
  tags: ["Eau potable"],
  requires: "environment:write",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({ csv: z.string().min(1).max(2_000_000) })
            .strict()
            .openapi("AutosurveillanceFichier"),
        },
      },
    },
  },
  responses: { 200: json("Compte rendu", ownReport) },
});
const ownList = defineRoute({
  method: "get",
  path: "/water/own-samples",
  operationId: "listOwnWaterSamples",
  summary: "Les contrôles de l’autosurveillance, les plus récents d’abord",
  tags: ["Eau potable"],
  requires: "environment:read",
  request: { query: z.object({ commune: insee.optional() }) },
  responses: {
    200: json(
      "Contrôles",
      z.object({
        samples: z.array(
          z.object({
            reference: z.string(),
            communeInsee: z.string(),
            sampledAt: z.string(),
            conclusion: z.string().nullable(),
            results: z.array(z.object({ parameter: z.string(), value: z.number().nullable(), unit: z.string().nullable() })),
          }),
        ),
      }),
    ),
  },
});

export const waterRoutes = createRouter<EnvironmentBindings>()
  .openapi(commune, async (c) => c.json(await communeWater({ db: c.var.db, ctx: c.var.ctx, insee: c.req.valid("param").insee }), 200, cacheFor(c.var.ctx)))
  .openapi(ownList, async (c) =>
    c.json({ samples: await listOwnSamples(c.var.db, c.var.ctx, c.req.valid("query").commune) }, 200, { "cache-control": "no-store" }),
  )
  .openapi(ownCreate, async (c) => {
    const sample = c.req.valid("json") as Parameters<typeof storeOwnSamples>[2][number];
    const communes = new Set(await territoryCommunes(c.var.db, c.var.ctx));
    return c.json(await storeOwnSamples(c.var.db, c.var.ctx, [sample], { communes }), 200, { "cache-control": "no-store" });
  })
  .openapi(ownImport, async (c) => {
    const samples = ownSamplesFromCsv(c.req.valid("json").csv);
    const communes = new Set(await territoryCommunes(c.var.db, c.var.ctx));
    return c.json(
      await storeOwnSamples(c.var.db, c.var.ctx, samples, {
        communes,
        // A CSV's problem is named by the line the sample was read from.
        problemOf: (i, _field, message) => ({ path: `body/csv/${samples[i].line}`, message: m.csvLine(samples[i].line!, message) }),
      }),
      200,
      { "cache-control": "no-store" },
    );
  })
  .openapi(answersRoute, async (c) => {
    const body = c.req.valid("json");
    const own = new Set(await territoryCommunes(c.var.db, c.var.ctx));
    const outside = [
      ...body.communes_udi.map((r, i) => [`communes_udi/${i}`, r.code_commune]),
      ...body.resultats_dis.map((r, i) => [`resultats_dis/${i}`, r.code_commune]),
    ].find(([, code]) => !own.has(code));
    if (outside) throw invalid(undefined, [{ path: `body/${outside[0]}/code_commune`, message: m.noCommune(outside[1]) }]);
    const report = await storeWater(c.var.db, c.var.ctx, body.year, {
      networks: body.communes_udi as HubeauCommuneUdi[],
      results: body.resultats_dis as HubeauResult[],
    });
    return c.json(report, 200, { "cache-control": "no-store" });
  })
  .openapi(importRoute, async (c) => {
    const body = c.req.valid("json");
    if (body.to < body.from) throw invalid(undefined, [{ path: "body/to", message: m.periodOrder }]);
    if (Date.parse(body.to) - Date.parse(body.from) > 10 * 366 * 86_400_000) throw invalid(undefined, [{ path: "body/to", message: m.periodTooLong }]);
    const list = body.communes ?? (await territoryCommunes(c.var.db, c.var.ctx));
    const own = new Set(await territoryCommunes(c.var.db, c.var.ctx));
    const outside = list.findIndex((i) => !own.has(i));
    if (outside >= 0) throw invalid(undefined, [{ path: `body/communes/${outside}`, message: m.noCommune(list[outside]) }]);
    try {
      const report = await importWater(
        { db: c.var.db, ctx: c.var.ctx, hubeau: { baseUrl: c.env.HUBEAU_BASE_URL, fetch: (r) => fetch(r) } },
        { communes: list, year: body.year, from: body.from, to: body.to },
      );
      return c.json(report, 200, { "cache-control": "no-store" });
    } catch (err) {
      if (err instanceof HubeauError) throw unavailable(m.hubeauFailed(err.message), err);
      throw err;
    }
  });
