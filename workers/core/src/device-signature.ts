/**
 * The device request signature, shared by the gateway, the identity Worker and device clients:
 * HMAC-SHA256 with the device key over
 *   METHOD \n path?query \n timestamp (Unix seconds) \n nonce \n hex SHA-256 of the body
 * sent in the headers below, base64.
 */
import { fromBase64, toBase64 } from "./bytes.ts";
import { sha256Hex } from "./hash.ts";
export const DEVICE_HEADERS = {
  device: "x-communa-device",
  key: "x-communa-device-key",
  timestamp: "x-communa-timestamp",
  nonce: "x-communa-nonce",
  signature: "x-communa-signature",
} as const;

export async function bodyDigest(body: ArrayBuffer | null): Promise<string> {
  return sha256Hex(body ?? new ArrayBuffer(0));
}

export function deviceCanonical(method: string, pathAndQuery: string, timestamp: string, nonce: string, digest: string): string {
  return [method.toUpperCase(), pathAndQuery, timestamp, nonce, digest].join("\n");
}

export async function signDeviceRequest(secret: Uint8Array, text: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new Uint8Array(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text));
  return toBase64(mac);
}

export async function verifyDeviceSignature(secret: Uint8Array, text: string, signature: string): Promise<boolean> {
  let given: Uint8Array<ArrayBuffer>;
  try {
    given = fromBase64(signature);
  } catch {
    return false;
  }
  const key = await crypto.subtle.importKey("raw", new Uint8Array(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  // crypto.subtle.verify compares in constant time.
  return crypto.subtle.verify("HMAC", key, given, new TextEncoder().encode(text));
}

/** What the gateway passes on for checking: the signed headers and what they cover. */
/** What crosses the service binding to identity (defined with the other RPC contracts). */
export type { SignedDeviceRequest } from "@communa/contracts/rpc";
