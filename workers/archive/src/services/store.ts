/**
 * The archive bucket: every object under its content address `sha512/<tenant>/<hex>`, written once
 * and never overwritten (existence checked, then a create-only conditional put). Small files are
 * hashed in memory before the key is known; large ones stream under the SHA-512 the depositor
 * declared, checked on the way (a mismatch removes what was just written and rejects the file).
 *
 * Deduplication is per tenant (ADR 0020): the address carries the tenant, so whether an upload
 * finds its address taken never depends on another tenant's files (no timing oracle on what other
 * communes hold). Objects stored before under the shared address `sha512/<hex>` keep it (their
 * `r2_key` says so) and stay readable.
 */
import { invalid } from "@communa/core";
import { fingerprintBytes, fingerprintStream, type Fingerprint } from "./digest.ts";
import { identifyFormat, type FormatId } from "./format.ts";
import { m } from "../messages.fr.ts";

/** Above this size a file must come with its declared SHA-512 (it is streamed, not held in memory). */
export const IN_MEMORY_LIMIT = 16 * 1024 * 1024;

/** The content address of a tenant's object. */
export const keyOf = (tenantId: string, sha512: string) => `sha512/${tenantId}/${sha512}`;

const ADDRESS = /^sha512\/(?:([0-9a-f-]{36})\/)?([0-9a-f]{128})$/;

/**
 * The SHA-512 a key addresses, when the key is a content address of this tenant (or a shared
 * address from before per-tenant keys); null otherwise.
 */
export function digestOfKey(key: string, tenantId: string): string | null {
  const m = ADDRESS.exec(key);
  if (!m || (m[1] !== undefined && m[1] !== tenantId)) return null;
  return m[2];
}

export interface Stored extends Fingerprint, FormatId {
  key: string;
  /** False when an identical object was already there (same content, same key). */
  created: boolean;
}

const SHA512 = /^[0-9a-f]{128}$/;

async function putOnce(bucket: R2Bucket, key: string, body: ReadableStream | Uint8Array, sha256?: string): Promise<boolean> {
  if (await bucket.head(key)) {
    if (body instanceof ReadableStream) await body.pipeTo(new WritableStream());
    return false;
  }
  const put = await bucket.put(key, body, { onlyIf: { etagDoesNotMatch: "*" }, sha256, customMetadata: { sealed: "1" } });
  return put !== null;
}

/**
 * Stores bytes held in memory. `declaredSha512`, when given, must match. `fp`: their fingerprint
 * when already computed (a batch checks every file before storing any).
 */
export async function storeBytes(
  bucket: R2Bucket,
  tenantId: string,
  bytes: Uint8Array,
  declaredSha512?: string | null,
  path = "body",
  known?: Fingerprint,
): Promise<Stored> {
  const fp = known ?? (await fingerprintBytes(bytes));
  if (declaredSha512 && declaredSha512.toLowerCase() !== fp.sha512) throw invalid(m.hashMismatch, [{ path, message: m.hashMismatchField(fp.sha512) }]);
  const key = keyOf(tenantId, fp.sha512);
  const created = await putOnce(bucket, key, bytes, fp.sha256);
  return { ...fp, ...(await identifyFormat(fp.head)), key, created };
}

/**
 * Stores a stream of `size` bytes whose SHA-512 is declared: written under that address while both
 * fingerprints are computed; removed again (if this call created it) when the bytes do not match.
 */
