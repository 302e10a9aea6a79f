/**
 * Candidates' signed links (status page, consent, export and deletion) without an account, as the
 * citizen Worker's appointment links: HMAC-SHA256 of the application id under the tenant's own key
 * (made on first use, kept in recruitment_link_keys, never sent out), checked in constant time.
 */
import { eq } from "drizzle-orm";
import { recruitmentLinkKeys } from "@communa/db";
import type { Tx, TrustedContext, WriteTx } from "@communa/core";
import { sameBytes, toBase64Url } from "@communa/core/bytes";
import { siteOf } from "./vacancies.ts";

const enc = new TextEncoder();

async function hmac(key: Uint8Array, id: string): Promise<string> {
  const k = await crypto.subtle.importKey("raw", key as BufferSource, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return toBase64Url(new Uint8Array(await crypto.subtle.sign("HMAC", k, enc.encode(`candidature:${id}`))));
}

/** Signs `id` with the tenant's link key, made in this write if it has none yet. */
export async function signApplication(tx: WriteTx, tenantId: string, id: string): Promise<string> {
  await tx
    .insert(recruitmentLinkKeys)
    .values({ tenantId, key: crypto.getRandomValues(new Uint8Array(32)) })
    .onConflictDoNothing();
  const [row] = await tx.select({ key: recruitmentLinkKeys.key }).from(recruitmentLinkKeys).where(eq(recruitmentLinkKeys.tenantId, tenantId));
  return hmac(new Uint8Array(row.key), id);
}

/** Does `sig` sign `id` under the tenant's key? False when the tenant has no key yet. */
export async function verifyApplication(tx: Tx | WriteTx, tenantId: string, id: string, sig: string): Promise<boolean> {
  const [row] = await (tx as Tx).select({ key: recruitmentLinkKeys.key }).from(recruitmentLinkKeys).where(eq(recruitmentLinkKeys.tenantId, tenantId));
  if (!row) return false;
  return sameBytes(enc.encode(await hmac(new Uint8Array(row.key), id)), enc.encode(sig));
}

/** The candidate's page: status, consent, export and deletion. */
export const followUrl = (ctx: TrustedContext, id: string, sig: string) =>
  `${siteOf(ctx)}/emplois/candidature/?id=${encodeURIComponent(id)}&cle=${encodeURIComponent(sig)}`;
