/**
 * Devices (truck RFID readers, sorting cameras, sensors, kiosks) sign every request with a secret
 * of theirs (HMAC-SHA256). The server must recompute the signature, so it keeps the secret —
 * encrypted (AES-GCM) with a key only the identity Worker holds. Rotation: a new key is valid at
 * once; the previous one stays valid until `valid_until` (the overlap), then is refused.
 * Retention: kept while the device is registered, then 1 year after revocation (audit trail).
 */
import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea, createdAt, id, tenantId } from "./columns.ts";
import { DEVICE_KINDS } from "@communa/contracts/devices";

export const deviceKind = pgEnum("device_kind", DEVICE_KINDS);

export const devices = pgTable(
  "devices",
  {
    id: id(),
    tenantId: tenantId(),
    kind: deviceKind("kind").notNull(),
    name: text("name").notNull(),
    permissions: text("permissions").array().notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
  },
  (t) => [index("devices_tenant_idx").on(t.tenantId)],
);

export const deviceKeys = pgTable(
  "device_keys",
  {
    id: id(),
    tenantId: tenantId(),
    deviceId: uuid("device_id")
      .notNull()
      .references(() => devices.id, { onDelete: "cascade" }),
    /** AES-GCM ciphertext of the 32-byte secret, and its nonce. */
    secretCipher: bytea("secret_cipher").notNull(),
    secretIv: bytea("secret_iv").notNull(),
    createdAt: createdAt(),
    /** Set when a newer key replaces this one: the end of the overlap. */
    validUntil: timestamp("valid_until", { withTimezone: true }),
  },
  (t) => [index("device_keys_device_idx").on(t.deviceId), check("device_keys_iv_length", sql`length(${t.secretIv}) = 12`)],
);
