/**
 * The one validator for a link a person types (a listing's website, a room's visio link, a sitting's
 * documents…): an absolute web address, nothing else — `javascript:`, `data:` and the like are
 * refused at the door with the domain's own French message (ADR 0018). The pages also refuse to
 * link anything else (`safeHref` in `@communa/core/html`), for rows written before this check.
 */
import { z } from "@hono/zod-openapi";
import { isHttpUrl } from "./html.ts";

export interface HttpUrlOptions {
  /** The field's error, from the domain's `messages.fr.ts` (it names the field). */
  message: string;
  /** Longest accepted address (characters). */
  max?: number;
  /** `["https"]` where a plain-text link would leak (a visio link with its meeting code). */
  schemes?: readonly ("http" | "https")[];
}

/** A trimmed string that must be an `http:`/`https:` address with a host; `format: uri` in the OpenAPI document. */
export function httpUrl({ message, max = 300, schemes = ["http", "https"] }: HttpUrlOptions) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((v) => isHttpUrl(v, schemes), { error: message })
    .openapi({ format: "uri" });
}
