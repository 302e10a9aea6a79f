/**
 * The audit journal: who changed what, per tenant, append-only and hash-chained. Rows are written
 * by `Db.write` in the same transaction as the change; `seq`, `prev_hash` and `hash` are filled by
 * the database (trigger `app.audit_chain`), so no caller can break the chain by mistake.
 * Retention: kept 10 years (administrative records), then purged by the archive module (issue #7).
 */
import { bigint, index, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
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
