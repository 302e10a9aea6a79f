/**
 * What the waste API answers (response schemas of the OpenAPI document): the back office reads
 * them through the typed client (ADR 0026), so each answer is declared as the services build it
 * rather than as a bare object the pages would have to cast.
 */
import { z } from "@hono/zod-openapi";
import { STREAMS } from "../services/billing-core.ts";

const stream = z.enum(STREAMS);
const kind = z.enum(["deliver", "repair", "replace", "remove"]);
const status = z.enum(["requested", "scheduled", "done", "cancelled"]);

export const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });

/** services/interventions.ts view. */
export const interventionOut = z
  .object({
    id: z.string(),
    reference: z.string(),
    kind,
    status,
    premisesId: z.string().nullable(),
    address: z.string().nullable(),
    binId: z.string().nullable(),
    stream: stream.nullable(),
    description: z.string().nullable(),
    requestedBy: z.string().nullable(),
    assignedToPersonId: z.string().nullable(),
    scheduledFor: z.string().nullable(),
    outcome: z.string().nullable(),
    completedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("InterventionDechets");

/** services/checks.ts view. */
export const checkOut = z
  .object({
    id: z.string(),
    binId: z.string(),
    checkedAt: z.string(),
    grade: z.string(),
    findings: z.array(z.string()),
    note: z.string().nullable(),
    hasPhoto: z.boolean(),
  })
  .openapi("ControleBac");

export const checkListed = checkOut.extend({ chipId: z.string().nullable(), stream }).openapi("ControleBacListe");

const month = z.object({ month: z.string(), checks: z.number().int(), worstGrade: z.string().nullable(), errors: z.number().int() });

export const sortingOut = z
  .object({
    checks: z.array(checkOut),
    events: z.array(z.object({ binId: z.string(), observedAt: z.string(), category: z.string(), confidence: z.number() })),
    months: z.array(month),
  })
  .openapi("HistoriqueTri");

export const chipHistoryOut = z.object({
  history: z.array(
    z.object({
      chipId: z.string().nullable(),
      binId: z.string(),
      assignedAt: z.string(),
      unassignedAt: z.string().nullable(),
      reason: z.string(),
      by: z.string().nullable(),
    }),
  ),
});

export const stockOut = z
  .object({
    depots: z.array(z.object({ id: z.string(), name: z.string(), address: z.string().nullable() })),
    items: z.array(z.object({ id: z.string(), code: z.string(), label: z.string(), kind: z.string() })),
    levels: z.array(
      z.object({
        depotId: z.string(),
        depot: z.string(),
        itemId: z.string(),
        code: z.string(),
        label: z.string(),
        kind: z.string(),
        quantity: z.number().int(),
        reorderThreshold: z.number().int(),
        alert: z.boolean(),
      }),
    ),
  })
  .openapi("StockDechets");

/** services/tariffs.ts TariffView. */
export const tariffOut = z
  .object({
    id: z.string(),
    year: z.number().int(),
    regime: z.enum(["teomi", "reomi"]),
    basis: z.enum(["lifts", "volume", "weight"]),
    fixedRateMillionths: z.number().int().nullable().optional(),
    fixedFeeCents: z.number().int().nullable().optional(),
    rates: z.partialRecord(stream, z.number().int()),
    deliberation: z.string().nullable(),
    votedOn: z.string().nullable(),
  })
  .openapi("TarifDechets");

export const tariffCheckOut = z.object({
  year: z.number().int(),
  premisesCount: z.number().int(),
  fixedTotalCents: z.number().int(),
  incentiveTotalCents: z.number().int(),
  shareMillionths: z.number().int(),
  withinLimits: z.boolean(),
  message: z.string(),
});

/** services/billing.ts runView. */
export const runOut = z
  .object({
    id: z.string(),
    year: z.number().int(),
    fixedTotalCents: z.number().int(),
    incentiveTotalCents: z.number().int(),
    incentiveShareMillionths: z.number().int(),
    shareWithinLimits: z.boolean(),
    premisesCount: z.number().int(),
    createdAt: z.string(),
    derogation: z.object({ deliberation: z.string(), votedOn: z.string() }).nullable(),
    warning: z.string().nullable(),
  })
  .openapi("FacturationDechets");

export const runLinesOut = z.object({
  run: runOut,
  lines: z.array(
    z.object({
      premisesId: z.string(),
      reference: z.string(),
      invariant: z.string().nullable(),
      address: z.string(),
      communeInsee: z.string(),
      rentalValueCents: z.number().int(),
      fixedCents: z.number().int(),
      incentiveCents: z.number().int(),
      exempt: z.boolean(),
    }),
  ),
});

const residentIntervention = z.object({
  reference: z.string(),
  kind,
  status,
  scheduledFor: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});

/** services/resident.ts residentOverview. */
export const residentOut = z
  .object({
    year: z.number().int(),
    premises: z.array(
      z.object({
        id: z.string(),
        reference: z.string(),
        address: z.string(),
        postcode: z.string(),
        bins: z.array(
          z.object({
            id: z.string(),
            chipId: z.string().nullable(),
            stream,
            volumeLitres: z.number().int(),
            status: z.string(),
            collective: z.boolean(),
            sharedWith: z.number().int(),
            liftsThisYear: z.number().int(),
            lastLift: z.string().nullable(),
          }),
        ),
        sorting: z.object({
          months: z.array(month),
          checks: z.array(z.object({ checkedAt: z.string(), grade: z.string(), findings: z.array(z.string()) })),
          events: z.array(z.object({ observedAt: z.string(), category: z.string() })),
        }),
        estimate: z
          .object({
            taxYear: z.number().int(),
            tariffYear: z.number().int(),
            basis: z.string(),
            regime: z.string(),
            incentiveCents: z.number().int(),
            fixedCents: z.number().int(),
            exempt: z.boolean(),
          })
          .nullable(),
        statements: z.array(z.object({ runId: z.string(), year: z.number().int(), totalCents: z.number().int() })),
      }),
    ),
    interventions: z.array(residentIntervention).optional(),
  })
  .openapi("MesDechets");

export const residentRequestOut = z.object({ reference: z.string(), kind, status });
