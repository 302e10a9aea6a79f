/**
 * The `staff` domain (issue #23, ADR 0039): the staff's digital safe (coffre-fort numérique, CPCE
 * L103) — payslips, arrêtés, contracts, training certificates — per agent and per tenant. Every
 * table is 'own' (RLS): Laigneville's safe is invisible from the EPCI and the other way round.
 *
 * Encryption (envelope): each document's bytes are sealed in R2 with a random AES-256-GCM key of its
 * own; that key is stored here wrapped by the tenant key of `key_version`; tenant keys are stored
 * wrapped by the master secret only the staff Worker holds (STAFF_MASTER_KEY). Postgres and R2
 * together hold no plaintext and no usable key. A rotation re-wraps document keys, not documents.
 *
 * Retention: payslips 50 years or until the agent's 75th birthday (the later, D3243-8: dated
 * parameter in the Worker), other documents per their type (the Worker's parameters), `retain_until`
 * on each row. Agents: professional details only (name, service, position, professional e-mail,
 * birth YEAR for the 75-years rule — not the birth date). The access journal is the L103
 * traceability record: kept as long as the agent's documents.
 */
import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { bytea, createdAt, id, tenantId, updatedAt } from "./columns.ts";

export const STAFF_DOCUMENT_TYPES = ["payslip", "decree", "contract", "training_certificate", "other"] as const;
export const STAFF_ACCESS_ACTIONS = ["list", "view", "download", "export", "acknowledge"] as const;
export const STAFF_OPPOSITION_KINDS = ["notice", "opposition", "withdrawal"] as const;

const list = (xs: readonly string[]) => sql.raw(xs.map((x) => `'${x}'`).join(", "));

/**
 * The tenant's rules for its safe. Opposition (D3243-7) applies where the tenant's staff include
 * private-law employees; the territorial e-payslip decree (2022-1446) is not settled in the
 * research, so the tenant says which text it applies and from when (`rules_source`, `rules_since`).
 */
export const staffSettings = pgTable("staff_settings", {
  tenantId: tenantId().primaryKey(),
  oppositionEnabled: boolean("opposition_enabled").notNull().default(false),
  rulesSource: text("rules_source").notNull().default(""),
  rulesSince: date("rules_since", { mode: "string" }),
  updatedAt: updatedAt(),
});

