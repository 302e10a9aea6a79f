/**
 * The one way to put data into HTML (ADR 0018), for the site (at build time and in the browser)
 * and for the Workers that answer HTML. Runtime-neutral and without dependencies, so the site can
 * import it (`@communa/core/html`) without pulling the database or zod.
 *
 * - text and attribute values: `escapeHtml`;
 * - JSON inside a `<script>` data block (JSON-LD, a page's configuration): `jsonForHtml`;
 * - a link from data (a listing's website, a layer's URL field, a visio link): `safeHref`, which
 *   gives no link at all for anything but a web address (or `mailto:` / `tel:` where asked).
 */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes `& < > " '`: safe in element text and in a quoted attribute value. `null`/`undefined` give "". */
export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const JSON_ESCAPES: Record<string, string> = { "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029" };

/**
 * `JSON.stringify` for a `<script type="application/json">` or `application/ld+json` block:
 * `<`, `>`, `&`, U+2028 and U+2029 become `\u003c`… so no value can close the block (`</script>`),
 * open a comment (`<!--`) or end a line in old parsers. The text parses back to the same value:
 * those characters can only occur inside JSON strings, where the escapes mean the same thing.
 */
export function jsonForHtml(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError("jsonForHtml: this value has no JSON form");
  return json.replace(/[<>&\u2028\u2029]/g, (c) => JSON_ESCAPES[c]);
}

/** The link kinds a `safeHref` can accept besides web addresses. */
export type LinkScheme = "http" | "https" | "mailto" | "tel";

const WEB: readonly LinkScheme[] = ["http", "https"];

/**
 * The address to put in `href`/`src` when `value` is an absolute URL of an allowed scheme (web
 * addresses by default; `["https"]`, or `["mailto"]` / `["tel"]` for a link meant to be one), as the
 * URL parser normalises it; otherwise `null`, and the caller shows the text without a link.
 * `javascript:`, `data:`, `vbscript:`, relative or unparsable values never pass. Still escape the
 * result with `escapeHtml` when writing markup as text.
 */
export function safeHref(value: unknown, schemes: readonly LinkScheme[] = WEB): string | null {
  if (typeof value !== "string") return null;
  const text = value.trim();
  // Only absolute addresses written in full: a relative one would resolve against the page (and
  // `//host` to another site); `http:host` is accepted by the URL parser but is nobody's intent.
  if (!/^(https?:\/\/|mailto:|tel:)/i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const scheme = url.protocol.slice(0, -1) as LinkScheme;
  if (!schemes.includes(scheme)) return null;
  if ((scheme === "http" || scheme === "https") && !url.hostname) return null;
  return url.href;
}

/** Whether `value` is a web address (`http:`/`https:`, or only `https:` when asked) with a host. */
export function isHttpUrl(value: unknown, schemes: readonly ("http" | "https")[] = ["http", "https"]): boolean {
  return safeHref(value, schemes) !== null;
}
