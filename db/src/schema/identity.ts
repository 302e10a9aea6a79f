/**
 * Identity and access. API keys for integrations: shown once, stored as a SHA-256 hash, scoped to
 * one tenant and a list of permissions, expiring, revocable, last use recorded. A key acts for the
 * person who created it (or who created its parent key): at each use its permissions are narrowed
 * to what that person and its parent key hold then (ADR 0008).
 * Retention: revoked or expired keys are kept 1 year for the audit trail, then purged.
 */
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { bytea, createdAt, id, tenantId, updatedAt } from "./columns.ts";

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
    /**
     * The person the key acts for: its creator, or its parent key's person. Null: nobody (a key
     * of no person holds no permission). Set null if the person is purged.
     */
    personId: uuid("person_id").references((): AnyPgColumn => people.id, { onDelete: "set null" }),
    /** The key that created this one (one level at most); revoking or purging it takes this one too. */
    parentKeyId: uuid("parent_key_id").references((): AnyPgColumn => apiKeys.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    unique("api_keys_prefix_unique").on(t.prefix),
    index("api_keys_tenant_idx").on(t.tenantId),
    index("api_keys_person_idx").on(t.personId),
    index("api_keys_parent_idx").on(t.parentKeyId),
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
    check(
      "memberships_role_format",
      sql`${t.role} ~ '^(admin|agent:[a-z-]+|archivist|archive_controller|councillor|council_president|france_services_referent|merchant|resident|employee)$'`,
    ),
  ],
);

/**
 * Sessions of signed-in people: server-side records (revocable), the cookie carries a random token
 * whose SHA-256 is stored. A session belongs to the tenant whose address the person signed in at.
 * Retention: deleted 30 days after expiry or revocation.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: id(),
    tenantId: tenantId(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    tokenHash: bytea("token_hash").notNull(),
    method: text("method").notNull(),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    idleSeconds: integer("idle_seconds").notNull(),
    absoluteExpiresAt: timestamp("absolute_expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** The OpenID provider the person signed in with (null: e-mail link). */
    providerId: uuid("provider_id").references(() => identityProviders.id, { onDelete: "set null" }),
    /** The provider's ID token, sealed (IDENTITY_SECRETS_KEY, session id as associated data), kept
     * only as the `id_token_hint` of sign-out at the provider; deleted with the session. */
    idTokenCipher: bytea("id_token_cipher"),
    idTokenIv: bytea("id_token_iv"),
  },
  (t) => [unique("sessions_token_unique").on(t.tokenHash), index("sessions_person_idx").on(t.personId)],
);

/**
 * Sign-in links sent by e-mail: single use, 15 minutes, bound to the browser that asked (the hash
 * of a cookie set on that browser). Retention: deleted after 1 day.
 */
export const magicLinks = pgTable("magic_links", {
  id: id(),
  tenantId: tenantId(),
  personId: uuid("person_id")
    .notNull()
    .references(() => people.id, { onDelete: "cascade" }),
  tokenHash: bytea("token_hash").notNull().unique(),
  browserHash: bytea("browser_hash").notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/**
 * Outgoing e-mail, behind one interface: in development and tests the outbox is the destination
 * (read by tests and shown to developers); in production a sender drains it. Retention: 30 days.
 */
export const outbox = pgTable("outbox", {
  id: id(),
  tenantId: tenantId(),
  recipient: text("recipient").notNull(),
  subject: text("subject").notNull(),
  body: text("body").notNull(),
  createdAt: createdAt(),
  sentAt: timestamp("sent_at", { withTimezone: true }),
});

/**
 * OpenID Connect providers a tenant signs people in with (ProConnect for agents and elected
 * members, FranceConnect for residents, or any standard provider). The client secret is sealed
 * with the identity Worker's key (row id as associated data); it is never returned.
 */
export const identityProviders = pgTable(
  "identity_providers",
  {
    id: id(),
    tenantId: tenantId(),
    /** In the sign-in address: `/api/identity/auth/oidc/<slug>/start`. */
    slug: text("slug").notNull(),
    /** Button text on the sign-in page ("ProConnect", "FranceConnect"…). */
    label: text("label").notNull(),
    kind: text("kind", { enum: ["proconnect", "franceconnect", "oidc"] }).notNull(),
    /** Who it is for: agents and elected members, or residents. */
    audience: text("audience", { enum: ["agents", "residents"] }).notNull(),
    issuer: text("issuer").notNull(),
    clientId: text("client_id").notNull(),
    clientSecretCipher: bytea("client_secret_cipher").notNull(),
    clientSecretIv: bytea("client_secret_iv").notNull(),
    scopes: text("scopes").notNull(),
    acrValues: text("acr_values"),
    /**
     * A person unknown to the tenant on first sign-in: `match-email` links them to the member with
     * the same (verified) address or refuses; `create-resident` creates them as a resident.
     */
    firstSignIn: text("first_sign_in", { enum: ["match-email", "create-resident"] }).notNull(),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("identity_providers_slug_unique").on(t.tenantId, t.slug),
    check("identity_providers_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check("identity_providers_issuer_format", sql`${t.issuer} ~ '^https?://'`),
  ],
);

/**
 * Which person a provider's subject (`sub`) is, in a tenant. Retention: deleted with the person or
 * the provider.
 */
export const personIdentities = pgTable(
  "person_identities",
  {
    tenantId: tenantId(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => identityProviders.id, { onDelete: "cascade" }),
    subject: text("subject").notNull(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.subject] }), index("person_identities_person_idx").on(t.personId)],
);
