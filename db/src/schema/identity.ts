/**
 * Identity and access. API keys for integrations: shown once, stored as a SHA-256 hash, scoped to
 * one tenant and a list of permissions, expiring, revocable, last use recorded.
 * Retention: revoked or expired keys are kept 1 year for the audit trail, then purged.
 */
import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { bytea, createdAt, id, tenantId } from "./columns.ts";

export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    tenantId: tenantId(),
    name: text("name").notNull(),
    /** Public part of the key, shown in lists and used to find it (`cmn_<prefix>_…`). */
    prefix: text("prefix").notNull(),
    /** SHA-256 of the whole key; the key itself is never stored. */
    hash: bytea("hash").notNull(),
    permissions: text("permissions").array().notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    unique("api_keys_prefix_unique").on(t.prefix),
    index("api_keys_tenant_idx").on(t.tenantId),
    check("api_keys_prefix_format", sql`${t.prefix} ~ '^[a-z2-7]{10}$'`),
  ],
);
