/**
 * Signed links to manage an appointment without an account: HMAC-SHA256 of the appointment id
 * under the tenant's own key (made on first use, kept in citizen_link_keys, never sent out).
 * Checked in constant time.
 */
import { eq } from "drizzle-orm";
import { citizenLinkKeys } from "@communa/db";
import type { Tx, WriteTx } from "@communa/core";
import { sameBytes, toBase64Url } from "@communa/core/bytes";

const enc = new TextEncoder();

async function hmac(key: Uint8Array, id: string): Promise<string> {
  const k = await crypto.subtle.importKey("raw", key as BufferSource, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return toBase64Url(new Uint8Array(await crypto.subtle.sign("HMAC", k, enc.encode(`rdv:${id}`))));
}

/** The tenant's link key, made in this write if it has none yet. */
export async function linkKey(tx: WriteTx, tenantId: string): Promise<Uint8Array> {
  await tx
    .insert(citizenLinkKeys)
    .values({ tenantId, key: crypto.getRandomValues(new Uint8Array(32)) })
    .onConflictDoNothing();
  const [row] = await tx.select({ key: citizenLinkKeys.key }).from(citizenLinkKeys).where(eq(citizenLinkKeys.tenantId, tenantId));
  return new Uint8Array(row.key);
}

export const signAppointment = (key: Uint8Array, id: string) => hmac(key, id);

/** Does `sig` sign `id` under the tenant's key? False when the tenant has no key yet. */
export async function verifyAppointment(tx: Tx | WriteTx, tenantId: string, id: string, sig: string): Promise<boolean> {
  const [row] = await (tx as Tx).select({ key: citizenLinkKeys.key }).from(citizenLinkKeys).where(eq(citizenLinkKeys.tenantId, tenantId));
  if (!row) return false;
  return sameBytes(enc.encode(await hmac(new Uint8Array(row.key), id)), enc.encode(sig));
}
