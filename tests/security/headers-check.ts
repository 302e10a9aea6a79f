/**
 * Judges of the security headers and files (issue #25), apart from where they are read so that each
 * can be shown to fail on a broken fixture (tests/node/headers-check.test.ts): a page's or an API
 * answer's headers, a Set-Cookie, a built page's HTML, security.txt. Each returns what is wrong.
 */
import { inlineScripts, inlineStyleAttributes } from "../../site/security-headers.ts";

/** A CSP directive's sources, falling back to default-src as browsers do for fetch directives. */
function directive(csp: string, name: string): string[] | undefined {
  const found = csp
    .split(";")
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n?.toLowerCase() === name);
  return found?.slice(1);
}

/** HSTS for two years with subdomains: at least a year (the preload list's minimum). */
export function hstsProblems(value: string | null | undefined): string[] {
  if (!value) return ["pas de Strict-Transport-Security"];
  const age = Number(/max-age=(\d+)/i.exec(value)?.[1] ?? 0);
  const out: string[] = [];
  if (age < 31_536_000) out.push(`HSTS max-age ${age} < 1 an`);
  if (!/includeSubDomains/i.test(value)) out.push("HSTS sans includeSubDomains");
  return out;
}

/**
 * A page's CSP: scripts from files only (no 'unsafe-inline', 'unsafe-eval', data: or *), no plugins,
 * a base-uri and a frame-ancestors, and no 'unsafe-inline' styles (the site allows its own `<style>`
 * blocks by hash, ADR 0018; the API's policy allows no style at all).
 */
export function cspProblems(csp: string | null | undefined): string[] {
  if (!csp) return ["pas de Content-Security-Policy"];
  if (csp.includes(",")) return ["plusieurs politiques jointes par une virgule"];
  const out: string[] = [];
  const scripts = directive(csp, "script-src") ?? directive(csp, "default-src");
  if (!scripts) out.push("ni script-src ni default-src");
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "data:", "*", "http:", "https:"]) if (scripts?.includes(bad)) out.push(`script-src permet ${bad}`);
  const objects = directive(csp, "object-src") ?? directive(csp, "default-src");
  if (!objects?.includes("'none'")) out.push("object-src n’est pas 'none'");
  if (!directive(csp, "base-uri")) out.push("pas de base-uri");
  if (!directive(csp, "frame-ancestors")) out.push("pas de frame-ancestors");
  const styles = directive(csp, "style-src") ?? directive(csp, "default-src");
  if (styles?.includes("'unsafe-inline'")) out.push("style-src permet 'unsafe-inline'");
  return out;
}

/** Headers every answer carries besides the CSP. */
export function commonHeaderProblems(h: Record<string, string | undefined>): string[] {
  const out = hstsProblems(h["strict-transport-security"]);
  if (h["x-content-type-options"] !== "nosniff") out.push("pas de X-Content-Type-Options: nosniff");
  if (!h["referrer-policy"] || /unsafe-url|no-referrer-when-downgrade/.test(h["referrer-policy"]))
    out.push(`Referrer-Policy « ${h["referrer-policy"] ?? ""} »`);
  return out;
}

/** A Set-Cookie: Secure, HttpOnly, SameSite Lax or Strict; a __Host- cookie has Path=/ and no Domain. */
export function cookieProblems(setCookie: string): string[] {
  const [pair, ...attrs] = setCookie.split(";").map((s) => s.trim());
  const name = pair.split("=")[0];
  const has = (re: RegExp) => attrs.some((a) => re.test(a));
  const out: string[] = [];
  if (!has(/^secure$/i)) out.push(`${name} : sans Secure`);
  if (!has(/^httponly$/i)) out.push(`${name} : sans HttpOnly`);
  if (!has(/^samesite=(lax|strict)$/i)) out.push(`${name} : sans SameSite=Lax ou Strict`);
  if (name.startsWith("__Host-") && (!has(/^path=\/$/i) || has(/^domain=/i))) out.push(`${name} : préfixe __Host- sans Path=/ ou avec Domain`);
  return out;
}

/** A built page: no inline script or handler (the CSP would block it, an injection would run), no javascript: link. */
export function pageProblems(html: string): string[] {
  const out = inlineScripts(html).map((s) => `script en ligne : ${s}`);
  for (const s of inlineStyleAttributes(html)) out.push(`attribut style : ${s}`);
  for (const m of html.matchAll(/\s(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:/gi)) out.push(`lien javascript: ${m[0].trim().slice(0, 60)}`);
  return out;
}

/**
 * security.txt (RFC 9116): at least one Contact (mailto:, https: or tel:), exactly one Expires, an
 * RFC 3339 date later than `reviewed` and at most a year after it (§2.5.5) — a configured date, not
 * today's. Lines are "Field: value" or comments.
 */
export function securityTxtProblems(text: string, reviewed: Date): string[] {
  const out: string[] = [];
  const fields = text
    .split(/\r?\n/)
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => {
      const m = /^([A-Za-z-]+):\s*(.+)$/.exec(l);
      if (!m) out.push(`ligne illisible « ${l.slice(0, 60)} »`);
      return m ? { name: m[1].toLowerCase(), value: m[2].trim() } : null;
    })
    .filter((f): f is { name: string; value: string } => f !== null);
  const contacts = fields.filter((f) => f.name === "contact");
  if (!contacts.length) out.push("pas de Contact");
  for (const c of contacts)
    if (!/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+|tel:\+?[\d-]+)$/.test(c.value)) out.push(`Contact « ${c.value} » n’est pas une URI mailto:, https: ou tel:`);
  const expires = fields.filter((f) => f.name === "expires");
  if (expires.length !== 1) out.push(`${expires.length} champs Expires au lieu d’un`);
  else {
    const v = expires[0].value;
    const at = Date.parse(v);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) || Number.isNaN(at))
      out.push(`Expires « ${v} » n’est pas une date RFC 3339`);
    else if (at <= reviewed.getTime()) out.push(`Expires ${v} n’est pas après la revue du ${reviewed.toISOString()}`);
    else if (at - reviewed.getTime() > 366 * 86_400_000) out.push(`Expires ${v} plus d’un an après la revue`);
  }
  return out;
}