export async function storeStream(
  bucket: R2Bucket,
  tenantId: string,
  body: ReadableStream<Uint8Array>,
  size: number,
  declaredSha512: string,
  path = "body",
): Promise<Stored> {
  const declared = declaredSha512.toLowerCase();
  if (!SHA512.test(declared)) throw invalid(undefined, [{ path, message: m.sha512Format }]);
  const { stream, result } = fingerprintStream();
  const key = keyOf(tenantId, declared);
  const exists = (await bucket.head(key)) !== null;
  let created = false;
  if (exists) {
    // Same address already stored: the bytes are still read and checked (the caller must hold them).
    await body.pipeThrough(stream).pipeTo(new WritableStream());
  } else {
    const sized = new FixedLengthStream(size);
    const writing = body.pipeThrough(stream).pipeTo(sized.writable);
    try {
      const [put] = await Promise.all([bucket.put(key, sized.readable, { onlyIf: { etagDoesNotMatch: "*" }, customMetadata: { sealed: "1" } }), writing]);
      created = put !== null;
    } catch (err) {
      await writing.catch(() => {});
      if (/length|size/i.test(String(err))) throw invalid(m.sizeMismatch, [{ path, message: m.sizeMismatch }]);
      throw err;
    }
  }
  const fp = await result;
  if (fp.size !== size) throw invalid(m.sizeMismatch, [{ path, message: m.sizeMismatch }]);
  if (fp.sha512 !== declared) {
    if (created) await bucket.delete(key);
    throw invalid(m.hashMismatch, [{ path, message: m.hashMismatchField(fp.sha512) }]);
  }
  return { ...fp, ...(await identifyFormat(fp.head)), key, created };
}

/** Re-reads an object and recomputes its SHA-512 (integrity audit); `etag` pins what was read. */
export async function rehash(bucket: R2Bucket, key: string): Promise<{ sha512: string; size: number; etag: string } | null> {
  const obj = await bucket.get(key);
  if (!obj) return null;
  const { stream, result } = fingerprintStream();
  await obj.body.pipeThrough(stream).pipeTo(new WritableStream());
  const fp = await result;
  return { sha512: fp.sha512, size: fp.size, etag: obj.etag };
}

export type Check = { ok: true; etag: string; size: number } | { ok: false; reason: "missing" | "hash" | "size"; found: string | null };

/** Hashes the whole stored object and compares it with its sealed fingerprint; `etag` pins what was checked. */
export async function checkStored(bucket: R2Bucket, key: string, sealed: { sha512: string; size: number }): Promise<Check> {
  const found = await rehash(bucket, key);
  if (!found) return { ok: false, reason: "missing", found: null };
  if (found.sha512 !== sealed.sha512) return { ok: false, reason: "hash", found: found.sha512 };
  if (found.size !== sealed.size) return { ok: false, reason: "size", found: String(found.size) };
  return { ok: true, etag: found.etag, size: found.size };
}

/** The object as it was when checked (same etag), or null when it changed or went since. */
export async function readPinned(bucket: R2Bucket, key: string, etag: string): Promise<ReadableStream<Uint8Array> | null> {
  const obj = await bucket.get(key, { onlyIf: { etagMatches: etag } });
  return obj && "body" in obj ? (obj as R2ObjectBody).body : null;
}

export type Verified =
  | { ok: true; body: Uint8Array | ReadableStream<Uint8Array>; size: number }
  | { ok: false; reason: "missing" | "hash" | "size"; found: string | null };

/**
 * Reads an object for serving, checked against the SHA-512 and size sealed when it was deposited
 * (ADR 0020) before a byte is served. Up to IN_MEMORY_LIMIT it is read once, hashed in memory and
 * served from memory. Larger objects are read twice: a first pass hashes the whole stream (the
 * last chunk of a download cannot be taken back, so nothing is sent before the check), then the
 * object is served from a second read pinned to the etag the check read (`onlyIf.etagMatches`):
 * if the object changed between the two reads, nothing is served.
 */
export async function readVerified(bucket: R2Bucket, key: string, sealed: { sha512: string; size: number }): Promise<Verified> {
  const head = await bucket.head(key);
  if (!head) return { ok: false, reason: "missing", found: null };
  if (head.size <= IN_MEMORY_LIMIT) {
    const obj = await bucket.get(key);
    if (!obj) return { ok: false, reason: "missing", found: null };
    const bytes = new Uint8Array(await obj.arrayBuffer());
    const fp = await fingerprintBytes(bytes);
    if (fp.sha512 !== sealed.sha512) return { ok: false, reason: "hash", found: fp.sha512 };
    if (fp.size !== sealed.size) return { ok: false, reason: "size", found: String(fp.size) };
    return { ok: true, body: bytes, size: bytes.byteLength };
  }
  const checked = await checkStored(bucket, key, sealed);
  if (!checked.ok) return checked;
  const body = await readPinned(bucket, key, checked.etag);
  return body ? { ok: true, body, size: checked.size } : { ok: false, reason: "hash", found: null };
}
