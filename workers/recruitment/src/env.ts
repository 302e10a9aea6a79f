import { z } from "zod";
import { dbEnvSchema, type DomainBindings } from "@communa/core";

export type RecruitmentBindings = DomainBindings & {
  /** Candidates' CVs and letters (this Worker alone is bound to the bucket). */
  FILES: R2Bucket;
};

export const recruitmentEnvSchema = dbEnvSchema.extend({
  FILES: z.custom<object>((v) => typeof v === "object" && v !== null, "liaison R2 FILES absente"),
});
