import { z } from "zod";
import { dbEnvSchema, type DomainBindings } from "@communa/core";

export type StaffBindings = DomainBindings & {
  /** The safe's bucket: only this Worker is bound to it; it holds ciphertext only. */
  STAFF_SAFE: R2Bucket;
  /** The master secret (32 bytes, base64) wrapping every tenant key: only this Worker holds it. */
  STAFF_MASTER_KEY: string;
  /** Directory photos (re-encoded, metadata dropped), shown only with consent. */
  STAFF_PHOTOS: R2Bucket;
  /** Re-encodes photo uploads (Cloudflare Images). */
  IMAGES?: ImagesBinding;
};

export const staffEnvSchema = dbEnvSchema.extend({
  STAFF_SAFE: z.custom<R2Bucket>((v) => typeof v === "object" && v !== null && "put" in v, "liaison R2 attendue"),
  STAFF_PHOTOS: z.custom<R2Bucket>((v) => typeof v === "object" && v !== null && "put" in v, "liaison R2 attendue"),
  STAFF_MASTER_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, "clé de 32 octets en base64 attendue"),
});
