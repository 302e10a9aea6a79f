/**
 * A tenant's public address, from configuration only: the links a domain writes into answers and
 * mails (sign-in links, OpenID redirect URIs, OGC/DCAT links, JSON-LD identifiers) must never come
 * from the request's `Host` header, which the client chooses. A forged host would otherwise be
 * mailed as a sign-in link, or cached at the edge and served to everyone else.
 *
 * - In production, a tenant lives at `https://<slug>.<BASE_DOMAIN>`; its pages are under `/<slug>/`
 *   on the same host (ADR 0011).
 * - Locally (`PUBLIC_ORIGIN` set: the site's dev server, which forwards the API), tenants are
 *   addressed by path: `<PUBLIC_ORIGIN>/t/<slug>` for the API, `<PUBLIC_ORIGIN>/<slug>` for pages.
 *
 * A request reaching the gateway under any other host name is served with these same canonical
 * links (ADR 0021).
 */
import type { Tenant } from "@communa/core/edge";

export interface PublicAddress {
  /** Origin of the tenant's public address, e.g. "https://liancourt.communa.fr". */
  origin: string;
  /** Where the tenant's API lives: `<origin>` or `<origin>/t/<slug>`; routes append `/api/…`. */
  baseUrl: string;
  /** The tenant's pages: `<origin>/<slug>`. */
  siteUrl: string;
}

export interface AddressConfig {
  BASE_DOMAIN: string;
  PUBLIC_ORIGIN?: string;
}

/** The canonical public address of `tenant`, from configuration and the tenant registry only. */
export function publicAddress(env: AddressConfig, tenant: Pick<Tenant, "slug">): PublicAddress {
  if (env.PUBLIC_ORIGIN) {
    const origin = new URL(env.PUBLIC_ORIGIN).origin;
    return { origin, baseUrl: `${origin}/t/${tenant.slug}`, siteUrl: `${origin}/${tenant.slug}` };
  }
  const origin = `https://${tenant.slug}.${env.BASE_DOMAIN}`;
  return { origin, baseUrl: origin, siteUrl: `${origin}/${tenant.slug}` };
}
