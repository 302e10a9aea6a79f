/**
 * The `waste` domain, registry and management side (issue #8, ADR 0017): premises and their chipped
 * bins, chip assignment history, yearly tariffs of the incentive tax or fee (TEOMi / REOMi),
 * billing runs and their per-premises lines, stock per depot, technical interventions and bin checks.
 * Truck and camera events (lifts, sorting events) live in `waste-events.ts`.
 *
 * Data is owned by the tenant that runs the waste service (the EPCI in the Liancourtois); every
 * table is 'own' (RLS). Money is in integer cents, unit tariffs in micro-euros, volumes in litres,
 * weights in grams: no floating point in a bill.
 *
 * Retention (app.purge_waste_expired, migration waste_rls): premises and bins are kept while in the
 * registry (a closed premises 6 years after closing, the tax office's right of review); billing runs
 * 6 years; checks (and their photos) 3 years; interventions 5 years after completion; chip
 * assignment history 6 years after unassignment; idempotency keys 30 days.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns.ts";
import { people } from "./identity.ts";

// Public vocabularies: one list in the contracts package, used here for the columns' enums.
import { BIN_STATUSES, WASTE_STREAMS } from "@communa/contracts/waste";
export { BIN_STATUSES, WASTE_STREAMS };

/**
 * A premises (local) liable to the tax or fee: a dwelling or business address. The occupant is
 * linked only by person id, when a resident has claimed it (resident view); no name is stored here.
 */
