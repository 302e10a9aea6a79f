/**
 * The `citizen` domain: relations with residents (GRU, issue #17) — services, places, desks and
 * appointment types (« motifs »), agents' opening rules and absences, appointments, and requests
 * (« main courante ») with their legal receipts (ADR 0031).
 *
 * Services, places and motifs are public facts read by the whole territory ('shared' RLS: a commune's
 * site lists its EPCI's services too). Agents' rules, appointments and requests are the owning
 * tenant's only ('own'). No double booking: an exclusion constraint on (agent, held range) over the
 * states that hold a slot (custom migration 0048, btree_gist).
 *
 * Retention (db/src/retention.ts): appointments and requests 2 years after their end / closing.
 */
import { sql } from "drizzle-orm";
import { boolean, char, check, date, index, integer, pgTable, smallint, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { bytea, createdAt, id, tenantId, updatedAt } from "./columns.ts";

export const citizenServices = pgTable("citizen_services", {
  id: id(),
  tenantId: tenantId(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  /** Contact details stated on receipts (CRPA R112-11-1). */
  contactEmail: text("contact_email"),
  contactPhone: text("contact_phone"),
  contactAddress: text("contact_address"),
  createdAt: createdAt(),
});

export const citizenPlaces = pgTable("citizen_places", {
  id: id(),
  tenantId: tenantId(),
  name: text("name").notNull(),
  address: text("address").notNull(),
  communeInsee: char("commune_insee", { length: 5 }),
  createdAt: createdAt(),
});

/** Several desks (« guichets ») for one place. */
export const citizenDesks = pgTable(
  "citizen_desks",
  {
    id: id(),
    tenantId: tenantId(),
    placeId: uuid("place_id")
      .notNull()
      .references(() => citizenPlaces.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
  },
  (t) => [unique("citizen_desks_label_unique").on(t.placeId, t.label)],
);

export const LOCATION_TYPES = ["desk", "home", "phone", "visio"] as const;

export const citizenMotifs = pgTable(
  "citizen_motifs",
  {
    id: id(),
    tenantId: tenantId(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => citizenServices.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    durationMinutes: smallint("duration_minutes").notNull(),
    /** Grid of start times, separate from the duration. */
    intervalMinutes: smallint("interval_minutes").notNull(),
    bufferBeforeMinutes: smallint("buffer_before_minutes").notNull().default(0),
    bufferAfterMinutes: smallint("buffer_after_minutes").notNull().default(0),
    locationType: text("location_type", { enum: LOCATION_TYPES }).notNull(),
    minDelayMinutes: integer("min_delay_minutes").notNull().default(120),
    maxDelayDays: smallint("max_delay_days").notNull().default(60),
    /** Cancel and move until this many hours before the start (one policy for both). */
    changeWindowHours: smallint("change_window_hours").notNull().default(24),
    acceptText: text("accept_text"),
    instructions: text("instructions"),
    bookableBy: text("bookable_by", { enum: ["anyone", "agents"] })
      .notNull()
      .default("anyone"),
    /** Some motifs must not notify anyone at home (no mail, no .ics naming the motif). */
    discreet: boolean("discreet").notNull().default(false),
    /** Visio motifs: the provider's address pattern, `{id}` replaced by a per-appointment room. */
    visioPattern: text("visio_pattern"),
    createdAt: createdAt(),
  },
  (t) => [
    check("citizen_motifs_durations", sql`${t.durationMinutes} BETWEEN 5 AND 480 AND ${t.intervalMinutes} BETWEEN 5 AND 480`),
    check("citizen_motifs_buffers", sql`${t.bufferBeforeMinutes} BETWEEN 0 AND 240 AND ${t.bufferAfterMinutes} BETWEEN 0 AND 240`),
    check("citizen_motifs_visio", sql`${t.locationType} <> 'visio' OR ${t.visioPattern} IS NOT NULL`),
  ],
);

/** An agent who receives people (a person of identity, named here for the agendas). */
export const citizenAgents = pgTable("citizen_agents", {
  id: id(),
  tenantId: tenantId(),
  serviceId: uuid("service_id")
    .notNull()
    .references(() => citizenServices.id, { onDelete: "cascade" }),
  personId: uuid("person_id"),
  displayName: text("display_name").notNull(),
});

/** Weekly opening range of an agent at a place (Paris wall-clock minutes), valid between two days. */
export const citizenOpeningRules = pgTable(
  "citizen_opening_rules",
  {
    id: id(),
    tenantId: tenantId(),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => citizenAgents.id, { onDelete: "cascade" }),
    placeId: uuid("place_id")
      .notNull()
      .references(() => citizenPlaces.id, { onDelete: "cascade" }),
    /** ISO weekday, 1 = Monday. */
    weekday: smallint("weekday").notNull(),
    startMinute: smallint("start_minute").notNull(),
    endMinute: smallint("end_minute").notNull(),
    validFrom: date("valid_from").notNull(),
    validUntil: date("valid_until"),
  },
  (t) => [
    index("citizen_opening_rules_agent_idx").on(t.agentId),
    check(
      "citizen_opening_rules_range",
      sql`${t.weekday} BETWEEN 1 AND 7 AND 0 <= ${t.startMinute} AND ${t.startMinute} < ${t.endMinute} AND ${t.endMinute} <= 1440`,
    ),
  ],
);

export const citizenAbsences = pgTable(
  "citizen_absences",
  {
    id: id(),
    tenantId: tenantId(),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => citizenAgents.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  },
  (t) => [check("citizen_absences_range", sql`${t.startsAt} < ${t.endsAt}`)],
);

/** Tenant exceptions to the computed public holidays: a day closed, or a holiday worked. */
export const citizenClosures = pgTable(
  "citizen_closures",
  {
    id: id(),
    tenantId: tenantId(),
    day: date("day").notNull(),
    kind: text("kind", { enum: ["closed", "open"] }).notNull(),
    label: text("label").notNull(),
  },
  (t) => [unique("citizen_closures_day_unique").on(t.tenantId, t.day)],
);

/** States that hold a slot: the exclusion constraint applies to them only. */
export const APPOINTMENT_HOLDING_STATES = ["booked", "seen", "no_show"] as const;
export const APPOINTMENT_STATES = ["booked", "seen", "excused", "no_show", "revoked", "cancelled"] as const;

export const citizenAppointments = pgTable(
  "citizen_appointments",
  {
    id: id(),
    tenantId: tenantId(),
    motifId: uuid("motif_id")
      .notNull()
      .references(() => citizenMotifs.id, { onDelete: "restrict" }),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => citizenAgents.id, { onDelete: "restrict" }),
    placeId: uuid("place_id")
      .notNull()
      .references(() => citizenPlaces.id, { onDelete: "restrict" }),
    deskId: uuid("desk_id").references(() => citizenDesks.id, { onDelete: "set null" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** Start minus the motif's buffer before, end plus its buffer after: what the agent is busy for. */
    heldFrom: timestamp("held_from", { withTimezone: true }).notNull(),
    heldUntil: timestamp("held_until", { withTimezone: true }).notNull(),
    status: text("status", { enum: APPOINTMENT_STATES }).notNull().default("booked"),
    /** Booked by an agent over another appointment on purpose (journalled); outside the constraint. */
    overbooked: boolean("overbooked").notNull().default(false),
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone"),
    communeInsee: char("commune_insee", { length: 5 }).notNull(),
    personId: uuid("person_id"),
    channel: text("channel", { enum: ["online", "phone", "desk"] })
      .notNull()
      .default("online"),
    visioUrl: text("visio_url"),
    /** iCalendar SEQUENCE: incremented on every change. */
    sequence: integer("sequence").notNull().default(0),
    requestId: uuid("request_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("citizen_appointments_agent_idx").on(t.tenantId, t.agentId, t.startsAt),
    check("citizen_appointments_range", sql`${t.startsAt} < ${t.endsAt} AND ${t.heldFrom} <= ${t.startsAt} AND ${t.endsAt} <= ${t.heldUntil}`),
    check("citizen_appointments_contact", sql`${t.email} IS NOT NULL OR ${t.phone} IS NOT NULL`),
  ],
);

/** Each calendar message sent for an appointment (the .ics of the mail, kept with it). */
export const citizenCalendarMessages = pgTable("citizen_calendar_messages", {
  id: id(),
  tenantId: tenantId(),
  appointmentId: uuid("appointment_id")
    .notNull()
    .references(() => citizenAppointments.id, { onDelete: "cascade" }),
  method: text("method", { enum: ["REQUEST", "CANCEL"] }).notNull(),
  sequence: integer("sequence").notNull(),
  ics: text("ics").notNull(),
  outboxId: uuid("outbox_id"),
  createdAt: createdAt(),
});

/** The tenant's key for the signed links of appointments (HMAC-SHA256), made on first use. */
export const citizenLinkKeys = pgTable("citizen_link_keys", {
  tenantId: tenantId().primaryKey(),
  key: bytea("key").notNull(),
  createdAt: createdAt(),
});

/**
 * Request types carry the rules of their receipts (CRPA L112-11, R112-11-1): whether silence is an
 * implicit acceptance or rejection, after how many days, the appeal routes, and the text and date the
 * rule comes from (a dated parameter: the law changes).
 */
export const citizenRequestTypes = pgTable("citizen_request_types", {
  id: id(),
  tenantId: tenantId(),
  name: text("name").notNull(),
  serviceId: uuid("service_id").references(() => citizenServices.id, { onDelete: "set null" }),
  implicitDecision: text("implicit_decision", { enum: ["none", "acceptance", "rejection"] })
    .notNull()
    .default("none"),
  implicitDelayDays: smallint("implicit_delay_days"),
  appealRoutes: text("appeal_routes"),
  ruleSource: text("rule_source").notNull(),
  ruleSince: date("rule_since").notNull(),
});

export const REQUEST_CHANNELS = ["phone", "desk", "email", "letter", "online", "kiosk"] as const;
export const REQUEST_STATES = ["open", "in_progress", "done", "closed"] as const;

export const citizenRequests = pgTable(
  "citizen_requests",
  {
    id: id(),
    tenantId: tenantId(),
    /** 8-letter tracking code the resident quotes (no account needed). */
    code: char("code", { length: 8 }).notNull(),
    channel: text("channel", { enum: REQUEST_CHANNELS }).notNull(),
    communeInsee: char("commune_insee", { length: 5 }),
    serviceId: uuid("service_id").references(() => citizenServices.id, { onDelete: "set null" }),
    typeId: uuid("type_id").references(() => citizenRequestTypes.id, { onDelete: "set null" }),
    subject: text("subject").notNull(),
    agentPersonId: text("agent_person_id"),
    dueOn: date("due_on"),
    status: text("status", { enum: REQUEST_STATES }).notNull().default("open"),
    name: text("name"),
    email: text("email"),
    phone: text("phone"),
    /** A request made at a kiosk (channel `kiosk`): the device it came from (identity's registry). */
    kioskDeviceId: uuid("kiosk_device_id"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    /** The accusé de réception's text as issued (with the implicit decision rule of the day). */
    receipt: text("receipt"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("citizen_requests_code_unique").on(t.tenantId, t.code),
    index("citizen_requests_queue_idx").on(t.tenantId, t.status, t.dueOn),
    check("citizen_requests_code_format", sql`${t.code} ~ '^[A-Z]{8}$'`),
  ],
);
