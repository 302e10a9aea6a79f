/** Energy of public buildings: buildings and meters, invoice imports, trajectory, OPERAT CSV (the service's agents). */
import { z } from "@hono/zod-openapi";
import { ENERGIES } from "@communa/db";
import { createRouter, defineRoute, parisDay } from "@communa/core";
import { hoursError } from "@communa/core/hours";
import { m } from "../messages.fr.ts";
import type { EnvironmentBindings } from "../env.ts";
import { inForce, NIGHT_BASE_LOAD_RATIO, REFERENCE_YEARS } from "../parameters.ts";
import {
  buildingConsumption,
  buildingTrajectory,
  handleEnergyAlert,
  importInvoices,
  importLoadCurve,
  listBuildings,
  listEnergyAlerts,
  operatCsv,
  portfolioConsumption,
  saveBuilding,
} from "../services/energy.ts";
import { bookingRooms, buildingHeatingProgramme, checkOutsideBookings, checkRooms, programmeToCsv } from "../services/pilotage.ts";

const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });
const noStore = { "cache-control": "no-store" };

/** A CSV file sent as JSON (`{ csv }`), named in the API document. */
const csvBody = (name: string, max: number) => ({
  required: true,
  content: {
    "application/json": {
      schema: z
        .object({ csv: z.string().min(1).max(max) })
        .strict()
        .openapi(name),
    },
  },
});

const setpoint = (message: string) => z.number().refine((v) => v >= 5 && v <= 25, { message });
/** The heating schedule: occupied hours (an opening_hours rule), setpoints, pre-heating lead. */
const heatingIn = z
  .object({
    hours: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .superRefine((v, ctx) => {
        const problem = hoursError(v);
        if (problem) ctx.addIssue({ code: "custom", message: m.heatingHours(problem) });
      }),
    comfortC: setpoint(m.setpoint),
    reducedC: setpoint(m.setpoint),
    preheatMinutes: z
      .number()
      .int()
      .refine((v) => v >= 0 && v <= 240, { message: m.preheat }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.reducedC > v.comfortC) ctx.addIssue({ code: "custom", path: ["reducedC"], message: m.reducedAboveComfort });
  })
  .openapi("ProgrammeChauffageSaisie");

const buildingIn = z
  .object({
    reference: z.string().trim().min(1).max(40),
    name: z.string().trim().min(1).max(200),
    communeInsee: z
      .string()
      .regex(/^[0-9][0-9AB][0-9]{3}$/)
      .nullable()
      .optional(),
    floorAreaM2: z.number().int().min(1).max(1_000_000),
    activity: z.string().trim().min(1).max(100),
    referenceYear: z.number().int().min(REFERENCE_YEARS.from).max(REFERENCE_YEARS.to).nullable().optional(),
    meters: z
      .array(
        z
          .object({
            energy: z.enum(ENERGIES),
            deliveryPoint: z.string().trim().min(1).max(40),
            /** A meter device of the tenant (its id in the registry), whose power readings become load points. */
            deviceId: z.string().trim().min(1).max(64).nullable().optional(),
            stepMinutes: z.number().int().min(1).max(60).optional(),
          })
          .strict(),
      )
      .max(20)
      .optional(),
    bookingResourceIds: z.array(z.uuid()).max(50).optional(),
    heating: heatingIn.nullable().optional(),
  })
  .strict()
  .openapi("BatimentSaisie");
const buildingOut = z
  .object({
    id: z.string(),
    reference: z.string(),
    name: z.string(),
    communeInsee: z.string().nullable(),
    floorAreaM2: z.number().int(),
    activity: z.string(),
    referenceYear: z.number().int().nullable(),
    inScope: z.boolean(),
    meters: z.array(
      z.object({ id: z.string(), energy: z.string(), deliveryPoint: z.string(), deviceId: z.string().nullable(), stepMinutes: z.number().int() }),
    ),
    bookingResourceIds: z.array(z.string()),
    heating: z.object({ hours: z.string(), comfortC: z.number(), reducedC: z.number(), preheatMinutes: z.number().int() }).nullable(),
  })
  .openapi("Batiment");