export const wastePremises = pgTable(
  "waste_premises",
  {
    id: id(),
    tenantId: tenantId(),
    /** Human reference quoted on statements, e.g. "LOC-000123". Unique per tenant. */
    reference: text("reference").notNull(),
    /** Invariant number of the local in the land registry (MAJIC, 10 characters), for the tax role. */
    invariant: text("invariant"),
    address: text("address").notNull(),
    postcode: char("postcode", { length: 5 }).notNull(),
    communeInsee: char("commune_insee", { length: 5 }).notNull(),
    kind: text("kind", { enum: ["household", "business", "public"] })
      .notNull()
      .default("household"),
    /** Valeur locative (rental value, in cents) of the local: the tax base and the split key of shared bins. */
    rentalValueCents: bigint("rental_value_cents", { mode: "number" }).notNull(),
    /** First year the building was occupied (new buildings are exempt their first year). */
    firstOccupiedYear: integer("first_occupied_year"),
    occupantPersonId: uuid("occupant_person_id").references(() => people.id, { onDelete: "set null" }),
    closedAt: date("closed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("waste_premises_reference_unique").on(t.tenantId, t.reference),
    index("waste_premises_commune_idx").on(t.tenantId, t.communeInsee),
    index("waste_premises_occupant_idx").on(t.occupantPersonId),
    check("waste_premises_rental_value", sql`${t.rentalValueCents} >= 0`),
    check("waste_premises_insee", sql`${t.communeInsee} ~ '^[0-9][0-9AB][0-9]{3}$'`),
    check("waste_premises_invariant", sql`${t.invariant} IS NULL OR ${t.invariant} ~ '^[0-9A-Z]{10}$'`),
  ],
);

/** A depot holding containers and spare parts. */
export const wasteDepots = pgTable(
  "waste_depots",
  {
    id: id(),
    tenantId: tenantId(),
    name: text("name").notNull(),
    address: text("address").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [unique("waste_depots_name_unique").on(t.tenantId, t.name)],
);

/**
 * A bin (container). An individual bin belongs to one premises; a collective bin (`collective`) is
 * shared by the premises listed in `waste_bin_shares`. The chip (RFID, ISO 11784/11785 style) is
 * unique per tenant among bins in service.
 */
export const wasteBins = pgTable(
  "waste_bins",
  {
    id: id(),
    tenantId: tenantId(),
    chipId: text("chip_id"),
    stream: text("stream", { enum: WASTE_STREAMS }).notNull(),
    volumeLitres: integer("volume_litres").notNull(),
    status: text("status", { enum: BIN_STATUSES }).notNull().default("stock"),
    premisesId: uuid("premises_id").references(() => wastePremises.id, { onDelete: "set null" }),
    collective: boolean("collective").notNull().default(false),
    /** Depot where a bin in stock is kept. */
    depotId: uuid("depot_id").references(() => wasteDepots.id, { onDelete: "set null" }),
    note: text("note"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("waste_bins_chip_in_service").on(t.tenantId, t.chipId).where(sql`${t.status} = 'in_service' AND ${t.chipId} IS NOT NULL`),
    index("waste_bins_chip_idx").on(t.tenantId, t.chipId),
    index("waste_bins_premises_idx").on(t.premisesId),
    check("waste_bins_volume", sql`${t.volumeLitres} BETWEEN 10 AND 5000`),
    check("waste_bins_collective_no_owner", sql`NOT (${t.collective} AND ${t.premisesId} IS NOT NULL)`),
  ],
);

/** Premises sharing a collective bin; its quantity is split among them pro rata to rental value. */
export const wasteBinShares = pgTable(
  "waste_bin_shares",
  {
    tenantId: tenantId(),
    binId: uuid("bin_id")
      .notNull()
      .references(() => wasteBins.id, { onDelete: "cascade" }),
    premisesId: uuid("premises_id")
      .notNull()
      .references(() => wastePremises.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.binId, t.premisesId] }), index("waste_bin_shares_premises_idx").on(t.premisesId)],
);

/** Every chip a bin carried, and when: lifts are attributed through this history. */
export const wasteChipAssignments = pgTable(
  "waste_chip_assignments",
  {
    id: id(),
    tenantId: tenantId(),
    chipId: text("chip_id").notNull(),
    binId: uuid("bin_id")
      .notNull()
      .references(() => wasteBins.id, { onDelete: "cascade" }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
    unassignedAt: timestamp("unassigned_at", { withTimezone: true }),
    reason: text("reason").notNull(),
    byActor: text("by_actor").notNull(),
  },
  (t) => [
    index("waste_chip_assignments_chip_idx").on(t.tenantId, t.chipId, t.assignedAt),
    index("waste_chip_assignments_bin_idx").on(t.binId, t.assignedAt),
    uniqueIndex("waste_chip_assignments_open").on(t.tenantId, t.chipId).where(sql`${t.unassignedAt} IS NULL`),
  ],
);

/**
 * Tariffs voted by the EPCI for one tax year. TEOMi: the fixed part is a rate on the tax base (half
 * the rental value, CGI art. 1522 bis and 1388); REOMi: a fixed fee per premises. The incentive part
 * is the quantity of year N-1 on `basis` × the unit price of each stream (`waste_tariff_rates`).
 */
export const wasteTariffs = pgTable(
  "waste_tariffs",
  {
    id: id(),
    tenantId: tenantId(),
    year: integer("year").notNull(),
    regime: text("regime", { enum: ["teomi", "reomi"] }).notNull(),
    basis: text("basis", { enum: ["lifts", "volume", "weight"] }).notNull(),
    /** TEOMi: fixed rate in millionths (12.5 % = 125000). */
    fixedRateMillionths: integer("fixed_rate_millionths"),
    /** REOMi: fixed fee per premises in cents. */
    fixedFeeCents: bigint("fixed_fee_cents", { mode: "number" }),
    /** Deliberation that voted the tariffs (e.g. "2026-045 du 12/03/2026"). */
    deliberation: text("deliberation"),
    votedOn: date("voted_on"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("waste_tariffs_year_unique").on(t.tenantId, t.year),
    check(
      "waste_tariffs_fixed",
      sql`(${t.regime} = 'teomi' AND ${t.fixedRateMillionths} IS NOT NULL AND ${t.fixedRateMillionths} BETWEEN 0 AND 1000000)
       OR (${t.regime} = 'reomi' AND ${t.fixedFeeCents} IS NOT NULL AND ${t.fixedFeeCents} >= 0)`,
    ),
  ],
);

/** Unit price per stream: micro-euros per lift, per litre or per kilogram (following the year's basis). */
export const wasteTariffRates = pgTable(
  "waste_tariff_rates",
  {
    tenantId: tenantId(),
    tariffId: uuid("tariff_id")
      .notNull()
      .references(() => wasteTariffs.id, { onDelete: "cascade" }),
    stream: text("stream", { enum: WASTE_STREAMS }).notNull(),
    unitPriceMicros: bigint("unit_price_micros", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tariffId, t.stream] }), check("waste_tariff_rates_price", sql`${t.unitPriceMicros} >= 0`)],
);

/** One billing run for a tax year: frozen totals and the 10–45 % check result. */
export const wasteBillingRuns = pgTable(
  "waste_billing_runs",
  {
    id: id(),
    tenantId: tenantId(),
    year: integer("year").notNull(),
    tariffId: uuid("tariff_id")
      .notNull()
      .references(() => wasteTariffs.id, { onDelete: "restrict" }),
    fixedTotalCents: bigint("fixed_total_cents", { mode: "number" }).notNull(),
    incentiveTotalCents: bigint("incentive_total_cents", { mode: "number" }).notNull(),
    /** Incentive share of the total product, in millionths. */
    incentiveShareMillionths: integer("incentive_share_millionths").notNull(),
    shareWithinLimits: boolean("share_within_limits").notNull(),
    /**
     * Outside 10–45 %, the deliberation that decides to bill anyway (its number and the date it was
     * voted), recorded by the agent who runs the billing; a run outside without one is refused.
     */
    derogationDeliberation: text("derogation_deliberation"),
    derogationVotedOn: date("derogation_voted_on"),
    premisesCount: integer("premises_count").notNull(),
    byActor: text("by_actor").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("waste_billing_runs_year_idx").on(t.tenantId, t.year, t.createdAt)],
);

/**
 * One premises' bill in a run. `details` explains it: for each bin, stream, its quantity in year
 * N-1, the share key (rental value / sum of rental values) and the allocated quantity.
 */
export const wasteBillingLines = pgTable(
  "waste_billing_lines",
  {
    tenantId: tenantId(),
    runId: uuid("run_id")
      .notNull()
      .references(() => wasteBillingRuns.id, { onDelete: "cascade" }),
    premisesId: uuid("premises_id")
      .notNull()
      .references(() => wastePremises.id, { onDelete: "restrict" }),
    fixedCents: bigint("fixed_cents", { mode: "number" }).notNull(),
    incentiveCents: bigint("incentive_cents", { mode: "number" }).notNull(),
    exempt: boolean("exempt").notNull().default(false),
    details: jsonb("details").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.premisesId] }), index("waste_billing_lines_premises_idx").on(t.premisesId)],
);

