import { z } from "zod";
import { dbEnvSchema, type DomainBindings } from "@communa/core";
import type { WasteIdentityService } from "@communa/contracts/rpc";

export type WasteBindings = DomainBindings & {
  /** Photos of bin checks (the waste Worker alone reads and writes this bucket). */
  CHECK_PHOTOS?: R2Bucket;
  /** Identity's door for the waste Worker: occupants by e-mail, agents among members (ADR 0025). */
  IDENTITY: Service & WasteIdentityService;
};

const binding = (what: string) => z.custom<object>((v) => typeof v === "object" && v !== null, { error: `liaison ${what} absente` });

export const wasteEnvSchema = dbEnvSchema.extend({
  IDENTITY: binding("IDENTITY (service identité)"),
});
