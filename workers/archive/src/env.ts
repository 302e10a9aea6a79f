import { z } from "zod";
import { dbEnvSchema, type DomainBindings } from "@communa/core";

export type ArchiveBindings = DomainBindings & {
  /** The archive bucket: only this Worker holds it (content-addressed objects, never overwritten). */
  ARCHIVE: R2Bucket;
  /** Ed25519 private key (PKCS #8, base64) sealing the journal; its public key is published. */
  ARCHIVE_SIGNING_KEY: string;
  /** Name of the archival service in SEDA messages (ArchivalAgency); the tenant's name when unset. */
  ARCHIVE_AGENCY_NAME?: string;
  /** Retired journal keys still trusted (raw Ed25519 public keys, base64, comma-separated) after a rotation. */
  ARCHIVE_PREVIOUS_KEYS?: string;
  /** RFC 3161 timestamp authority (production): each journal hash is also timestamped there. */
  ARCHIVE_TSA_URL?: string;
  /** Trust anchors of that authority (PEM certificates): its tokens must chain to one of them. */
  ARCHIVE_TSA_TRUST?: string;
};

export const archiveEnvSchema = dbEnvSchema.extend({
  ARCHIVE: z.custom<R2Bucket>((v) => typeof v === "object" && v !== null && "put" in v, "liaison R2 attendue"),
  ARCHIVE_SIGNING_KEY: z.string().min(40, "clé Ed25519 PKCS #8 en base64 attendue"),
  ARCHIVE_AGENCY_NAME: z.string().optional(),
  ARCHIVE_TSA_URL: z.url().optional(),
  ARCHIVE_TSA_TRUST: z
    .string()
    .regex(/^(\s*-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----\s*)+$/, "certificats PEM attendus")
    .optional(),
  ARCHIVE_PREVIOUS_KEYS: z
    .string()
    .regex(/^[A-Za-z0-9+/=,\s]*$/, "clés publiques en base64 séparées par des virgules")
    .optional(),
});
