/**
 * The site's public origin (Astro's `site`): canonical links, Open Graph addresses, sitemap.xml and
 * robots.txt are written from it. Production sets SITE_URL. A build from an API on this machine
 * (`npm run dev`, the tests, the benches: COMMUNA_API_ORIGIN on 127.0.0.1 or localhost) may leave it
 * out and gets LOCAL_SITE, the dev server's address. A build from any other API without SITE_URL is
 * a production build that would publish local addresses: it stops, saying what to set.
 */
import { b } from "./src/i18n/build.fr.ts";

export const LOCAL_SITE = "http://127.0.0.1:4321";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

function isLocal(origin: string): boolean {
  try {
    const host = new URL(origin).hostname;
    return LOOPBACK.has(host) || host.endsWith(".localhost");
  } catch {
    return false;
  }
}

export function siteUrl(env: Record<string, string | undefined> = process.env): string {
  const given = env.SITE_URL?.trim();
  if (given) {
    let url: URL;
    try {
      url = new URL(given);
    } catch {
      throw new Error(b.siteUrlInvalid(given));
    }
    if (!/^https?:$/.test(url.protocol) || url.pathname !== "/" || url.search || url.hash || url.username) throw new Error(b.siteUrlInvalid(given));
    return url.origin;
  }
  const api = env.COMMUNA_API_ORIGIN;
  if (api && !isLocal(api)) throw new Error(b.siteUrlMissing(api));
  return LOCAL_SITE;
}
