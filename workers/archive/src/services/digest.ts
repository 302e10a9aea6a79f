/**
 * Fingerprints computed on the stream: a file is read once, whatever its size, and never held
 * whole in memory.
 */
import { createHash } from "node:crypto";
import { sha256Hex, sha512Hex } from "@communa/core/hash";

export interface Fingerprint {
  sha512: string;
  sha256: string;
  size: number;
  /** The first bytes, for format identification. */
  head: Uint8Array;
}

const HEAD_BYTES = 4100;

/**
 * A pass-through stream that hashes (SHA-512 and SHA-256) what flows through it and keeps the first
 * bytes; `result` resolves once the stream has ended. The hashes are updated synchronously on each
 * chunk (node:crypto, native, through nodejs_compat): no await per chunk, and the chunk goes on
 * only once hashed, so a slow consumer slows the producer (no unbounded buffering).
 */
export function fingerprintStream(): { stream: TransformStream<Uint8Array, Uint8Array>; result: Promise<Fingerprint> } {
  const h512 = createHash("sha512");
  const h256 = createHash("sha256");
  const head = new Uint8Array(HEAD_BYTES);
  let headLength = 0;
  let size = 0;
  let settle!: (f: Fingerprint) => void;
  const result = new Promise<Fingerprint>((res) => {
    settle = res;
  });
  const stream = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      if (headLength < HEAD_BYTES) {
        const take = Math.min(HEAD_BYTES - headLength, chunk.byteLength);
        head.set(chunk.subarray(0, take), headLength);
        headLength += take;
      }
      size += chunk.byteLength;
      h512.update(chunk);
      h256.update(chunk);
      controller.enqueue(chunk);
    },
    flush() {
      settle({ sha512: h512.digest("hex"), sha256: h256.digest("hex"), size, head: head.slice(0, headLength) });
    },
  });
  return { stream, result };
}

/** Fingerprint of bytes already in memory. */
export async function fingerprintBytes(bytes: Uint8Array): Promise<Fingerprint> {
  const [a, b] = await Promise.all([sha512Hex(bytes), sha256Hex(bytes)]);
  return { sha512: a, sha256: b, size: bytes.byteLength, head: bytes.slice(0, HEAD_BYTES) };
}
