/** Security headers on every response, and the one place the API's CSP is written. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** The reference page needs its own inline stylesheet and nothing else. */
export const DOCS_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function withSecurityHeaders(res: Response, requestId: string): Response {
  // Responses built here are mutable; those from a binding or the cache may not be: copy only then.
  let out = res;
  try {
    out.headers.set("x-request-id", requestId);
  } catch {
    out = new Response(res.body, res);
  }
  const h = out.headers;
  if (!h.has("content-security-policy")) h.set("content-security-policy", API_CSP);
  h.set("strict-transport-security", "max-age=63072000; includeSubDomains; preload");
  h.set("x-content-type-options", "nosniff");
  h.set("referrer-policy", "strict-origin-when-cross-origin");
  // The legacy header says what the CSP's frame-ancestors says (a page may allow its own site
  // to frame it: the map's list page); browsers honouring only one of them see the same rule.
  h.set("x-frame-options", frameOptionsFor(h.get("content-security-policy")!));
  h.set("cross-origin-opener-policy", "same-origin");
  h.set("permissions-policy", "geolocation=(self), camera=(), microphone=()");
  h.set("x-request-id", requestId);
  h.delete("x-communa-purge");
  return out;
}

/** X-Frame-Options matching a CSP's frame-ancestors: 'self' alone → SAMEORIGIN, else DENY. */
export function frameOptionsFor(csp: string): "DENY" | "SAMEORIGIN" {
  const ancestors = /(?:^|;)\s*frame-ancestors\s+([^;]*)/i.exec(csp)?.[1].trim().toLowerCase();
  return ancestors === "'self'" ? "SAMEORIGIN" : "DENY";
}
