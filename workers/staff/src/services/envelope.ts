/**
 * Envelope encryption of the safe (ADR 0039): every document has its own random AES-256-GCM key;
 * that key is wrapped by the tenant's key (versioned); tenant keys are wrapped by the master secret
 * (STAFF_MASTER_KEY) that only this Worker holds. R2 gets `iv ‖ ciphertext`; Postgres gets wrapped
 * keys. A rotation makes a new tenant key and re-wraps every document key: documents are never
 * re-encrypted. Associated data binds each ciphertext to what it belongs to (tenant, version,
 * document), so a wrapped key or an object moved elsewhere fails to open.
 */
import { and, eq, lt } from "drizzle-orm";
import { staffDocuments, staffKeys } from "@communa/db";
import { SecretBox, type WriteTx } from "@communa/core";
import { toBase64 } from "@communa/core/bytes";

const tenantAad = (tenantId: string, version: number) => `staff-tenant-key:${tenantId}:${version}`;
const wrapAad = (documentId: string) => `staff-document-key:${documentId}`;
const dataAad = (documentId: string) => `staff-document:${documentId}`;

const randomKey = () => crypto.getRandomValues(new Uint8Array(32));

export interface TenantKey {
  version: number;
  box: SecretBox;
}

/** The tenant's active key, created (version 1) on first use. Runs inside a write transaction. */
export async function activeTenantKey(tx: WriteTx, master: string, tenantId: string): Promise<TenantKey> {
  const [row] = await tx
    .select()
    .from(staffKeys)
    .where(and(eq(staffKeys.tenantId, tenantId), eq(staffKeys.active, true)))
    .limit(1);
  if (row) return openTenantKey(master, tenantId, row);
  const raw = randomKey();
  const sealed = await new SecretBox(master).seal(raw, tenantAad(tenantId, 1));
  await tx.insert(staffKeys).values({ tenantId, version: 1, wrapped: sealed.cipher, iv: sealed.iv }).onConflictDoNothing();
  const [kept] = await tx
    .select()
    .from(staffKeys)
    .where(and(eq(staffKeys.tenantId, tenantId), eq(staffKeys.version, 1)))
    .limit(1);
  return openTenantKey(master, tenantId, kept);
}

async function openTenantKey(master: string, tenantId: string, row: { version: number; wrapped: Uint8Array; iv: Uint8Array }): Promise<TenantKey> {
  const raw = await new SecretBox(master).open(row.wrapped, row.iv, tenantAad(tenantId, row.version));
  return { version: row.version, box: new SecretBox(toBase64(raw)) };
}

/** A tenant key by version (to open a document wrapped under it). */
export async function tenantKey(tx: { select: WriteTx["select"] }, master: string, tenantId: string, version: number): Promise<TenantKey> {
  const [row] = await tx
    .select()
    .from(staffKeys)
    .where(and(eq(staffKeys.tenantId, tenantId), eq(staffKeys.version, version)))
    .limit(1);
  if (!row) throw new Error(`staff safe: tenant key version ${version} missing`);
  return openTenantKey(master, tenantId, row);
}

export interface SealedDocument {
  /** iv ‖ ciphertext, for R2. */
  object: Uint8Array;
  wrappedKey: Uint8Array;
  keyIv: Uint8Array;
  keyVersion: number;
}

/** Seals a document's bytes under a fresh key of its own, wrapped by the tenant key. */
export async function sealDocument(key: TenantKey, documentId: string, plain: Uint8Array): Promise<SealedDocument> {
  const raw = randomKey();
  const box = new SecretBox(toBase64(raw));
  const { cipher, iv } = await box.seal(plain, dataAad(documentId));
  const object = new Uint8Array(iv.length + cipher.length);
  object.set(iv);
  object.set(cipher, iv.length);
  const wrapped = await key.box.seal(raw, wrapAad(documentId));
  return { object, wrappedKey: wrapped.cipher, keyIv: wrapped.iv, keyVersion: key.version };
}

/** Opens an object read from R2 with the document's wrapped key. */
export async function openDocument(key: TenantKey, documentId: string, wrappedKey: Uint8Array, keyIv: Uint8Array, object: Uint8Array): Promise<Uint8Array> {
  const raw = await key.box.open(wrappedKey, keyIv, wrapAad(documentId));
  return new SecretBox(toBase64(raw)).open(object.slice(12), object.slice(0, 12), dataAad(documentId));
}

/**
 * Rotation: a new tenant key becomes active; every document key wrapped under an older version is
 * unwrapped and wrapped again under the new one; the old versions are retired (kept, marked, so that
 * a rotation interrupted halfway never strands a document: it runs in one transaction anyway).
 */
export async function rotateTenantKey(tx: WriteTx, master: string, tenantId: string): Promise<{ version: number; rewrapped: number }> {
  const current = await activeTenantKey(tx, master, tenantId);
  const version = current.version + 1;
  const raw = randomKey();
  const sealed = await new SecretBox(master).seal(raw, tenantAad(tenantId, version));
  await tx
    .update(staffKeys)
    .set({ active: false, retiredAt: new Date() })
    .where(and(eq(staffKeys.tenantId, tenantId), eq(staffKeys.active, true)));
  await tx.insert(staffKeys).values({ tenantId, version, wrapped: sealed.cipher, iv: sealed.iv });
  const next: TenantKey = { version, box: new SecretBox(toBase64(raw)) };
  const docs = await tx
    .select({ id: staffDocuments.id, wrappedKey: staffDocuments.wrappedKey, keyIv: staffDocuments.keyIv, keyVersion: staffDocuments.keyVersion })
    .from(staffDocuments)
    .where(lt(staffDocuments.keyVersion, version));
  const keys = new Map<number, TenantKey>();
  for (const d of docs) {
    const old = keys.get(d.keyVersion) ?? (await tenantKey(tx, master, tenantId, d.keyVersion));
    keys.set(d.keyVersion, old);
    const docKey = await old.box.open(d.wrappedKey, d.keyIv, wrapAad(d.id));
    const w = await next.box.seal(docKey, wrapAad(d.id));
    await tx.update(staffDocuments).set({ wrappedKey: w.cipher, keyIv: w.iv, keyVersion: version }).where(eq(staffDocuments.id, d.id));
  }
  return { version, rewrapped: docs.length };
}
