/**
 * Tenant resolution: `<slug>.<BASE_DOMAIN>` in production, `/t/<slug>/…` locally. The registry
 * lives in the territory Worker; answers are kept briefly in the isolate so a request does not pay a
 * database round trip for the tenant (new tenants appear within TTL_MS).
 */
import { rpcValue, type Tenant } from "@communa/core/edge";
import type { GatewayEnv } from "./env.ts";

const TTL_MS = 60_000;
const cache = new Map<string, { tenant: Tenant | null; until: number }>();

export interface TenantAddress {
  slug: string | null;
  /** Path with the `/t/<slug>` prefix removed. */
  path: string;
  /** How the tenant was addressed, to build links back. */
  via: "host" | "path" | "none";
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function addressOf(url: URL, baseDomain: string): TenantAddress {
  const host = url.hostname.toLowerCase();
  const suffix = `.${baseDomain.toLowerCase()}`;
  if (baseDomain && host.endsWith(suffix)) {
    const label = host.slice(0, -suffix.length);
    if (SLUG.test(label) && label !== "www" && label !== "api") return { slug: label, path: url.pathname, via: "host" };
  }
  const m = /^\/t\/([^/]+)(\/.*)?$/.exec(url.pathname);
  if (m) return { slug: m[1], path: m[2] ?? "/", via: "path" };
  return { slug: null, path: url.pathname, via: "none" };
}

export async function resolveTenant(env: GatewayEnv, slug: string): Promise<Tenant | null> {
  if (!SLUG.test(slug) || slug.length > 63) return null;
  const hit = cache.get(slug);
  const now = Date.now();
  if (hit && hit.until > now) return hit.tenant;
  const tenant = rpcValue(await env.TERRITORY.resolveTenant(slug));
  // Unknown slugs are remembered too (briefly), so random host names cannot hammer the database.
  cache.set(slug, { tenant, until: now + (tenant ? TTL_MS : TTL_MS / 4) });
  if (cache.size > 10_000) cache.clear();
  return tenant;
}
