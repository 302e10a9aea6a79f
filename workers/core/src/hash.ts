/**
 * Digests, one module: SHA-256 and SHA-512 through Web Crypto (`crypto.subtle`), so the same code
 * runs in Workers, in Node and in the browser. Text is hashed as its UTF-8 bytes.
 */
import { toHex } from "./bytes.ts";

export type Hashable = string | ArrayBuffer | ArrayBufferView;

const bytesOf = (data: Hashable): BufferSource => (typeof data === "string" ? new TextEncoder().encode(data) : (data as BufferSource));

/** SHA-256 of `data` (32 bytes). */
export async function sha256(data: Hashable): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytesOf(data)));
}

/** SHA-256 of `data`, in lower-case hexadecimal (64 characters). */
export async function sha256Hex(data: Hashable): Promise<string> {
  return toHex(await sha256(data));
}

/** SHA-512 of `data`, in lower-case hexadecimal (128 characters). */
export async function sha512Hex(data: Hashable): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-512", bytesOf(data)));
}
