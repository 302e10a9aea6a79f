import { toBase64Url } from "./bytes.ts";
export { uuidv7 } from "@communa/db/ids";

/** Request ids: short, URL-safe, random (not a UUID: they are read in logs and problem reports). */
export function requestId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return toBase64Url(bytes);
}
