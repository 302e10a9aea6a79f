import { z } from "zod";
import { dbEnvSchema, type DomainBindings } from "@communa/core";
import type { DirectoryIdentityService } from "@communa/contracts/rpc";

export type DirectoryBindings = DomainBindings & {
  /**
   * Where to ask for a site rebuild when a listing's public page changes (ADR 0013): the static
   * host's deploy hook in production. Unset locally: the dev server renders pages on request.
   */
  SITE_BUILD_HOOK?: string;
  /** Listing photos, re-encoded (the directory Worker alone writes this bucket). */
  PHOTOS: R2Bucket;
  /**
   * Cloudflare Images: reads, resizes and re-encodes uploads (Sharp stands in locally). Without it
   * the directory works and photo uploads are refused (503) rather than stored unresized.
   */
  IMAGES?: ImagesBinding;
  /** Identity's door for the directory: grants the merchant role when a claim is granted (ADR 0025). */
  IDENTITY: Service & DirectoryIdentityService;
};

const binding = (what: string) => z.custom<object>((v) => typeof v === "object" && v !== null, `liaison ${what} absente`);

export const directoryEnvSchema = dbEnvSchema.extend({
  SITE_BUILD_HOOK: z.url().optional(),
  PHOTOS: binding("R2"),
  IMAGES: binding("Images").optional(),
  IDENTITY: binding("de service IDENTITY"),
});
