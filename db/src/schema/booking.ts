/**
 * The `booking` domain (issue #19, ADR 0032): bookable resources of a tenant (a commune's halls and
 * loanable equipment, the EPCI's third-place rooms, machines and workshop sessions), renters,
 * machine trainings, tariff grids voted by the council (CGCT L2144-3), bookings and recurring series,
 * workshop sessions with places and a waiting list.
 *
 * Double booking is made impossible by the database: `booking_bookings` carries an EXCLUSION
 * constraint (btree_gist, migration 0051) on (resource, time range) over the holding states —
 * option, request, approved, confirmed — and over the commune's own events (state `blackout`), for
 * exclusive resources (halls, rooms, machines). Equipment with a quantity is loaned by units: the
 * sum of overlapping loans is checked under a row lock on the resource (services/loans.ts).
 *
 * Every table is the tenant's own (RLS 'own'); the EPCI's resources are shown on the communes'
 * pages by asking the EPCI's tenant, not by sharing rows.
 *
 * Retention (personal data, app.purge_booking_expired in migration 0051): bookings and
 * registrations 3 years after their end (proof of use and of what was due, the accounting
 * documents themselves live in the finance software); renters 3 years after their last booking;
 * trainings 1 year after they lapse.
 */
import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns.ts";

export const RESOURCE_KINDS = ["hall", "room", "machine", "equipment", "session"] as const;
export const RENTER_KINDS = ["resident", "association", "company", "public_body"] as const;
/** `blackout`: the commune's own event, which wins over every booking. */
export const BOOKING_STATES = ["option", "request", "approved", "confirmed", "cancelled", "refused", "completed", "expired", "blackout"] as const;
/** States that hold the slot (the exclusion constraint's WHERE). */
export const HOLDING_STATES = ["option", "request", "approved", "confirmed", "blackout"] as const;
export const TARIFF_UNITS = ["hour", "day", "booking"] as const;
export const REGISTRATION_STATES = ["registered", "waiting", "cancelled"] as const;

/** Something that can be booked: a hall, a room, a machine, loanable equipment, a workshop. */
export const bookingResources = pgTable(
  "booking_resources",
  {
    id: id(),
    tenantId: tenantId(),
    kind: text("kind", { enum: RESOURCE_KINDS }).notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** People admitted (hall, room), places of a session. */
    capacity: integer("capacity"),
    /** Units in stock (equipment only: tables, chairs, barriers). */
    quantity: integer("quantity"),
    /** Step-free access, accessible toilets…: what a person with reduced mobility needs to know. */
    accessibility: text("accessibility").notNull().default(""),
    stepFree: boolean("step_free").notNull().default(false),
    equipment: text("equipment").array().notNull().default(sql`'{}'::text[]`),
    rules: text("rules").notNull().default(""),
    /** Machines: a booking needs a valid training of the renter on this resource. */
    requiresTraining: boolean("requires_training").notNull().default(false),
    /** Options held this many days before they expire (the commune's rule; default 8). */
    optionDays: integer("option_days").notNull().default(8),
    /** "Temporarily unavailable" with its reason; null when bookable. */
    unavailableReason: text("unavailable_reason"),
    /** Seeded demonstration data (fictional but plausible), never a real facility's record. */
    fictional: boolean("fictional").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("booking_resources_name_unique").on(t.tenantId, t.name),
    check("booking_resources_quantity", sql`(${t.kind} = 'equipment') = (${t.quantity} IS NOT NULL) AND coalesce(${t.quantity}, 1) > 0`),
    check("booking_resources_capacity", sql`${t.capacity} IS NULL OR ${t.capacity} > 0`),
    check("booking_resources_option_days", sql`${t.optionDays} BETWEEN 1 AND 60`),
  ],
);

/** Who books: a resident, an association (RNA, insurance), a company, a public body. */
export const bookingRenters = pgTable(
  "booking_renters",
  {
    id: id(),
    tenantId: tenantId(),
    kind: text("kind", { enum: RENTER_KINDS }).notNull(),
    name: text("name").notNull(),
    /** Contact for the booking (minimum: an e-mail address). */
    email: text("email"),
    /** The signed-in person this renter is (their own requests), if any. */
    personId: text("person_id"),
    /** Répertoire national des associations: W + 9 digits. */
    rna: text("rna"),
    /** Civil-liability insurance certificate valid until (associations): lapsed, no booking. */
    insuranceValidUntil: date("insurance_valid_until"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("booking_renters_person_idx").on(t.tenantId, t.personId),
    check("booking_renters_rna", sql`${t.rna} IS NULL OR ${t.rna} ~ '^W[0-9]{9}$'`),
    check("booking_renters_association", sql`${t.kind} <> 'association' OR ${t.rna} IS NOT NULL`),
  ],
);

/** A renter trained on a machine: who trained them, when, until when. */
export const bookingTrainings = pgTable(
  "booking_trainings",
  {
    id: id(),
    tenantId: tenantId(),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => bookingResources.id, { onDelete: "cascade" }),
    renterId: uuid("renter_id")
      .notNull()
      .references(() => bookingRenters.id, { onDelete: "cascade" }),
    trainer: text("trainer").notNull(),
    trainedOn: date("trained_on").notNull(),
    validUntil: date("valid_until").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("booking_trainings_renter_idx").on(t.tenantId, t.renterId, t.resourceId),
    check("booking_trainings_period", sql`${t.validUntil} >= ${t.trainedOn}`),
  ],
);

