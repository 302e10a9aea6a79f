import { z } from "zod";
import { dbEnvSchema, type DomainBindings } from "@communa/core";
import type { DeviceNonces } from "./device-nonces.ts";

export type IdentityBindings = DomainBindings & {
  /** AES-GCM key (base64, 32 bytes) sealing device secrets; only this Worker holds it. */
  IDENTITY_SECRETS_KEY: string;
  DEVICE_NONCES: DurableObjectNamespace<DeviceNonces>;
  /** Ed25519 private key (PKCS #8, base64) signing the audit journal's checkpoints; only this Worker holds it. */
  JOURNAL_SIGNING_KEY: string;
  /** Retired checkpoint keys still trusted (raw Ed25519 public keys, base64, comma-separated). */
  JOURNAL_PREVIOUS_KEYS?: string;
  /** Where checkpoints are anchored outside the database (R2; bucket lock in production). */
  JOURNAL_ANCHORS: R2Bucket;
};

export const identityEnvSchema = dbEnvSchema.extend({
  IDENTITY_SECRETS_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, "clé AES de 32 octets en base64 attendue"),
  JOURNAL_SIGNING_KEY: z.string().min(40, "clé Ed25519 PKCS #8 en base64 attendue"),
  JOURNAL_PREVIOUS_KEYS: z
    .string()
    .regex(/^[A-Za-z0-9+/=,\s]*$/, "clés publiques en base64 séparées par des virgules")
    .optional(),
  JOURNAL_ANCHORS: z.custom<R2Bucket>((v) => typeof v === "object" && v !== null && "put" in v, "liaison R2 attendue"),
});
