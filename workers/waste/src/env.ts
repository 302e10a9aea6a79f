import { dbEnvSchema, type DomainBindings } from "@communa/core";

export type WasteBindings = DomainBindings & {
  /** Photos of bin checks (the waste Worker alone reads and writes this bucket). */
  CHECK_PHOTOS?: R2Bucket;
};

export const wasteEnvSchema = dbEnvSchema;