/**
 * A tariff line of a grid voted by the council (CGCT L2144-3): per resource and renter kind, with
 * the deliberation's number and date; 0 where the council made it free.
 */
export const bookingTariffs = pgTable(
  "booking_tariffs",
  {
    id: id(),
    tenantId: tenantId(),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => bookingResources.id, { onDelete: "cascade" }),
    renterKind: text("renter_kind", { enum: RENTER_KINDS }).notNull(),
    unit: text("unit", { enum: TARIFF_UNITS }).notNull(),
    amountCents: integer("amount_cents").notNull(),
    deliberationNumber: text("deliberation_number").notNull(),
    deliberationDate: date("deliberation_date").notNull(),
    validFrom: date("valid_from").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("booking_tariffs_line_unique").on(t.tenantId, t.resourceId, t.renterKind, t.validFrom),
    check("booking_tariffs_amount", sql`${t.amountCents} >= 0`),
  ],
);

/** A recurring booking (an association's weekly slot for a season): RRULE in Paris wall-clock time. */
export const bookingSeries = pgTable("booking_series", {
  id: id(),
  tenantId: tenantId(),
  resourceId: uuid("resource_id")
    .notNull()
    .references(() => bookingResources.id, { onDelete: "cascade" }),
  renterId: uuid("renter_id")
    .notNull()
    .references(() => bookingRenters.id, { onDelete: "restrict" }),
  /** First occurrence's start, Paris wall clock ("2027-09-07T18:00"). */
  startsLocal: text("starts_local").notNull(),
  durationMinutes: integer("duration_minutes").notNull(),
  rrule: text("rrule").notNull(),
  /** Dates left out (school holidays…), "YYYY-MM-DD". */
  exceptions: date("exceptions").array().notNull().default(sql`'{}'::date[]`),
  createdAt: createdAt(),
});

/** A booking, a loan of equipment units, or a blackout (the commune's own event). */
export const bookingBookings = pgTable(
  "booking_bookings",
  {
    id: id(),
    tenantId: tenantId(),
    /** Quoted by people: "RES-2027-000123". */
    reference: text("reference").notNull(),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => bookingResources.id, { onDelete: "restrict" }),
    renterId: uuid("renter_id").references(() => bookingRenters.id, { onDelete: "restrict" }),
    seriesId: uuid("series_id").references(() => bookingSeries.id, { onDelete: "cascade" }),
    state: text("state", { enum: BOOKING_STATES }).notNull(),
    /** Whether the exclusion constraint applies (halls, rooms, machines; copied from the resource). */
    exclusive: boolean("exclusive").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** Units loaned (equipment). */
    quantity: integer("quantity").notNull().default(1),
    /** Options only: when the option lapses and frees the slot. */
    optionExpiresAt: timestamp("option_expires_at", { withTimezone: true }),
    /** Blackouts: the event's title; public. Bookings: the purpose given (not public). */
    purpose: text("purpose").notNull().default(""),
    /** What is due, from the tariff line in force (null: no tariff applies). */
    dueCents: integer("due_cents"),
    tariffId: uuid("tariff_id").references(() => bookingTariffs.id, { onDelete: "set null" }),
    paidCents: integer("paid_cents").notNull().default(0),
    reason: text("reason"),
    sequence: integer("sequence").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("booking_bookings_reference_unique").on(t.tenantId, t.reference),
    index("booking_bookings_resource_idx").on(t.tenantId, t.resourceId, t.startsAt),
    index("booking_bookings_renter_idx").on(t.tenantId, t.renterId),
    index("booking_bookings_state_idx").on(t.tenantId, t.state),
    check("booking_bookings_period", sql`${t.endsAt} > ${t.startsAt}`),
    check("booking_bookings_quantity", sql`${t.quantity} > 0`),
    check("booking_bookings_option", sql`${t.state} <> 'option' OR ${t.optionExpiresAt} IS NOT NULL`),
    check("booking_bookings_renter", sql`${t.state} = 'blackout' OR ${t.renterId} IS NOT NULL`),
  ],
);

/** A workshop session (repair café, machine training) with places. */
export const bookingSessions = pgTable(
  "booking_sessions",
  {
    id: id(),
    tenantId: tenantId(),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => bookingResources.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    places: integer("places").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("booking_sessions_resource_idx").on(t.tenantId, t.resourceId, t.startsAt), check("booking_sessions_places", sql`${t.places} > 0`)],
);

/** A renter's place in a session, or on its waiting list (first come, first served). */
export const bookingRegistrations = pgTable(
  "booking_registrations",
  {
    id: id(),
    tenantId: tenantId(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => bookingSessions.id, { onDelete: "cascade" }),
    renterId: uuid("renter_id")
      .notNull()
      .references(() => bookingRenters.id, { onDelete: "restrict" }),
    state: text("state", { enum: REGISTRATION_STATES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique("booking_registrations_once").on(t.sessionId, t.renterId), index("booking_registrations_session_idx").on(t.tenantId, t.sessionId, t.state)],
);
