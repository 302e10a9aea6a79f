import { z } from "zod";
import { dbEnvSchema, type DomainBindings } from "@communa/core";
import type { ArchiveDepositService } from "@communa/contracts/rpc";

export type RecruitmentBindings = DomainBindings & {
  /** Candidates' CVs and letters (this Worker alone is bound to the bucket). */
  FILES: R2Bucket;
  /**
   * Where a change to the public notices is announced (published on the site, closed): the static
   * host's deploy hook in production, the site's dev server locally (ADR 0044). Unset: no rebuild.
   */
  SITE_BUILD_HOOK?: string;
  /** The archive Worker (service binding): its `deposit` RPC seals a hired candidate's file into the HR agent file. */
  ARCHIVE?: ArchiveDepositService;
};

export const recruitmentEnvSchema = dbEnvSchema.extend({
  FILES: z.custom<object>((v) => typeof v === "object" && v !== null, "liaison R2 FILES absente"),
  SITE_BUILD_HOOK: z.url().optional(),
});
