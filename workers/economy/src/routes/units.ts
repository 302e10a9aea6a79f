import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute, parisDay } from "@communa/core";
import type { EconomyBindings } from "../env.ts";
import { addOccupancy, addOwner, createUnit, declareDisuse, endOccupancy, listOwners, updateUnit } from "../services/units.ts";
import { createEstablishment, getEstablishment } from "../services/establishments.ts";
import {
  developmentStage,
  geocoding,
  hectares,
  insee,
  isoDay,
  json,
  landControl,
  landUse,
  multiPoint,
  nafVersion,
  noStore,
  occupancyState,
  ok,
  optText,
  parcel,
  saleStage,
  siteParam,
  surface,
  text,
  unitParam,
  workforceCode,
} from "./schemas.ts";

const unitFields = {
  parcels: z.array(parcel).min(1).max(200),
  grossHa: hectares.positive(),
  useful: z.boolean().optional(),
  landControl,
  developmentStage,
  saleStage,
  occupancyState,
  use: landUse,
  cartofrichesUrl: z.url().max(300).nullable().optional(),
  turnkey: z.boolean().nullable().optional(),
  priceM2Cents: z.number().int().min(0).max(10_000_000).nullable().optional(),
  geometry: surface,
};
/** What a correction may change on a unit (also the body of a consultation reply's `changes`). */
export const unitChanges = z.object(unitFields).partial().strict().openapi("UniteFonciereModification");

const addUnit = defineRoute({
  method: "post",
  path: "/zones/{siteId}/units",
  operationId: "createLandUnit",
  summary: "Ajouter une unité foncière (terrain CNIG) : parcelles cadastrales, surface en hectares, stades, état d’occupation",
  requires: "economy:write",
  request: {
    params: siteParam,
    body: json(
      z
        .object({ code: z.string().max(24).optional(), identifiedOn: isoDay, ...unitFields })
        .strict()
        .openapi("UniteFonciereSaisie"),
    ),
  },
  responses: { 201: ok("Unité foncière créée", z.object({ id: z.string(), code: z.string() })) },
});

const patchUnit = defineRoute({
  method: "patch",
  path: "/units/{unitId}",
  operationId: "updateLandUnit",
  summary: "Modifier une unité foncière (vente, correction, nouvel état)",
  requires: "economy:write",
  request: { params: unitParam, body: json(unitChanges) },
  responses: { 200: ok("Unité foncière modifiée", z.object({ id: z.string(), code: z.string(), changed: z.array(z.string()) })) },
});

const disuse = defineRoute({
  method: "put",
  path: "/units/{unitId}/disuse",
  operationId: "declareLandUnitDisuse",
  summary: "Déclarer depuis quand l’unité n’est plus utilisée (visite de terrain, déclaration du propriétaire)",
  requires: "economy:write",
  request: {
    params: unitParam,
    body: json(
      z.object({ disusedSince: isoDay.nullable(), evidence: z.enum(["field_visit", "owner_statement"]), evidenceOn: isoDay, note: optText(500) }).strict(),
    ),
  },
  responses: { 200: ok("Déclaration enregistrée", z.object({ id: z.string(), code: z.string(), disusedSince: z.string().nullable() })) },
});

const occupy = defineRoute({
  method: "post",
  path: "/units/{unitId}/occupancies",
  operationId: "addLandUnitOccupancy",
  summary: "Enregistrer une occupation de l’unité (occupant, activité assujettie ou non à la CFE, dates)",
  requires: "economy:write",
  request: {
    params: unitParam,
    body: json(
      z
        .object({ occupant: text(200), establishmentId: z.uuid().optional(), cfeLiable: z.boolean(), startedOn: isoDay, endedOn: isoDay.nullable().optional() })
        .strict()
        .openapi("OccupationSaisie"),
    ),
  },
  responses: { 201: ok("Occupation enregistrée", z.object({ id: z.string() })) },
});

const leave = defineRoute({
  method: "post",
  path: "/units/{unitId}/occupancies/{occupancyId}/end",
  operationId: "endLandUnitOccupancy",
  summary: "Clore une occupation (dernier jour d’utilisation)",
  requires: "economy:write",
  request: { params: z.object({ unitId: z.uuid(), occupancyId: z.uuid() }), body: json(z.object({ endedOn: isoDay }).strict()) },
  responses: { 200: ok("Occupation close", z.object({ id: z.string(), endedOn: z.string() })) },
});

const ownerOut = z.object({
  id: z.string(),
  kind: z.enum(["natural_person", "legal_person"]),
  name: z.string(),
  siren: z.string().nullable(),
  address: z.string(),
  since: z.string().nullable(),
  until: z.string().nullable(),
});

