/**
 * The `council` domain (issue #6): councils (the EPCI's community council, each commune's
 * municipal council), members in office with their mandates, designated rooms, sittings, agenda
 * items, convocations with acknowledgement of receipt, proxies, and each sitting's outcome
 * (minutes as JSON, the PDF's key in R2 and its SHA-256).
 * Retention: deliberations, minutes and attendance are public records kept permanently (archives
 * take them over); convocation receipts are kept 6 years (period of appeal against deliberations
 * largely exceeded), then purged by `app.purge_expired()`; a member's birth date only serves the
 * oldest-candidate rule and goes with the member's row.
 */
import { sql } from "drizzle-orm";
import { ITEM_TYPES } from "@communa/contracts/council-rules";
import {
  type AnyPgColumn,
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
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns.ts";
import { people } from "./identity.ts";

export const councils = pgTable(
  "council_councils",
  {
    id: id(),
    tenantId: tenantId(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["community", "municipal"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("council_councils_tenant_idx").on(t.tenantId)],
);

/** A member in office: their mandate runs from `mandateStart` to `mandateEnd` (null: ongoing). */
export const councilMembers = pgTable(
  "council_members",
  {
    id: id(),
    tenantId: tenantId(),
    councilId: uuid("council_id")
      .notNull()
      .references(() => councils.id, { onDelete: "cascade" }),
    /** The person who signs in to vote (null until the member has an account). */
    personId: uuid("person_id").references(() => people.id, { onDelete: "set null" }),
    fullName: text("full_name").notNull(),
    birthDate: date("birth_date").notNull(),
    /** e.g. "Président", "Vice-présidente", "Conseiller communautaire". */
    office: text("office").notNull().default("Conseiller"),
    /** Commune the member represents (community council). */
    communeInsee: char("commune_insee", { length: 5 }),
    mandateStart: date("mandate_start").notNull(),
    mandateEnd: date("mandate_end"),
    /**
     * A suppléant (L5211-6): the titular member whose seat they take when the titular is absent
     * (a commune with a single community councillor). Null: a member in their own right.
     */
    substituteForMemberId: uuid("substitute_for_member_id").references((): AnyPgColumn => councilMembers.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("council_members_council_idx").on(t.tenantId, t.councilId),
    unique("council_members_one_substitute").on(t.substituteForMemberId),
    unique("council_members_person_unique").on(t.councilId, t.personId),
    check("council_members_mandate_order", sql`${t.mandateEnd} IS NULL OR ${t.mandateEnd} >= ${t.mandateStart}`),
  ],
);

/** A room where members sit; the web-conference link is configuration (a sovereign service). */
export const councilRooms = pgTable(
  "council_rooms",
  {
    id: id(),
    tenantId: tenantId(),
    councilId: uuid("council_id")
      .notNull()
      .references(() => councils.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    address: text("address").notNull(),
    visioUrl: text("visio_url"),
  },
  (t) => [
    index("council_rooms_council_idx").on(t.tenantId, t.councilId),
    check("council_rooms_visio_https", sql`${t.visioUrl} IS NULL OR ${t.visioUrl} ~ '^https://'`),
  ],
);

export const councilSittings = pgTable(
  "council_sittings",
  {
    id: id(),
    tenantId: tenantId(),
    councilId: uuid("council_id")
      .notNull()
      .references(() => councils.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    status: text("status", { enum: ["planned", "convened", "live", "closed"] })
      .notNull()
      .default("planned"),
    presidentMemberId: uuid("president_member_id").references(() => councilMembers.id, { onDelete: "set null" }),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** Structured minutes (JSON) as the live room produced them at close. */
    minutes: jsonb("minutes"),
    minutesKey: text("minutes_key"),
    minutesSha256: char("minutes_sha256", { length: 64 }),
    minutesJsonSha256: char("minutes_json_sha256", { length: 64 }),
    /** L2121-12: the "note explicative de synthèse" sent with the convocation, as text or a link. */
    synthesisNote: text("synthesis_note"),
    synthesisNoteUrl: text("synthesis_note_url"),
    /** When the convocation was first sent; the urgency that shortened its delay (L2121-11/12), if any. */
    convenedAt: timestamp("convened_at", { withTimezone: true }),
    urgencyReason: text("urgency_reason"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("council_sittings_council_idx").on(t.tenantId, t.councilId, t.startsAt),
    check("council_sittings_sha_format", sql`${t.minutesSha256} IS NULL OR ${t.minutesSha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** Designated rooms of a sitting: more than one makes it a teleconference sitting (L5211-11-1). */
export const councilSittingRooms = pgTable(
  "council_sitting_rooms",
  {
    tenantId: tenantId(),
    sittingId: uuid("sitting_id")
      .notNull()
      .references(() => councilSittings.id, { onDelete: "cascade" }),
    roomId: uuid("room_id")
      .notNull()
      .references(() => councilRooms.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.sittingId, t.roomId] })],
);

export const councilAgendaItems = pgTable(
  "council_agenda_items",
  {
    id: id(),
    tenantId: tenantId(),
    sittingId: uuid("sitting_id")
      .notNull()
      .references(() => councilSittings.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    rapporteurMemberId: uuid("rapporteur_member_id").references(() => councilMembers.id, { onDelete: "set null" }),
    kind: text("kind", { enum: ["motion", "appointment"] })
      .notNull()
      .default("motion"),
    /** The item's type (`ITEM_RULES` in @communa/contracts/council-rules): decides `kind`, the votes that apply and multi-site voting. */
    itemType: text("item_type", { enum: ITEM_TYPES }).notNull().default("deliberation"),
    /** [{ title, url }]: the report and annexes, as links. */
    documents: jsonb("documents").notNull().default(sql`'[]'::jsonb`),
    /** Appointments: the candidates (members). */
    candidateIds: uuid("candidate_ids").array().notNull().default(sql`'{}'`),
    status: text("status", { enum: ["pending", "voted", "postponed"] })
      .notNull()
      .default("pending"),
    /** Results of each vote on the item, as proclaimed (written when the sitting closes). */
    results: jsonb("results").notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [unique("council_agenda_items_position_unique").on(t.sittingId, t.position), index("council_agenda_items_tenant_idx").on(t.tenantId)],
);

/** Convocation of a member to a sitting, with when it was sent and when its receipt was acknowledged. */
export const councilConvocations = pgTable(
  "council_convocations",
  {
    id: id(),
    tenantId: tenantId(),
    sittingId: uuid("sitting_id")
      .notNull()
      .references(() => councilSittings.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => councilMembers.id, { onDelete: "cascade" }),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    /** Purge date of the receipt (6 years after sending). */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [unique("council_convocations_member_unique").on(t.sittingId, t.memberId), index("council_convocations_tenant_idx").on(t.tenantId)],
);

/**
 * A written proxy (L2121-20): valid from `firstSittingId` for `sittings` consecutive sittings of
 * the council (at most 3), revocable. One held per member at most is enforced by the live room.
 */
export const councilProxies = pgTable(
  "council_proxies",
  {
    id: id(),
    tenantId: tenantId(),
    councilId: uuid("council_id")
      .notNull()
      .references(() => councils.id, { onDelete: "cascade" }),
    giverMemberId: uuid("giver_member_id")
      .notNull()
      .references(() => councilMembers.id, { onDelete: "cascade" }),
    holderMemberId: uuid("holder_member_id")
      .notNull()
      .references(() => councilMembers.id, { onDelete: "cascade" }),
    firstSittingId: uuid("first_sitting_id")
      .notNull()
      .references(() => councilSittings.id, { onDelete: "cascade" }),
    sittings: integer("sittings").notNull().default(1),
    /** "Maladie dûment constatée" (L2121-20): the proxy may then cover more than three sittings. */
    illness: boolean("illness").notNull().default(false),
    givenAt: createdAt(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    index("council_proxies_council_idx").on(t.tenantId, t.councilId),
    check("council_proxies_sittings_range", sql`${t.sittings} >= 1 AND (${t.sittings} <= 3 OR ${t.illness})`),
    check("council_proxies_not_self", sql`${t.giverMemberId} <> ${t.holderMemberId}`),
  ],
);

/**
 * The minutes' way to the archive (transactional outbox): written with the sitting's close, then
 * delivered to the archive Worker's deposit RPC as one sealed unit (message identifier
 * `PV-<sitting id>`, which the archive keeps unique) and retried with a growing delay until
 * sealed. Shown to the secretariat on the sitting.
 */
export const councilMinutesTransfers = pgTable(
  "council_minutes_transfers",
  {
    sittingId: uuid("sitting_id")
      .primaryKey()
      .references(() => councilSittings.id, { onDelete: "restrict" }),
    tenantId: tenantId(),
    status: text("status", { enum: ["pending", "deposited"] })
      .notNull()
      .default("pending"),
    /** Who closed the sitting: journalled by the archive as the depositor. */
    closedBy: text("closed_by"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    depositId: uuid("deposit_id"),
    depositReference: text("deposit_reference"),
    unitReference: text("unit_reference"),
    sealSeq: bigint("seal_seq", { mode: "number" }),
    depositedAt: timestamp("deposited_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("council_minutes_transfers_due_idx").on(t.tenantId, t.status, t.nextAttemptAt),
    check("council_minutes_transfers_status", sql`${t.status} IN ('pending', 'deposited')`),
    check("council_minutes_transfers_deposited", sql`(${t.status} = 'deposited') = (${t.depositId} IS NOT NULL)`),
  ],
);

/**
 * Each deliberation adopted at a sitting (a motion adopted, an appointment made), numbered per
 * tenant and per year (`2026-014`), with what the prefecture's transmission needs (@ctes: nature
 * 1 = délibération, date, subject, vote) and its publication on the tenant's site (L2121-25: the
 * list within a week). Written with the sitting's close, in the same transaction. Public records,
 * kept permanently.
 */
export const councilDeliberations = pgTable(
  "council_deliberations",
  {
    id: id(),
    tenantId: tenantId(),
    sittingId: uuid("sitting_id")
      .notNull()
      .references(() => councilSittings.id, { onDelete: "restrict" }),
    itemId: uuid("item_id")
      .notNull()
      .references(() => councilAgendaItems.id, { onDelete: "restrict" }),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    /** `YYYY-NNN`, as quoted in the register and the prefecture's transmission. */
    number: text("number").notNull(),
    /** The sitting's day (Paris), the deliberation's legal date. */
    adoptedOn: date("adopted_on").notNull(),
    subject: text("subject").notNull(),
    itemType: text("item_type", { enum: ITEM_TYPES }).notNull(),
    /** @ctes nature of the act: 1 = délibération (the prefecture's classification). */
    natureCode: integer("nature_code").notNull().default(1),
    /** The deciding vote as proclaimed (a roll-call's names included; never a secret ballot's detail). */
    result: jsonb("result").notNull(),
    /** When the list showing it was published on the tenant's site. */
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("council_deliberations_number_unique").on(t.tenantId, t.year, t.seq),
    unique("council_deliberations_item_unique").on(t.itemId),
    index("council_deliberations_tenant_idx").on(t.tenantId, t.adoptedOn),
  ],
);
