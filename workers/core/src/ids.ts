export { uuidv7 } from "@communa/db/ids";

/** Request ids: short, URL-safe, random (not a UUID: they are read in logs and problem reports). */
export function requestId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_");
}
