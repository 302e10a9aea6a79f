/** Session cookie names and the CSRF token derivation, shared by the gateway and identity Worker. */
import { toBase64Url } from "./bytes.ts";
import { sha256 } from "./hash.ts";
export const SESSION_COOKIE = "__Host-communa-session";
export const LINK_COOKIE = "__Host-communa-lien";
/** Pending OpenID Connect sign-in (state, nonce, PKCE verifier), sealed, 10 minutes. */
export const OIDC_COOKIE = "__Host-communa-oidc";
export const CSRF_HEADER = "x-csrf-token";

/** The CSRF token of a session: derived from its token, so nothing more is stored. */
export async function csrfToken(sessionToken: string): Promise<string> {
  return toBase64Url(await sha256(`csrf:${sessionToken}`));
}

/** A cookie's value from a Cookie header, or null. */
export function readCookie(header: string | null, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim() || null;
  }
  return null;
}

/** Set-Cookie for a `__Host-` cookie (Secure, Path=/, no Domain), HttpOnly, SameSite=Lax. */
export function hostCookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}`;
}
