/**
 * The `cemetery` domain (issue #20, ADR 0033): a commune's cemeteries, their plots on the plan,
 * concessions with their holders and heirs, the deceased, the funeral operations the mayor
 * authorises, and the abandonment procedure. A commune competence: each commune tenant holds its
 * own cemeteries; every table is 'own' (RLS).
 *
 * Places are counted in tenths (a coffin 10, an urn 1, a reduction 5 — tenant parameters), money in
 * integer cents. Legal delays are not here: they are dated parameters in the Worker
 * (workers/cemetery/src/services/legal-parameters.ts).
 *
 * Retention: the register (plots, concessions, acts, deceased, operations, procedures) is a
 * permanent public record (Code du patrimoine; acts go to the archive). Holders and heirs are living
 * people: their contact details are kept while the concession runs and until `retain_until`
 * (end of the renewal window + 10 years), then erased by app.purge_cemetery_expired().
 */
import { sql } from "drizzle-orm";
import { boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns.ts";
import { ABANDONMENT_STEPS, CONCESSION_CATEGORIES, OPERATION_KINDS, PLOT_TYPES, REMAINS } from "@communa/contracts/cemetery";

const list = (xs: readonly string[]) => sql.raw(xs.map((x) => `'${x}'`).join(", "));

/** The commune's parameters (openCimetière's): sizes in tenths of a place, the public search opt-in. */
export const cemeterySettings = pgTable("cemetery_settings", {
  tenantId: tenantId().primaryKey(),
  coffinTenths: integer("coffin_tenths").notNull().default(10),
  urnTenths: integer("urn_tenths").notNull().default(1),
  reductionTenths: integer("reduction_tenths").notNull().default(5),
  /** Years after a burial before a reduction is allowed. */
  reductionAfterYears: integer("reduction_after_years").notNull().default(5),
  /** Opt-in: the public grave search (deceased and plot location only). */
  publicSearch: boolean("public_search").notNull().default(false),
  updatedAt: updatedAt(),
});

export const cemeteries = pgTable(
  "cemetery_cemeteries",
  {
    id: id(),
    tenantId: tenantId(),
    name: text("name").notNull(),
    address: text("address").notNull().default(""),
    /** Size of the scanned plan plots are placed on (X/Y in that frame). */
    planWidth: integer("plan_width").notNull().default(1000),
    planHeight: integer("plan_height").notNull().default(700),
    /** Fictional data (the seed's test cemetery), shown as such. */
    fictional: boolean("fictional").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [unique("cemetery_cemeteries_name_unique").on(t.tenantId, t.name)],
);

export const plots = pgTable(
  "cemetery_plots",
  {
    id: id(),
    tenantId: tenantId(),
    cemeteryId: uuid("cemetery_id")
      .notNull()
      .references(() => cemeteries.id, { onDelete: "restrict" }),
    section: text("section").notNull(),
    row: text("row").notNull().default(""),
    number: text("number").notNull(),
    type: text("type", { enum: PLOT_TYPES }).notNull(),
    /** Capacity in tenths of a place (a 3-place vault: 30; a columbarium niche for 4 urns: 4). */
    capacityTenths: integer("capacity_tenths").notNull(),
    surfaceM2: doublePrecision("surface_m2"),
    /** Position on the scanned plan (plan frame), or a GeoJSON polygon (WGS 84). */
    x: doublePrecision("x"),
    y: doublePrecision("y"),
    geometry: jsonb("geometry"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("cemetery_plots_place_unique").on(t.tenantId, t.cemeteryId, t.section, t.row, t.number),
    index("cemetery_plots_cemetery_idx").on(t.cemeteryId),
    check("cemetery_plots_type", sql`${t.type} IN (${list(PLOT_TYPES)})`),
    check("cemetery_plots_capacity", sql`${t.capacityTenths} >= 0`),
  ],
);

/** The council's tariff grid: per category and duration, from a date, with its deliberation. */
export const tariffs = pgTable(
  "cemetery_tariffs",
  {
    id: id(),
    tenantId: tenantId(),
    category: text("category", { enum: CONCESSION_CATEGORIES }).notNull(),
    /** Years (temporary: 5 to 15; thirty 30; fifty 50); null for perpetual. */
    durationYears: integer("duration_years"),
    priceCents: integer("price_cents").notNull(),
    /** Progression for the surface above 2 m², per m² (where the council voted one). */
    extraM2Cents: integer("extra_m2_cents").notNull().default(0),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    deliberation: text("deliberation").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("cemetery_tariffs_unique").on(t.tenantId, t.category, t.durationYears, t.validFrom),
    check("cemetery_tariffs_category", sql`${t.category} IN (${list(CONCESSION_CATEGORIES)})`),
  ],
);

export const concessions = pgTable(
  "cemetery_concessions",
  {
    id: id(),
    tenantId: tenantId(),
    plotId: uuid("plot_id")
      .notNull()
      .references(() => plots.id, { onDelete: "restrict" }),
    category: text("category", { enum: CONCESSION_CATEGORIES }).notNull(),
    durationYears: integer("duration_years"),
    actNumber: text("act_number").notNull(),
    actDate: date("act_date", { mode: "string" }).notNull(),
    /** Start of the term (the act's date, or the previous term's end for a renewal). */
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    priceCents: integer("price_cents").notNull(),
    deliberation: text("deliberation").notNull(),
    status: text("status", { enum: ["active", "renewed", "repossessed"] })
      .notNull()
      .default("active"),
    /** The term this one renews. */
    renewsId: uuid("renews_id"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("cemetery_concessions_act_unique").on(t.tenantId, t.actNumber),
    index("cemetery_concessions_plot_idx").on(t.plotId),
    check("cemetery_concessions_category", sql`${t.category} IN (${list(CONCESSION_CATEGORIES)})`),
  ],
);

/** Holders (concessionnaires) and heirs (ayants droit, with their relationship). Living people. */
export const concessionPeople = pgTable(
  "cemetery_concession_people",
  {
    id: id(),
    tenantId: tenantId(),
    concessionId: uuid("concession_id")
      .notNull()
      .references(() => concessions.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["holder", "heir"] }).notNull(),
    name: text("name").notNull(),
    firstName: text("first_name").notNull().default(""),
    relationship: text("relationship").notNull().default(""),
    address: text("address").notNull().default(""),
    /** After this day the contact details are erased (see the file's comment). */
    retainUntil: date("retain_until", { mode: "string" }),
  },
  (t) => [index("cemetery_concession_people_idx").on(t.concessionId)],
);

export const deceased = pgTable(
  "cemetery_deceased",
  {
    id: id(),
    tenantId: tenantId(),
    plotId: uuid("plot_id").references(() => plots.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    firstName: text("first_name").notNull().default(""),
    usageName: text("usage_name").notNull().default(""),
    birthDate: date("birth_date", { mode: "string" }),
    deathDate: date("death_date", { mode: "string" }).notNull(),
    deathPlace: text("death_place").notNull().default(""),
    burialDate: date("burial_date", { mode: "string" }),
    /** What is in the plot (null: not in it, e.g. exhumed or placed in the ossuary). */
    remains: text("remains", { enum: REMAINS }),
    createdAt: createdAt(),
  },
  (t) => [index("cemetery_deceased_plot_idx").on(t.plotId), index("cemetery_deceased_name_idx").on(t.tenantId, t.name)],
);

/** Operations: drafted, then validated with the mayor's numbered authorisation; then immutable. */
export const operations = pgTable(
  "cemetery_operations",
  {
    id: id(),
    tenantId: tenantId(),
    kind: text("kind", { enum: OPERATION_KINDS }).notNull(),
    plotId: uuid("plot_id")
      .notNull()
      .references(() => plots.id, { onDelete: "restrict" }),
    deceasedId: uuid("deceased_id")
      .notNull()
      .references(() => deceased.id, { onDelete: "restrict" }),
    /** Transfer: where the remains go. */
    targetPlotId: uuid("target_plot_id").references(() => plots.id, { onDelete: "restrict" }),
    date: date("date", { mode: "string" }).notNull(),
    funeralOperator: text("funeral_operator").notNull(),
    habilitation: text("habilitation").notNull(),
    official: text("official").notNull(),
    /** Exhumation: the requesting nearest relative and their relationship. */
    requester: text("requester").notNull().default(""),
    status: text("status", { enum: ["draft", "validated"] })
      .notNull()
      .default("draft"),
    /** The mayor's authorisation number (YYYY-NNN), given at validation. */
    authorisation: text("authorisation"),
    validatedAt: timestamp("validated_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("cemetery_operations_authorisation_unique").on(t.tenantId, t.authorisation),
    index("cemetery_operations_plot_idx").on(t.plotId),
    check("cemetery_operations_kind", sql`${t.kind} IN (${list(OPERATION_KINDS)})`),
  ],
);

/** An abandonment procedure on one concession, and its dated steps with their evidence. */
export const abandonments = pgTable(
  "cemetery_abandonments",
  {
    id: id(),
    tenantId: tenantId(),
    concessionId: uuid("concession_id")
      .notNull()
      .references(() => concessions.id, { onDelete: "restrict" }),
    status: text("status", { enum: ["open", "repossessed", "dropped"] })
      .notNull()
      .default("open"),
    openedOn: date("opened_on", { mode: "string" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("cemetery_abandonments_concession_idx").on(t.concessionId)],
);

export const abandonmentSteps = pgTable(
  "cemetery_abandonment_steps",
  {
    id: id(),
    tenantId: tenantId(),
    abandonmentId: uuid("abandonment_id")
      .notNull()
      .references(() => abandonments.id, { onDelete: "cascade" }),
    step: text("step", { enum: ABANDONMENT_STEPS }).notNull(),
    doneOn: date("done_on", { mode: "string" }).notNull(),
    /** Registered-letter number and receipt date, posting photos, report reference… */
    evidence: jsonb("evidence").notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    unique("cemetery_abandonment_steps_unique").on(t.abandonmentId, t.step),
    check("cemetery_abandonment_steps_step", sql`${t.step} IN (${list(ABANDONMENT_STEPS)})`),
  ],
);