const addOwnerRoute = defineRoute({
  method: "post",
  path: "/units/{unitId}/owners",
  operationId: "addLandUnitOwner",
  summary: "Enregistrer un propriétaire (donnée restreinte ; « remplace » clôt les propriétaires précédents à la date donnée)",
  requires: "economy:write",
  request: {
    params: unitParam,
    body: json(
      z
        .object({
          kind: z.enum(["natural_person", "legal_person"]),
          name: text(200),
          siren: z
            .string()
            .regex(/^\d{9}$/)
            .optional(),
          address: text(300),
          since: isoDay.optional(),
          replace: z.boolean().optional(),
        })
        .strict()
        .openapi("ProprietaireSaisie"),
    ),
  },
  responses: { 201: ok("Propriétaire enregistré", z.object({ id: z.string() })) },
});

const owners = defineRoute({
  method: "get",
  path: "/units/{unitId}/owners",
  operationId: "listLandUnitOwners",
  summary: "Propriétaires d’une unité foncière (données personnelles : chaque consultation est journalisée)",
  requires: "economy:read",
  request: { params: unitParam },
  responses: { 200: ok("Propriétaires", z.object({ unit: z.string(), owners: z.array(ownerOut) })) },
});

const establishmentOut = z
  .object({
    id: z.string(),
    siret: z.string(),
    legalName: z.string(),
    name: z.string(),
    legalCategory: z.string(),
    naf: z.object({ code: z.string(), version: z.string(), label: z.string() }),
    workforce: z.object({ code: z.string(), year: z.number().int(), min: z.number().int(), max: z.number().int().nullable(), text: z.string() }),
    createdOn: z.string(),
    closedOn: z.string().nullable(),
    units: z.array(z.string()),
  })
  .openapi("Etablissement");

const addEstablishment = defineRoute({
  method: "post",
  path: "/establishments",
  operationId: "createEstablishment",
  summary: "Enregistrer un établissement (SIRET contrôlé, code NAF et sa version, tranche d’effectif SIRENE et son année) sur une ou plusieurs unités",
  requires: "economy:write",
  request: {
    body: json(
      z
        .object({
          siret: z.string().max(20),
          legalName: text(200),
          name: text(200),
          legalCategory: z.string().regex(/^\d{4}$/),
          naf: z.object({ code: z.string().max(6), version: nafVersion, label: text(200) }).strict(),
          workforce: z.object({ code: workforceCode, year: z.number().int().min(1970).max(2200) }).strict(),
          headOffice: z.boolean().optional(),
          createdOn: isoDay,
          identifiedOn: isoDay,
          closedOn: isoDay.nullable().optional(),
          communeInsee: insee,
          address: optText(300),
          source: text(200),
          geocoding,
          points: multiPoint,
          publicDiffusion: z.boolean().optional(),
          unitIds: z.array(z.uuid()).min(1).max(50),
        })
        .strict()
        .openapi("EtablissementSaisie"),
    ),
  },
  responses: { 201: ok("Établissement enregistré", establishmentOut) },
});

const oneEstablishment = defineRoute({
  method: "get",
  path: "/establishments/{establishmentId}",
  operationId: "getEstablishment",
  summary: "Un établissement : activité, tranche d’effectif (fourchette, jamais un effectif exact), unités occupées",
  requires: "economy:read",
  request: { params: z.object({ establishmentId: z.uuid() }) },
  responses: { 200: ok("Établissement", establishmentOut) },
});

export const unitRoutes = createRouter<EconomyBindings>()
  .openapi(addUnit, async (c) =>
    c.json(await createUnit({ db: c.var.db, ctx: c.var.ctx, siteId: c.req.valid("param").siteId, input: c.req.valid("json") }), 201),
  )
  .openapi(patchUnit, async (c) =>
    c.json(await updateUnit({ db: c.var.db, ctx: c.var.ctx, unitId: c.req.valid("param").unitId, changes: c.req.valid("json"), on: parisDay() }), 200),
  )
  .openapi(disuse, async (c) =>
    c.json(await declareDisuse({ db: c.var.db, ctx: c.var.ctx, unitId: c.req.valid("param").unitId, input: c.req.valid("json") }), 200),
  )
  .openapi(occupy, async (c) =>
    c.json(await addOccupancy({ db: c.var.db, ctx: c.var.ctx, unitId: c.req.valid("param").unitId, input: c.req.valid("json") }), 201),
  )
  .openapi(leave, async (c) => {
    const p = c.req.valid("param");
    return c.json(
      await endOccupancy({ db: c.var.db, ctx: c.var.ctx, unitId: p.unitId, occupancyId: p.occupancyId, endedOn: c.req.valid("json").endedOn }),
      200,
    );
  })
  .openapi(addOwnerRoute, async (c) => {
    const { replace, ...input } = c.req.valid("json");
    return c.json(await addOwner({ db: c.var.db, ctx: c.var.ctx, unitId: c.req.valid("param").unitId, input, replace: replace ?? false }), 201);
  })
  .openapi(owners, async (c) => c.json(await listOwners({ db: c.var.db, ctx: c.var.ctx, unitId: c.req.valid("param").unitId }), 200, noStore))
  .openapi(addEstablishment, async (c) => c.json(await createEstablishment({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(oneEstablishment, async (c) =>
    c.json(await getEstablishment({ db: c.var.db, ctx: c.var.ctx, establishmentId: c.req.valid("param").establishmentId }), 200, noStore),
  );
