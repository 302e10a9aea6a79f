/**
 * The `france-services` domain (issue #18, ADR 0045): the desk's accompaniments (codes only: no
 * free text, no document, no password, the commune of residence and never an address), the
 * tenant's local partners (local operators, libraries, collèges), the places where the desk
 * receives with their weekly slots (the desk, permanences in communes, social residences), and
 * the partners' sessions with residents' registrations.
 *
 * Everything is the tenant's own ('own' RLS, migration 0082). Retention (db/src/retention.ts):
 * each accompaniment carries its own `retain_until` (set when recorded), a registration goes one
 * month after its session; app.purge_france_services_expired(), daily cron of the Worker.
 */
import { sql } from "drizzle-orm";
import { boolean, char, check, date, index, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns.ts";
import { CHANNELS, FAMILIES, MISSIONS, OUTCOMES, PARTNER_KINDS, PLACE_KINDS } from "@communa/contracts/france-services";

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

export const franceServicesPartners = pgTable(
  "france_services_partners",
  {
    id: id(),
    tenantId: tenantId(),
    name: text("name").notNull(),
    kind: text("kind", { enum: PARTNER_KINDS }).notNull(),
    /** A partner no longer offered in the form keeps its past accompaniments. */
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    index("france_services_partners_tenant_idx").on(t.tenantId),
    check("france_services_partners_kind", sql`${t.kind} IN (${list(PARTNER_KINDS)})`),
    check("france_services_partners_name", sql`length(${t.name}) BETWEEN 2 AND 120`),
  ],
);

/** Weekly slot of a place: ISO weekday (1 = Monday), "HH:MM" start and end. */
export interface WeeklySlot {
  weekday: number;
  start: string;
  end: string;
}

export const franceServicesPlaces = pgTable(
  "france_services_places",
  {
    id: id(),
    tenantId: tenantId(),
    name: text("name").notNull(),
    kind: text("kind", { enum: PLACE_KINDS }).notNull(),
    communeInsee: char("commune_insee", { length: 5 }).notNull(),
    /** The place's public address (a town hall, a residence's common room), never a person's. */
    address: text("address").notNull(),
    slots: jsonb("slots").$type<WeeklySlot[]>().notNull(),
    /**
     * Where residents book this permanence online: a place of the appointments module (citizen's
     * table, checked over RPC when set, never joined: ADR 0045 addendum), or null (walk in).
     */
    bookingPlaceId: uuid("booking_place_id"),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("france_services_places_tenant_idx").on(t.tenantId), check("france_services_places_kind", sql`${t.kind} IN (${list(PLACE_KINDS)})`)],
);

export const franceServicesAccompaniments = pgTable(
  "france_services_accompaniments",
  {
    id: id(),
    tenantId: tenantId(),
    day: date("day").notNull(),
    minutes: smallint("minutes").notNull(),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    communeInsee: char("commune_insee", { length: 5 }).notNull(),
    /** A national operator's code, or null when the operator is a local partner. */
    operator: text("operator"),
    partnerId: uuid("partner_id").references(() => franceServicesPartners.id, { onDelete: "restrict" }),
    family: text("family", { enum: FAMILIES }).notNull(),
    mission: text("mission", { enum: MISSIONS }).notNull(),
    outcome: text("outcome", { enum: OUTCOMES }).notNull(),
    autonomy: smallint("autonomy").notNull(),
    mandate: boolean("mandate").notNull().default(false),
    /** The Aidants Connect mandate's reference only, when done under one. */
    mandateReference: text("mandate_reference"),
    /** The agent who recorded it (actor id). */
    createdBy: text("created_by").notNull(),
    correctedBy: text("corrected_by"),
    /** The row's own end of retention (set when recorded; the purge deletes it the day after). */
    retainUntil: date("retain_until").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("france_services_accompaniments_day_idx").on(t.tenantId, t.day),
    index("france_services_accompaniments_agent_idx").on(t.tenantId, t.createdBy, t.day),
    check("france_services_accompaniments_minutes", sql`${t.minutes} BETWEEN 1 AND 480`),
    check("france_services_accompaniments_autonomy", sql`${t.autonomy} BETWEEN 1 AND 4`),
    check("france_services_accompaniments_operator", sql`(${t.operator} IS NULL) <> (${t.partnerId} IS NULL)`),
    check("france_services_accompaniments_channel", sql`${t.channel} IN (${list(CHANNELS)})`),
    check("france_services_accompaniments_family", sql`${t.family} IN (${list(FAMILIES)})`),
    check("france_services_accompaniments_mission", sql`${t.mission} IN (${list(MISSIONS)})`),
    check("france_services_accompaniments_outcome", sql`${t.outcome} IN (${list(OUTCOMES)})`),
    check(
      "france_services_accompaniments_mandate",
      sql`(${t.mandate} AND ${t.mandateReference} IS NOT NULL AND ${t.mandateReference} ~ '^[A-Za-z0-9][A-Za-z0-9_-]{2,39}$') OR (NOT ${t.mandate} AND ${t.mandateReference} IS NULL)`,
    ),
  ],
);

export const franceServicesSessions = pgTable(
  "france_services_sessions",
  {
    id: id(),
    tenantId: tenantId(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => franceServicesPartners.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    minutes: smallint("minutes").notNull(),
    capacity: integer("capacity").notNull(),
    /** The partner's public address where it takes place. */
    address: text("address").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("france_services_sessions_tenant_idx").on(t.tenantId, t.startsAt),
    check("france_services_sessions_capacity", sql`${t.capacity} BETWEEN 1 AND 500`),
    check("france_services_sessions_minutes", sql`${t.minutes} BETWEEN 15 AND 480`),
  ],
);

export const franceServicesRegistrations = pgTable(
  "france_services_registrations",
  {
    id: id(),
    tenantId: tenantId(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => franceServicesSessions.id, { onDelete: "cascade" }),
    fullName: text("full_name").notNull(),
    email: text("email"),
    phone: text("phone"),
    createdAt: createdAt(),
  },
  (t) => [
    index("france_services_registrations_session_idx").on(t.sessionId),
    check("france_services_registrations_contact", sql`${t.email} IS NOT NULL OR ${t.phone} IS NOT NULL`),
  ],
);
