/**
 * Bytes as text, one module: hexadecimal (digests, key ids), base64 (keys, signatures, tokens as the
 * database and the headers hold them) and base64url without padding (cookies, tokens in addresses).
 * Runtime-neutral (Workers, Node, the browser): `btoa`/`atob` only, no `Buffer`.
 */

/** Bytes of an `ArrayBuffer` or a typed view, without copying a `Uint8Array`. */
const view = (b: ArrayBuffer | ArrayBufferView): Uint8Array =>
  b instanceof Uint8Array ? b : ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b);

/** Lower-case hexadecimal, two digits a byte. */
export function toHex(bytes: ArrayBuffer | ArrayBufferView): string {
  let out = "";
  for (const b of view(bytes)) out += b.toString(16).padStart(2, "0");
  return out;
}

/** Bytes of a hexadecimal text (either case); throws a `TypeError` on an odd length or a non-hex digit. */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new TypeError("fromHex: not a hexadecimal text");
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Binary string of bytes, in chunks (spreading a large array into `fromCharCode` overflows the stack). */
function binary(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

/** Standard base64 (RFC 4648 §4), with padding. */
export function toBase64(bytes: ArrayBuffer | ArrayBufferView): string {
  return btoa(binary(view(bytes)));
}

/** Bytes of a base64 text (padding optional, white space ignored); throws on anything else, as `atob` does. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** URL- and cookie-safe base64 (RFC 4648 §5), without padding. */
export function toBase64Url(bytes: ArrayBuffer | ArrayBufferView): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Bytes of a base64url text (padding optional); throws on anything else. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (/[+/]/.test(text)) throw new TypeError("fromBase64Url: not a base64url text");
  return fromBase64(text.replace(/-/g, "+").replace(/_/g, "/"));
}

/** Whether two byte strings are equal, in time that depends on their length only (hashes, MACs). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