const trajectoryOut = z
  .object({
    buildingId: z.string(),
    name: z.string(),
    referenceYear: z.number().int(),
    referenceKwh: z.number(),
    referenceComplete: z.boolean(),
    inScope: z.boolean(),
    targets: z.array(z.object({ year: z.number().int(), reduction: z.number(), maxKwh: z.number() })),
    years: z.array(z.object({ year: z.number().int(), kwh: z.number(), complete: z.boolean(), changePct: z.number() })),
    source: z.string(),
  })
  .openapi("TrajectoireDecretTertiaire");

const list = defineRoute({
  method: "get",
  path: "/energy/buildings",
  operationId: "listBuildings",
  summary: "Bâtiments publics et leurs compteurs",
  tags: ["Énergie"],
  requires: "environment:read",
  responses: { 200: json("Bâtiments", z.object({ buildings: z.array(buildingOut) }).openapi("Batiments")) },
});
const save = defineRoute({
  method: "post",
  path: "/energy/buildings",
  operationId: "saveBuilding",
  summary: "Créer ou mettre à jour un bâtiment (par sa référence) et ses compteurs",
  tags: ["Énergie"],
  requires: "environment:write",
  request: { body: { required: true, content: { "application/json": { schema: buildingIn } } } },
  responses: { 200: json("Bâtiment", buildingOut) },
});
const invoices = defineRoute({
  method: "post",
  path: "/energy/invoices",
  operationId: "importInvoices",
  summary: "Importer des relevés de factures (CSV : point_livraison;energie;debut;fin;kwh)",
  tags: ["Énergie"],
  requires: "environment:write",
  request: { body: csvBody("FacturesSaisie", 900_000) },
  responses: { 200: json("Compte rendu", z.object({ lines: z.number().int(), changed: z.number().int() }).openapi("ImportFactures")) },
});
const traj = defineRoute({
  method: "get",
  path: "/energy/buildings/{buildingId}/trajectory",
  operationId: "buildingTrajectory",
  summary: "Trajectoire du décret tertiaire d’un bâtiment (consommations brutes)",
  tags: ["Énergie"],
  requires: "environment:read",
  request: { params: z.object({ buildingId: z.uuid() }) },
  responses: { 200: json("Trajectoire", trajectoryOut) },
});
const operat = defineRoute({
  method: "get",
  path: "/energy/operat.csv",
  operationId: "operatWorkbook",
  summary: "Fichier annuel prêt pour OPERAT (CSV, colonnes documentées)",
  tags: ["Énergie"],
  requires: "environment:read",
  request: { query: z.object({ annee: z.coerce.number().int().min(2010).max(2100) }) },
  responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } } },
});

const consumptionOut = z
  .object({
    buildingId: z.string(),
    name: z.string(),
    months: z.array(z.object({ month: z.string(), byEnergy: z.record(z.string(), z.number()), kwh: z.number() })),
    years: z.array(z.object({ year: z.number().int(), kwh: z.number(), days: z.number().int() })),
    days: z.array(z.object({ day: z.string(), kwh: z.number(), minutes: z.number().int() })),
  })
  .openapi("ConsommationBatiment");
const portfolioOut = z
  .object({
    months: z.array(z.object({ month: z.string(), byEnergy: z.record(z.string(), z.number()), kwh: z.number() })),
    years: z.array(z.object({ year: z.number().int(), kwh: z.number() })),
    buildings: z.array(z.object({ buildingId: z.string(), name: z.string(), years: z.array(z.object({ year: z.number().int(), kwh: z.number() })) })),
  })
  .openapi("ConsommationPatrimoine");
