import type { DirectoryBindings } from "../env.ts";
import { slugify } from "@communa/core/slug";

/**
 * A change that reaches a public page (published, edited while published, withdrawn) asks the
 * static host to rebuild that listing's page (the hook's receiver runs `npm run build:listing`).
 */
export function rebuild(
  c: { env: DirectoryBindings; executionCtx: { waitUntil(p: Promise<unknown>): void } },
  b: { slug: string; status: string; commune: { name: string } },
  was?: string,
) {
  if (!c.env.SITE_BUILD_HOOK || (b.status !== "published" && was !== "published")) return;
  c.executionCtx.waitUntil(
    fetch(c.env.SITE_BUILD_HOOK, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ commune: slugify(b.commune.name), listing: b.slug }),
    }).catch(() => undefined),
  );
}
