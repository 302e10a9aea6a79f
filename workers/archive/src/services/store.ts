/**
 * The archive bucket: every object under its content address `sha512/<hex>`, written once and
 * never overwritten (existence checked, then a create-only conditional put). Small files are
 * hashed in memory before the key is known; large ones stream under the SHA-512 the depositor
 * declared, checked on the way (a mismatch removes what was just written and rejects the file).
 */
import { invalid } from "@communa/core";
import { fingerprintBytes, fingerprintStream, type Fingerprint } from "./digest.ts";
import { identifyFormat, type FormatId } from "./format.ts";
import { m } from "../messages.fr.ts";

/** Above this size a file must come with its declared SHA-512 (it is streamed, not held in memory). */
export const IN_MEMORY_LIMIT = 16 * 1024 * 1024;

export const keyOf = (sha512: string) => `sha512/${sha512}`;

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
export async function storeBytes(bucket: R2Bucket, bytes: Uint8Array, declaredSha512?: string | null, path = "body", known?: Fingerprint): Promise<Stored> {
  const fp = known ?? (await fingerprintBytes(bytes));
  if (declaredSha512 && declaredSha512.toLowerCase() !== fp.sha512) throw invalid(m.hashMismatch, [{ path, message: m.hashMismatchField(fp.sha512) }]);
  const key = keyOf(fp.sha512);
  const created = await putOnce(bucket, key, bytes, fp.sha256);
  return { ...fp, ...(await identifyFormat(fp.head)), key, created };
}

/**
 * Stores a stream of `size` bytes whose SHA-512 is declared: written under that address while both
 * fingerprints are computed; removed again (if this call created it) when the bytes do not match.
 */
export async function storeStream(bucket: R2Bucket, body: ReadableStream<Uint8Array>, size: number, declaredSha512: string, path = "body"): Promise<Stored> {
  const declared = declaredSha512.toLowerCase();
  if (!SHA512.test(declared)) throw invalid(undefined, [{ path, message: m.sha512Format }]);
  const { stream, result } = fingerprintStream();
  const key = keyOf(declared);
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

/** Re-reads an object and recomputes its SHA-512 (integrity audit). */
export async function rehash(bucket: R2Bucket, key: string): Promise<{ sha512: string; size: number } | null> {
  const obj = await bucket.get(key);
  if (!obj) return null;
  const { stream, result } = fingerprintStream();
  await obj.body.pipeThrough(stream).pipeTo(new WritableStream());
  const fp = await result;
  return { sha512: fp.sha512, size: fp.size };
}
