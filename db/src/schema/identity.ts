/**
 * Identity and access. API keys for integrations: shown once, stored as a SHA-256 hash, scoped to
 * one tenant and a list of permissions, expiring, revocable, last use recorded.
 * Retention: revoked or expired keys are kept 1 year for the audit trail, then purged.
 */
import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
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

/**
 * People who sign in (agents, elected members, residents, merchants). One person, many tenants:
 * what they may do is in `memberships`, per tenant. Personal data kept to the minimum (a name and,
 * when the identity provider gives one, an e-mail address). Retention: deleted 3 years after the
 * last sign-in when no membership remains (the identity module's purge, issue #3).
 */
export const people = pgTable("people", {
  id: id(),
  displayName: text("display_name").notNull(),
  email: text("email"),
  createdAt: createdAt(),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
});

/** Roles a person holds in one tenant (see `ROLES` in @communa/core). */
export const memberships = pgTable(
  "memberships",
  {
    tenantId: tenantId(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    grantedBy: text("granted_by").notNull(),
    grantedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.personId, t.role] }),
    index("memberships_person_idx").on(t.personId),
    check("memberships_role_format", sql`${t.role} ~ '^(admin|agent:[a-z-]+|councillor|council_president|merchant|resident)$'`),
  ],
);
