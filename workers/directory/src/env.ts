import { z } from "zod";
import { dbEnvSchema, type DomainBindings } from "@communa/core";

export type DirectoryBindings = DomainBindings & {
  /**
   * Where to ask for a site rebuild when a listing's public page changes (ADR 0013): the static
   * host's deploy hook in production. Unset locally: the dev server renders pages on request.
   */
  SITE_BUILD_HOOK?: string;
};

export const directoryEnvSchema = dbEnvSchema.extend({ SITE_BUILD_HOOK: z.url().optional() });
