import { toBase64Url } from "./bytes.ts";
export { uuidv7 } from "@communa/db/ids";

/** Request ids: short, URL-safe, random (not a UUID: they are read in logs and problem reports). */
export function requestId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return toBase64Url(bytes);
}

/** A UUID in its canonical text form (8-4-4-4-12 hexadecimal digits, either case), any version. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID's text: what a `uuid` column accepts, checked before a query or an interpolation. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}
