/** Random tokens, URL-safe (the database never holds a token, only its SHA-256: `sha256` in @communa/core/hash). */
import { toBase64Url } from "@communa/core/bytes";
export const randomToken = (bytes = 32) => toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
