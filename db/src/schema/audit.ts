/**
 * The audit journal: who changed what, per tenant, append-only and hash-chained. Rows are written
 * by `Db.write` in the same transaction as the change; `seq`, `prev_hash` and `hash` are filled by
 * the database (trigger `app.audit_chain`), so no caller can break the chain by mistake.
 * Retention: kept 10 years (administrative records), then purged by the archive module (issue #7).
 */
import { bigint, char, index, jsonb, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { bytea, id, tenantId } from "./columns.ts";

export const auditJournal = pgTable(
  "audit_journal",
  {
    id: id(),
    tenantId: tenantId(),
    /** Position in the tenant's chain, from 1, without gaps (set by the database). */
    seq: bigint("seq", { mode: "number" }).notNull(),
    at: timestamp("at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id"),
    /** e.g. "territory.profile.update". */
    action: text("action").notNull(),
    /** e.g. "tenant_profiles/<uuid>". */
    target: text("target").notNull(),
    requestId: text("request_id").notNull(),
    /** What changed, without secrets (field names and new values of non-secret fields). */
    summary: jsonb("summary").notNull().default({}),
    prevHash: bytea("prev_hash").notNull(),
    hash: bytea("hash").notNull(),
  },
  (t) => [unique("audit_journal_tenant_seq").on(t.tenantId, t.seq), index("audit_journal_tenant_at_idx").on(t.tenantId, t.at)],
);

/**
 * Signed checkpoints of the audit journal (ADR 0020): the chain's head (seq, hash, time) signed by
 * the identity Worker's Ed25519 key (`JOURNAL_SIGNING_KEY`), made on each verification, by the
 * daily cron and after every N entries. The same checkpoint is anchored in R2 (bucket lock in
 * production). Append-only: the application may SELECT and INSERT; a trigger refuses UPDATE and
 * DELETE (migration 0036).
 */
export const auditCheckpoints = pgTable(
  "audit_checkpoints",
  {
    id: id(),
    tenantId: tenantId(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    /** The journal entry's hash at `seq` (hexadecimal). */
    hash: char("hash", { length: 64 }).notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    keyId: text("key_id").notNull(),
    /** Ed25519 signature (base64) of the checkpoint text (core `checkpointText`). */
    signature: text("signature").notNull(),
    /** Why it was made: "verify", "daily", "entries". */
    reason: text("reason").notNull(),
    /** The R2 object holding the same checkpoint. */
    anchorKey: text("anchor_key").notNull(),
  },
  (t) => [unique("audit_checkpoints_tenant_seq").on(t.tenantId, t.seq)],
);