/** Tenant keys (32 random bytes), wrapped by the Worker's master secret; one active version. */
export const staffKeys = pgTable(
  "staff_keys",
  {
    id: id(),
    tenantId: tenantId(),
    version: integer("version").notNull(),
    wrapped: bytea("wrapped").notNull(),
    iv: bytea("iv").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (t) => [unique("staff_keys_version_unique").on(t.tenantId, t.version)],
);

export const staffAgents = pgTable(
  "staff_agents",
  {
    id: id(),
    tenantId: tenantId(),
    /** Matricule de paie: how the payroll PDF names the agent. */
    payrollNumber: text("payroll_number").notNull(),
    /** The identity person who reads this safe (set by HR with the people picker). */
    personId: text("person_id"),
    name: text("name").notNull(),
    /** Professional e-mail: where notifications (a link, never the document) go. */
    email: text("email").notNull().default(""),
    service: text("service").notNull().default(""),
    position: text("position").notNull().default(""),
    birthYear: integer("birth_year").notNull(),
    departureDate: date("departure_date", { mode: "string" }),
    /** Staff directory (trombinoscope): professional phone. */
    phone: text("phone").notNull().default(""),
    /** The photo (re-encoded WebP, metadata dropped) in the photos bucket; only with a consent. */
    photoKey: text("photo_key"),
    /** Consent per channel, revocable at any time (each change in staff_photo_consents). */
    photoIntranet: boolean("photo_intranet").notNull().default(false),
    photoPublic: boolean("photo_public").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    unique("staff_agents_payroll_unique").on(t.tenantId, t.payrollNumber),
    unique("staff_agents_person_unique").on(t.tenantId, t.personId),
    check("staff_agents_birth_year", sql`${t.birthYear} BETWEEN 1900 AND 2100`),
  ],
);

/** A month's payroll PDF: split per agent, checked by a second person, then published. */
export const staffBatches = pgTable(
  "staff_batches",
  {
    id: id(),
    tenantId: tenantId(),
    period: text("period").notNull(),
    fileName: text("file_name").notNull(),
    sha256: text("sha256").notNull(),
    pages: integer("pages").notNull(),
    status: text("status", { enum: ["pending", "published", "cancelled"] })
      .notNull()
      .default("pending"),
    depositedBy: text("deposited_by").notNull(),
    depositedAt: timestamp("deposited_at", { withTimezone: true }).notNull().defaultNow(),
    validatedBy: text("validated_by"),
    validatedAt: timestamp("validated_at", { withTimezone: true }),
    /** Expected vs found: { found: [...], unknown: [...], missing: [...] }. */
    manifest: jsonb("manifest").notNull(),
  },
  (t) => [
    check("staff_batches_period", sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check("staff_batches_four_eyes", sql`${t.validatedBy} IS NULL OR ${t.validatedBy} <> ${t.depositedBy}`),
  ],
);

export const staffDocuments = pgTable(
  "staff_documents",
  {
    id: id(),
    tenantId: tenantId(),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => staffAgents.id, { onDelete: "restrict" }),
    batchId: uuid("batch_id").references(() => staffBatches.id, { onDelete: "restrict" }),
    type: text("type", { enum: STAFF_DOCUMENT_TYPES }).notNull(),
    title: text("title").notNull(),
    /** Payslip month (YYYY-MM) or the document's day (YYYY-MM-DD). */
    period: text("period").notNull(),
    /** SHA-256 of the plaintext PDF (hex): the integrity the agent can check. */
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    r2Key: text("r2_key").notNull(),
    /** The document's own key, wrapped by the tenant key `key_version`. */
    wrappedKey: bytea("wrapped_key").notNull(),
    keyIv: bytea("key_iv").notNull(),
    keyVersion: integer("key_version").notNull(),
    /** Version chain: a correction replaces, the old one is kept (status superseded). */
    version: integer("version").notNull().default(1),
    replacesId: uuid("replaces_id"),
    status: text("status", { enum: ["pending", "published", "superseded"] })
      .notNull()
      .default("pending"),
    depositedBy: text("deposited_by").notNull(),
    depositedAt: timestamp("deposited_at", { withTimezone: true }).notNull().defaultNow(),
    retainUntil: date("retain_until", { mode: "string" }).notNull(),
    /** none (not yet), mail (a link sent), paper (the agent opposed or has no address). */
    notification: text("notification", { enum: ["none", "mail", "paper"] })
      .notNull()
      .default("none"),
    notifiedAt: timestamp("notified_at", { withTimezone: true }),
    /** Arrêtés: the day the agent acknowledged it (in the safe or on paper). */
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedVia: text("acknowledged_via", { enum: ["safe", "paper"] }),
    createdAt: createdAt(),
  },
  (t) => [
    index("staff_documents_agent_idx").on(t.agentId),
    index("staff_documents_batch_idx").on(t.batchId),
    check("staff_documents_type", sql`${t.type} IN (${list(STAFF_DOCUMENT_TYPES)})`),
  ],
);

/**
 * The agent's access journal (CPCE L103 traceability), hash-chained per agent: seq, the previous
 * hash, and SHA-256 of the canonical line ‖ previous hash, computed by the Worker under a lock on
 * the agent's row. The agent reads it and the Worker checks the chain on every read.
 */
export const staffAccessJournal = pgTable(
  "staff_access_journal",
  {
    id: id(),
    tenantId: tenantId(),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => staffAgents.id, { onDelete: "restrict" }),
    seq: integer("seq").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorId: text("actor_id").notNull(),
    /** agent (themself) or hr (the HR service). */
    actorRole: text("actor_role", { enum: ["agent", "hr"] }).notNull(),
    action: text("action", { enum: STAFF_ACCESS_ACTIONS }).notNull(),
    documentId: uuid("document_id"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    unique("staff_access_journal_seq_unique").on(t.agentId, t.seq),
    check("staff_access_journal_action", sql`${t.action} IN (${list(STAFF_ACCESS_ACTIONS)})`),
  ],
);

/** D3243-7 register: the prior notice (a certain date), oppositions and their withdrawals. */
export const staffOppositions = pgTable(
  "staff_oppositions",
  {
    id: id(),
    tenantId: tenantId(),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => staffAgents.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: STAFF_OPPOSITION_KINDS }).notNull(),
    on: date("on", { mode: "string" }).notNull(),
    /** For a notice: the first e-payslip's earliest day; for an opposition: paper at the latest from. */
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    recordedBy: text("recorded_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("staff_oppositions_agent_idx").on(t.agentId), check("staff_oppositions_kind", sql`${t.kind} IN (${list(STAFF_OPPOSITION_KINDS)})`)],
);

export const STAFF_PHOTO_CHANNELS = ["intranet", "public"] as const;

/**
 * Every change of an agent's consent to show their photo, per channel (intranet only, public site):
 * who changed it (the agent, or the departure), when, granted or withdrawn. Append-only.
 */
export const staffPhotoConsents = pgTable(
  "staff_photo_consents",
  {
    id: id(),
    tenantId: tenantId(),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => staffAgents.id, { onDelete: "restrict" }),
    channel: text("channel", { enum: STAFF_PHOTO_CHANNELS }).notNull(),
    granted: boolean("granted").notNull(),
    /** agent (themself) or departure (withdrawn when the agent left). */
    by: text("by", { enum: ["agent", "departure"] }).notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("staff_photo_consents_agent_idx").on(t.agentId)],
);