const portfolio = defineRoute({
  method: "get",
  path: "/energy/portfolio",
  operationId: "portfolioConsumption",
  summary: "Consommation du patrimoine : tous les bâtiments par mois et par an (kWh bruts), et chaque bâtiment par an",
  tags: ["Énergie"],
  requires: "environment:read",
  responses: { 200: json("Consommation du patrimoine", portfolioOut) },
});
const consumption = defineRoute({
  method: "get",
  path: "/energy/buildings/{buildingId}/consumption",
  operationId: "buildingConsumption",
  summary: "Consommation d’un bâtiment par mois et par an (kWh bruts, par énergie)",
  tags: ["Énergie"],
  requires: "environment:read",
  request: { params: z.object({ buildingId: z.uuid() }) },
  responses: { 200: json("Consommation", consumptionOut) },
});
const loadCurve = defineRoute({
  method: "post",
  path: "/energy/load-curves/import",
  operationId: "importLoadCurve",
  summary: "Importer une courbe de charge (CSV : point_livraison;energie;horodatage;puissance_w;pas_minutes)",
  tags: ["Énergie"],
  requires: "environment:write",
  request: { body: csvBody("CourbeDeChargeSaisie", 3_000_000) },
  responses: {
    200: json("Compte rendu", z.object({ lines: z.number().int(), alertsOpened: z.number().int() }).openapi("ImportCourbeDeCharge")),
  },
});
const alertOut = z
  .object({
    id: z.string(),
    kind: z.string(),
    day: z.string(),
    buildingId: z.string(),
    buildingName: z.string(),
    energy: z.string(),
    deliveryPoint: z.string(),
    nightWatts: z.number(),
    dayWatts: z.number(),
    ratio: z.number(),
    periods: z.array(z.object({ from: z.string(), to: z.string(), watts: z.number() })),
    status: z.enum(["open", "done", "dismissed"]),
    note: z.string().nullable(),
    handledAt: z.string().nullable(),
  })
  .openapi("AlerteEnergie");
const alerts = defineRoute({
  method: "get",
  path: "/energy/alerts",
  operationId: "listEnergyAlerts",
  summary: "Alertes énergie (talon de nuit) : les demandes d’intervention",
  tags: ["Énergie"],
  requires: "environment:read",
  request: { query: z.object({ statut: z.enum(["open", "done", "dismissed"]).optional() }) },
  responses: {
    200: json(
      "Alertes, et le seuil en vigueur (part de la puissance de jour atteinte la nuit) avec sa source",
      z.object({ alerts: z.array(alertOut), ratio: z.number(), ratioSource: z.string() }).openapi("AlertesEnergie"),
    ),
  },
});
const handle = defineRoute({
  method: "patch",
  path: "/energy/alerts/{alertId}",
  operationId: "handleEnergyAlert",
  summary: "Traiter une alerte énergie (traitée, sans suite, ou rouverte), avec une note",
  tags: ["Énergie"],
  requires: "environment:write",
  request: {
    params: z.object({ alertId: z.uuid() }),
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({ status: z.enum(["open", "done", "dismissed"]), note: z.string().trim().max(1000).nullable().optional() })
            .strict()
            .openapi("AlerteEnergieTraitement"),
        },
      },
    },
  },
  responses: { 200: json("Alerte", alertOut) },
});

const rooms = defineRoute({
  method: "get",
  path: "/energy/booking-resources",
  operationId: "energyBookingResources",
  summary: "Salles et équipements du module Réservations qu’un bâtiment peut abriter",
  tags: ["Énergie"],
  requires: "environment:read",
  responses: {
    200: json("Salles", z.object({ resources: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })) }).openapi("SallesReservables")),
  },
});
const programmeQuery = z.object({
  du: z.iso.date().refine((v) => !Number.isNaN(Date.parse(v)), { message: m.programmeDay }),
  jours: z.coerce.number().int().min(1).max(31).default(7),
});
const programmeOut = z
  .object({
    buildingId: z.string(),
    name: z.string(),
    from: z.string(),
    to: z.string(),
    hours: z.string(),
    comfortC: z.number(),
    reducedC: z.number(),
    preheatMinutes: z.number().int(),
    periods: z.array(
      z.object({
        from: z.string(),
        to: z.string(),
        setpointC: z.number(),
        reason: z.enum(["horaire", "reservation", "reduit"]),
        references: z.array(z.string()),
      }),
    ),
  })
  .openapi("ProgrammeChauffage");