/** A technical intervention on a bin: delivery, repair, replacement, removal. */
export const wasteInterventions = pgTable(
  "waste_interventions",
  {
    id: id(),
    tenantId: tenantId(),
    /** Human reference, e.g. "INT-2026-00012". */
    reference: text("reference").notNull(),
    kind: text("kind", { enum: ["deliver", "repair", "replace", "remove"] }).notNull(),
    status: text("status", { enum: ["requested", "scheduled", "done", "cancelled"] })
      .notNull()
      .default("requested"),
    premisesId: uuid("premises_id").references(() => wastePremises.id, { onDelete: "set null" }),
    binId: uuid("bin_id").references(() => wasteBins.id, { onDelete: "set null" }),
    stream: text("stream", { enum: WASTE_STREAMS }),
    description: text("description").notNull().default(""),
    requestedBy: text("requested_by", { enum: ["resident", "agent"] }).notNull(),
    requestedByPersonId: uuid("requested_by_person_id").references(() => people.id, { onDelete: "set null" }),
    assignedToPersonId: uuid("assigned_to_person_id").references(() => people.id, { onDelete: "set null" }),
    scheduledFor: date("scheduled_for"),
    outcome: text("outcome"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("waste_interventions_reference_unique").on(t.tenantId, t.reference),
    index("waste_interventions_agenda_idx").on(t.tenantId, t.scheduledFor, t.status),
    index("waste_interventions_premises_idx").on(t.premisesId),
  ],
);

/** A stock article: a container model or a spare part (lid, wheel, chip…). */
export const wasteStockItems = pgTable(
  "waste_stock_items",
  {
    id: id(),
    tenantId: tenantId(),
    code: text("code").notNull(),
    label: text("label").notNull(),
    kind: text("kind", { enum: ["container", "lid", "wheel", "chip", "other"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique("waste_stock_items_code_unique").on(t.tenantId, t.code), check("waste_stock_items_code_format", sql`${t.code} ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'`)],
);

/**
 * Quantity of an article in a depot. Never negative: the CHECK is the backstop, and exits are one
 * `UPDATE … SET quantity = quantity - n WHERE quantity >= n` so concurrent exits cannot overdraw.
 */
export const wasteStockLevels = pgTable(
  "waste_stock_levels",
  {
    tenantId: tenantId(),
    depotId: uuid("depot_id")
      .notNull()
      .references(() => wasteDepots.id, { onDelete: "cascade" }),
    itemId: uuid("item_id")
      .notNull()
      .references(() => wasteStockItems.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull().default(0),
    /** Reorder alert when the quantity falls to or below this. */
    reorderThreshold: integer("reorder_threshold").notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.depotId, t.itemId] }),
    check("waste_stock_levels_non_negative", sql`${t.quantity} >= 0`),
    check("waste_stock_levels_threshold", sql`${t.reorderThreshold} >= 0`),
  ],
);

/** Every stock movement (entry, exit, adjustment), exits possibly tied to an intervention. */
export const wasteStockMovements = pgTable(
  "waste_stock_movements",
  {
    id: id(),
    tenantId: tenantId(),
    depotId: uuid("depot_id")
      .notNull()
      .references(() => wasteDepots.id, { onDelete: "cascade" }),
    itemId: uuid("item_id")
      .notNull()
      .references(() => wasteStockItems.id, { onDelete: "cascade" }),
    delta: integer("delta").notNull(),
    kind: text("kind", { enum: ["entry", "exit", "adjustment"] }).notNull(),
    interventionId: uuid("intervention_id").references(() => wasteInterventions.id, { onDelete: "set null" }),
    note: text("note"),
    byActor: text("by_actor").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("waste_stock_movements_item_idx").on(t.tenantId, t.itemId, t.createdAt), check("waste_stock_movements_delta", sql`${t.delta} <> 0`)],
);

/** A bin check (caractérisation) by a field agent: findings, sorting grade, optional photo in R2. */
export const wasteBinChecks = pgTable(
  "waste_bin_checks",
  {
    id: id(),
    tenantId: tenantId(),
    binId: uuid("bin_id")
      .notNull()
      .references(() => wasteBins.id, { onDelete: "cascade" }),
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull(),
    agentPersonId: uuid("agent_person_id").references(() => people.id, { onDelete: "set null" }),
    /** A: compliant; B: minor errors; C: major errors; D: refused (not collected). */
    grade: text("grade", { enum: ["A", "B", "C", "D"] }).notNull(),
    findings: text("findings").array().notNull().default(sql`'{}'`),
    note: text("note").notNull().default(""),
    /** R2 key of the photo in the waste bucket (no faces, no house numbers: agents are told so). */
    photoKey: text("photo_key"),
    createdAt: createdAt(),
  },
  (t) => [index("waste_bin_checks_bin_idx").on(t.binId, t.checkedAt), index("waste_bin_checks_tenant_idx").on(t.tenantId, t.checkedAt)],
);

/**
 * Idempotency keys of writes sent by the field tablet (possibly resent after a poor connection):
 * the first result is stored and returned again for the same key.
 */
export const wasteIdempotency = pgTable(
  "waste_idempotency",
  {
    tenantId: tenantId(),
    key: text("key").notNull(),
    operation: text("operation").notNull(),
    status: integer("status").notNull(),
    result: jsonb("result").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] }), check("waste_idempotency_key_format", sql`${t.key} ~ '^[A-Za-z0-9_-]{8,64}$'`)],
);
