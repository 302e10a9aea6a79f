import { createHash } from "node:crypto";

/**
 * The site's security headers, in one place (ADR 0018): the static host's `_headers` file is
 * written from these rules at build time (`dist/_headers`, Cloudflare Workers static assets / Pages
 * format), and the dev server sends the same headers on every page (site/dev-proxy.mjs), so pages
 * meet the same policy in development, in the tests and in production.
 *
 * Scripts: `'self'` only — no inline script anywhere (the build refuses one, see `inlineScripts`),
 * no hash to keep in step, and an injected `<script>` or `onerror=` never runs. Styles: the built
 * site's own `<style>` blocks only, by their SHA-256 (Astro inlines each page's stylesheet, so a
 * page needs no render-blocking request; the build collects the hashes of every page's blocks — a
 * handful, shared by hundreds of pages — into the policy) and no `style` attribute at all (the build
 * refuses one): an injected `<style>` or `style=` is not applied. MapLibre and uPlot set styles
 * through the CSSOM, which the policy does not govern. The development server, whose Vite injects
 * each module's CSS as a `<style>` of its own, allows inline styles (`styleHashes` unknown there):
 * production's policy is the built site's, tested on the built site. Every page refuses
 * to be framed, except the map portal `/<slug>/carte/`, which the embedding code (`/<slug>/carte/integrer/`)
 * puts in other sites' pages (`?embed=1`): `frame-ancestors` from SITE_FRAME_ANCESTORS, `*` by default.
 */

/** Same values as the gateway's (workers/gateway/src/headers.ts) for what both send. */
const COMMON = {
  "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
  // The trails page follows the walker's position; the embedded map asks it through `allow="geolocation"`.
  "Permissions-Policy": "geolocation=(self), camera=(), microphone=()",
};

/** An origin from a URL in the environment, or nothing. */
function originOf(value: string | undefined | null): string | null {
  try {
    return value ? new URL(value).origin : null;
  } catch {
    return null;
  }
}

type Env = Record<string, string | undefined>;

/**
 * The origins pages may read from besides their own: the API when it answers elsewhere (development:
 * COMMUNA_API_ORIGIN, whose photo addresses the build writes into pages), the base map's style
 * (PUBLIC_MAP_STYLE_URL) and, for a base map whose tiles live on other hosts, SITE_CSP_ORIGINS
 * (space-separated origins).
 */
export function extraOrigins(env: Env = process.env): string[] {
  const listed = (env.SITE_CSP_ORIGINS ?? "").split(/\s+/).map(originOf);
  return [...new Set([originOf(env.COMMUNA_API_ORIGIN), originOf(env.PUBLIC_MAP_STYLE_URL), ...listed].filter((o): o is string => o !== null))];
}

/**
 * The page policy. `frameAncestors`: `'none'`, or who may frame the page. `styleHashes`: the
 * built pages' `<style>` blocks (`sha256-…`, see inlineStyleHashes); without them (the development
 * server) inline styles are allowed.
 */
export function contentSecurityPolicy({
  origins = [],
  frameAncestors = "'none'",
  styleHashes,
}: {
  origins?: string[];
  frameAncestors?: string;
  styleHashes?: readonly string[];
} = {}): string {
  const extra = origins.length ? ` ${origins.join(" ")}` : "";
  const styles = styleHashes ? ["'self'", ...styleHashes.map((h) => `'${h}'`)].join(" ") : "'self' 'unsafe-inline'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src ${styles}`,
    `img-src 'self' data: blob:${extra}`,
    "font-src 'self'",
    `connect-src 'self'${extra}`,
    // MapLibre's worker: a file, or (trails page, kept offline) a blob of the bundled worker.
    "worker-src 'self' blob:",
    "frame-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
}

/** The map portal: the one page other sites may frame. */
export const EMBEDDABLE = /^\/[a-z0-9-]+\/carte\/$/;

/**
 * The headers of one page of the site: what `_headers` says for that path (with the build's
 * `styleHashes`), or what the development server sends (without).
 */
export function headersFor(pathname: string, env: Env = process.env, styleHashes?: readonly string[]): Record<string, string> {
  const origins = extraOrigins(env);
  if (EMBEDDABLE.test(pathname)) {
    return {
      ...COMMON,
      "Content-Security-Policy": contentSecurityPolicy({ origins, frameAncestors: env.SITE_FRAME_ANCESTORS || "*", styleHashes }),
    };
  }
  return { ...COMMON, "Content-Security-Policy": contentSecurityPolicy({ origins, styleHashes }), "X-Frame-Options": "DENY" };
}