const programme = defineRoute({
  method: "get",
  path: "/energy/buildings/{buildingId}/heating-programme",
  operationId: "heatingProgramme",
  summary: "Programme de chauffage d’un bâtiment : confort pendant ses horaires et ses réservations (avec la mise en chauffe), réduit ailleurs",
  tags: ["Énergie"],
  requires: "environment:read",
  request: { params: z.object({ buildingId: z.uuid() }), query: programmeQuery },
  responses: { 200: json("Programme", programmeOut) },
});
const programmeCsv = defineRoute({
  method: "get",
  path: "/energy/buildings/{buildingId}/heating-programme.csv",
  operationId: "heatingProgrammeCsv",
  summary: "Le même programme en CSV pour les régulateurs (debut;fin;consigne_c;motif;reservations)",
  tags: ["Énergie"],
  requires: "environment:read",
  request: { params: z.object({ buildingId: z.uuid() }), query: programmeQuery },
  responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } } },
});

export const energyRoutes = createRouter<EnvironmentBindings>()
  .openapi(rooms, async (c) => c.json({ resources: await bookingRooms(c.var.ctx, c.env.BOOKING) }, 200, noStore))
  .openapi(programme, async (c) => {
    const q = c.req.valid("query");
    return c.json(await buildingHeatingProgramme(c.var.db, c.var.ctx, c.env.BOOKING, c.req.valid("param").buildingId, q.du, q.jours), 200, noStore);
  })
  .openapi(programmeCsv, async (c) => {
    const q = c.req.valid("query");
    const p = await buildingHeatingProgramme(c.var.db, c.var.ctx, c.env.BOOKING, c.req.valid("param").buildingId, q.du, q.jours);
    return new Response(programmeToCsv(p.periods), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="chauffage-${q.du}.csv"`, ...noStore },
    }) as never;
  })
  .openapi(list, async (c) => c.json({ buildings: await listBuildings(c.var.db, c.var.ctx) }, 200, noStore))
  .openapi(save, async (c) => {
    const input = c.req.valid("json");
    await checkRooms(c.var.ctx, c.env.BOOKING, input.bookingResourceIds);
    return c.json(await saveBuilding(c.var.db, c.var.ctx, input), 200);
  })
  .openapi(invoices, async (c) => c.json(await importInvoices(c.var.db, c.var.ctx, c.req.valid("json").csv), 200))
  .openapi(portfolio, async (c) => c.json(await portfolioConsumption(c.var.db, c.var.ctx), 200, noStore))
  .openapi(consumption, async (c) => c.json(await buildingConsumption(c.var.db, c.var.ctx, c.req.valid("param").buildingId), 200, noStore))
  .openapi(loadCurve, async (c) => {
    const { span, ...report } = await importLoadCurve(c.var.db, c.var.ctx, c.req.valid("json").csv);
    // The halls' days the curve covers, against their bookings (a second transaction: alerts are derived).
    const outside = span ? await checkOutsideBookings(c.var.db, c.var.ctx, c.env.BOOKING, span) : 0;
    return c.json({ ...report, alertsOpened: report.alertsOpened + outside }, 200);
  })
  .openapi(alerts, async (c) => {
    const rule = inForce(NIGHT_BASE_LOAD_RATIO, parisDay())!;
    return c.json(
      { alerts: await listEnergyAlerts(c.var.db, c.var.ctx, c.req.valid("query").statut), ratio: rule.value, ratioSource: rule.source },
      200,
      noStore,
    );
  })
  .openapi(handle, async (c) => c.json(await handleEnergyAlert(c.var.db, c.var.ctx, c.req.valid("param").alertId, c.req.valid("json")), 200))
  .openapi(traj, async (c) => c.json(await buildingTrajectory(c.var.db, c.var.ctx, c.req.valid("param").buildingId), 200, noStore))
  .openapi(operat, async (c) => {
    const year = c.req.valid("query").annee;
    return new Response(await operatCsv(c.var.db, c.var.ctx, year), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="operat-${year}.csv"`, ...noStore },
    }) as never;
  });
