/** Random tokens and their hashes (the database never holds a token, only its SHA-256). */
import { toBase64Url } from "@communa/core/bytes";
export const randomToken = (bytes = 32) => toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));

export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}