/**
 * Browser caching (issue #26). Files under `/_astro/` are named after their content (Vite's hash):
 * a new build writes new names, so a copy never goes stale — a year, `immutable` (no revalidation on
 * reload). Everything else (pages, `/embed-mode.js`, manifests, the trails' service worker) keeps
 * its address from build to build and is rebuilt when data changes (a listing published, ADR 0013):
 * a short lifetime, then the browser asks again (the host answers 304 on an unchanged ETag).
 */
export const CACHE = {
  hashed: "public, max-age=31536000, immutable",
  other: "public, max-age=300, must-revalidate",
};
/** The build's hashed assets (Astro's `build.assets`, default `_astro`). */
export const HASHED = "/_astro/*";

/**
 * The `_headers` file: every path gets the page headers and the short cache; the map portal's rule
 * detaches the framing ones (`! Name`: Cloudflare joins a header set by two matching rules with a
 * comma, which for a CSP means both policies apply) and sets its own policy; the hashed assets'
 * rule detaches the short cache and the page policy, and sets the long cache.
 */
export function headersFile(env: Env = process.env, styleHashes: readonly string[] = []): string {
  const all = headersFor("/", env, styleHashes);
  const map = headersFor("/x/carte/", env, styleHashes);
  const lines = (headers: Record<string, string>) => Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`);
  return [
    "# Written by site/security-headers.ts at build time (ADR 0018): edit that file, not this one.",
    "/*",
    ...lines(all),
    `  Cache-Control: ${CACHE.other}`,
    "",
    HASHED,
    // Scripts and stylesheets need no page policy (CSP governs documents): the policy, with its
    // style hashes, is not repeated on each of them.
    "  ! Content-Security-Policy",
    "  ! Cache-Control",
    `  Cache-Control: ${CACHE.hashed}`,
    "",
    "/:slug/carte/",
    "  ! Content-Security-Policy",
    "  ! X-Frame-Options",
    `  Content-Security-Policy: ${map["Content-Security-Policy"]}`,
    "",
  ].join("\n");
}

/**
 * Inline scripts a built page would run (the CSP would block them): `<script>` without `src` that is
 * not a JSON data block, and `on…=` attributes in tags. Values from data are escaped, so they never
 * match. Returns what was found, for the build's error message.
 */
export function inlineScripts(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = m[1];
    if (/\ssrc\s*=/i.test(attrs)) continue;
    if (/\stype\s*=\s*["']?application\/(ld\+)?json["']?/i.test(attrs)) continue;
    found.push(`<script${attrs}>${m[2].slice(0, 60)}`);
  }
  // Tag by tag, attribute by attribute: an escaped "onload=" inside a quoted value is not a handler.
  const tag = /<[a-z][a-z0-9-]*((?:\s+[^\s=>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*\/?>/gi;
  const attribute = /\s+([^\s=>"'/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?/g;
  for (const m of html.matchAll(tag)) {
    for (const a of m[1].matchAll(attribute)) if (/^on/i.test(a[1])) found.push(m[0].slice(0, 80));
  }
  return found;
}

/** A `<style>` block's content as the CSP hashes it: `sha256-<base64>` (CSP Level 2 hash source). */
export function styleHash(css: string): string {
  return `sha256-${createHash("sha256").update(css, "utf8").digest("base64")}`;
}

/** The hashes of a built page's `<style>` blocks, in page order. */
export function inlineStyleHashes(html: string): string[] {
  return [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)].map((m) => styleHash(m[1]));
}

/**
 * `style` attributes in a built page's tags (a hash cannot allow them, so the build refuses them:
 * put the rule in the component's stylesheet, a class, or a custom property set from a script).
 * Tag by tag, as inlineScripts: an escaped "style=" inside a quoted value is not an attribute.
 */
export function inlineStyleAttributes(html: string): string[] {
  const found: string[] = [];
  const tag = /<[a-z][a-z0-9-]*((?:\s+[^\s=>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*\/?>/gi;
  const attribute = /\s+([^\s=>"'/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?/g;
  for (const m of html.matchAll(tag)) {
    for (const a of m[1].matchAll(attribute)) if (a[1].toLowerCase() === "style") found.push(m[0].slice(0, 80));
  }
  return found;
}
