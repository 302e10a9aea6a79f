import { z } from "zod";
import { dbEnvSchema, type DomainBindings } from "@communa/core";

export type TerritoryBindings = DomainBindings & {
  /** Tenants' logos and coats of arms, re-encoded WebP under their content hash (this Worker alone writes it). */
  LOGOS: R2Bucket;
  /**
   * Cloudflare Images, as the directory's photos (Sharp stands in locally): reads and re-encodes a
   * logo upload. Without it the territory works and logo uploads are refused (503), never stored as sent.
   */
  IMAGES?: ImagesBinding;
};

const binding = (what: string) => z.custom<object>((v) => typeof v === "object" && v !== null, `liaison ${what} absente`);

export const territoryEnvSchema = dbEnvSchema.extend({
  LOGOS: binding("R2"),
  IMAGES: binding("Images").optional(),
});
