/**
 * The `waste` domain, event side (issue #8, ADR 0016): what trucks' RFID readers and on-board
 * sorting cameras report, written by the queue consumers of the waste Worker. Each event carries
 * the device's own key (device id + sequence), unique per tenant, and the SHA-256 digest of its
 * content (canonical JSON of the event's fields, `eventDigest` in @communa/contracts/devices): a
 * redelivered message (same key, same digest) is written once; the same key with another content (a
 * reader whose counter restarted) is never written over the stored event nor dropped: it becomes an
 * `event_conflict` anomaly carrying both versions. An event whose chip matches no bin in service is
 * kept with `bin_id` NULL and an anomaly to resolve, never dropped. Messages the consumers cannot read
 * end in `waste_dead_letters`, where an agent inspects, fixes and replays them.
 *
 * Retention (app.purge_waste_events_expired, migration waste_events_rls): lifts 6 years (they are
 * the basis of the incentive tax, the tax office's right of review), sorting events 3 years (as bin
 * checks), anomalies 1 year after resolution, dead letters 90 days after replay or discard.
 */
import { sql } from "drizzle-orm";
import { check, doublePrecision, index, integer, jsonb, numeric, pgTable, real, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId } from "./columns.ts";
import { wasteBins, WASTE_STREAMS } from "./waste.ts";

/** One lift of a chipped bin by a truck. */
export const wasteLifts = pgTable(
  "waste_lifts",
  {
    id: id(),
    tenantId: tenantId(),
    /** The device's key for the event: "<device id>:<sequence>". */
    eventId: text("event_id").notNull(),
    deviceId: uuid("device_id").notNull(),
    /** RFID chip as read (ISO 11784/11785 style: 3-digit country or manufacturer code + 12 digits). */
    chipId: text("chip_id").notNull(),
    /** The bin in service carrying this chip when the event was written; NULL = unknown chip (see anomalies). */
    binId: uuid("bin_id").references(() => wasteBins.id, { onDelete: "set null" }),
    truck: text("truck").notNull(),
    round: text("round").notNull(),
    liftedAt: timestamp("lifted_at", { withTimezone: true }).notNull(),
    lon: doublePrecision("lon").notNull(),
    lat: doublePrecision("lat").notNull(),
    weightKg: numeric("weight_kg", { precision: 7, scale: 2 }),
    stream: text("stream", { enum: WASTE_STREAMS }).notNull(),
    /** SHA-256 (hex) of the event's canonical JSON; NULL for events written before migration 0038. */
    contentDigest: text("content_digest"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("waste_lifts_event_unique").on(t.tenantId, t.eventId),
    index("waste_lifts_bin_idx").on(t.tenantId, t.binId, t.liftedAt),
    index("waste_lifts_time_idx").on(t.tenantId, t.liftedAt),
    index("waste_lifts_chip_idx").on(t.tenantId, t.chipId),
    check("waste_lifts_position", sql`${t.lon} BETWEEN -180 AND 180 AND ${t.lat} BETWEEN -90 AND 90`),
    check("waste_lifts_weight", sql`${t.weightKg} IS NULL OR ${t.weightKg} >= 0`),
  ],
);

/** A sorting error seen by a truck's camera in a bin being emptied. */
export const wasteSortingEvents = pgTable(
  "waste_sorting_events",
  {
    id: id(),
    tenantId: tenantId(),
    eventId: text("event_id").notNull(),
    /** The camera. */
    deviceId: uuid("device_id").notNull(),
    chipId: text("chip_id").notNull(),
    binId: uuid("bin_id").references(() => wasteBins.id, { onDelete: "set null" }),
    observedAt: timestamp("observed_at", { withTimezone: true }).notNull(),
    /** Error category, e.g. "glass-in-packaging", "bags-in-recycling". */
    category: text("category").notNull(),
    confidence: real("confidence").notNull(),
    /** Key of the picture in R2, when the camera uploaded one. */
    imageKey: text("image_key"),
    /** SHA-256 (hex) of the event's canonical JSON; NULL for events written before migration 0038. */
    contentDigest: text("content_digest"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("waste_sorting_events_event_unique").on(t.tenantId, t.eventId),
    index("waste_sorting_events_bin_idx").on(t.tenantId, t.binId, t.observedAt),
    check("waste_sorting_events_confidence", sql`${t.confidence} BETWEEN 0 AND 1`),
  ],
);

/**
 * unknown_chip and stream_mismatch: the registry cannot explain the event. event_conflict: the
 * device sent another content under a key already stored (detail: `stored` and `received`).
 */
export const WASTE_ANOMALY_KINDS = ["unknown_chip", "stream_mismatch", "event_conflict"] as const;

/** Something an event reported that the registry cannot explain, for an agent to resolve. */
export const wasteAnomalies = pgTable(
  "waste_anomalies",
  {
    id: id(),
    tenantId: tenantId(),
    kind: text("kind", { enum: WASTE_ANOMALY_KINDS }).notNull(),
    source: text("source", { enum: ["lift", "sorting"] }).notNull(),
    eventId: text("event_id").notNull(),
    deviceId: uuid("device_id").notNull(),
    chipId: text("chip_id").notNull(),
    observedAt: timestamp("observed_at", { withTimezone: true }).notNull(),
    /** What the event said (truck, round, stream…) and what the registry holds, for the agent. */
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    /**
     * For an event_conflict, the digest of the version received (each different version is one
     * anomaly; the same one redelivered is not recorded twice); NULL for the other kinds.
     */
    contentDigest: text("content_digest"),
    status: text("status", { enum: ["open", "resolved", "dismissed"] })
      .notNull()
      .default("open"),
    resolution: text("resolution"),
    resolvedBy: text("resolved_by"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("waste_anomalies_event_unique").on(t.tenantId, t.source, t.eventId, t.kind, t.contentDigest).nullsNotDistinct(),
    index("waste_anomalies_open_idx").on(t.tenantId, t.status, t.createdAt),
  ],
);

/** A queue message the consumers could not process: kept for an agent to inspect, fix and replay. */
export const wasteDeadLetters = pgTable(
  "waste_dead_letters",
  {
    id: id(),
    tenantId: tenantId(),
    /** The queue the message was meant for ("bin-lifts", "sorting-events"). */
    queue: text("queue").notNull(),
    /** The queue's message id (redelivery of the same dead letter is written once). */
    messageId: text("message_id").notNull(),
    /**
     * The message as received, as JSON text (not jsonb: a message may hold what jsonb refuses, such
     * as a NUL character, and must still be kept). Never changed (a trigger refuses it): the
     * device's own words stay beside any agent's edit.
     */
    body: text("body").notNull(),
    /** The message as the agent fixed it before replaying it (NULL: replayed as received, or not yet). */
    editedBody: text("edited_body"),
    editedBy: text("edited_by"),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    /** Why it was set aside, in French (validation errors, or retries exhausted). */
    reason: text("reason").notNull(),
    attempts: integer("attempts").notNull().default(0),
    status: text("status", { enum: ["pending", "replayed", "discarded"] })
      .notNull()
      .default("pending"),
    handledBy: text("handled_by"),
    handledAt: timestamp("handled_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("waste_dead_letters_message_unique").on(t.tenantId, t.queue, t.messageId),
    index("waste_dead_letters_status_idx").on(t.tenantId, t.status, t.createdAt),
  ],
);
