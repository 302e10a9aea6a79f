/**
 * Ed25519 signing keys (Web Crypto) for sealed journals and their checkpoints: the private key is
 * a Worker secret (PKCS #8, base64) held only by the Worker that signs (the archive's
 * `ARCHIVE_SIGNING_KEY`, identity's `JOURNAL_SIGNING_KEY`); the public key is published (JWK and
 * SPKI) so anyone can check a signature.
 */
import { fromBase64, toBase64 } from "./bytes.ts";
import { sha256Hex } from "./hash.ts";

export interface Signer {
  keyId: string;
  sign(data: Uint8Array): Promise<string>;
  verify(data: Uint8Array, signature: string): Promise<boolean>;
  publicJwk: JsonWebKey;
  publicSpki: string;
  /**
   * The check for entries signed with key `keyId`: this key, or a retired one still trusted
   * (`…_PREVIOUS_KEYS`); null for any other key — such an entry does not verify.
   */
  verifierFor(keyId: string): ((data: Uint8Array, signature: string) => Promise<boolean>) | null;
  /** Retired keys still trusted for verification, by key id (raw public key, base64). */
  previous: Record<string, string>;
}

const cache = new Map<string, Promise<Signer>>();

/**
 * The signer for a key (imported once per isolate). `previousKeys`: retired public keys (raw
 * Ed25519, base64, comma-separated) whose entries still verify after a key rotation.
 */
export function signerOf(pkcs8Base64: string, previousKeys = ""): Promise<Signer> {
  const id = `${pkcs8Base64}|${previousKeys}`;
  let s = cache.get(id);
  if (!s) {
    s = load(pkcs8Base64, previousKeys);
    s.catch(() => cache.delete(id));
    cache.set(id, s);
  }
  return s;
}

async function verifierOf(raw: Uint8Array): Promise<{ keyId: string; verify: (data: Uint8Array, signature: string) => Promise<boolean> }> {
  const key = await crypto.subtle.importKey("raw", new Uint8Array(raw), { name: "Ed25519" }, false, ["verify"]);
  return {
    keyId: (await sha256Hex(raw)).slice(0, 16),
    verify: async (data, signature) => {
      try {
        return await crypto.subtle.verify({ name: "Ed25519" }, key, fromBase64(signature), new Uint8Array(data));
      } catch {
        return false;
      }
    },
  };
}

async function load(pkcs8Base64: string, previousKeys: string): Promise<Signer> {
  const extractable = await crypto.subtle.importKey("pkcs8", fromBase64(pkcs8Base64.trim()), { name: "Ed25519" }, true, ["sign"]);
  const jwk = (await crypto.subtle.exportKey("jwk", extractable)) as JsonWebKey;
  const privateKey = await crypto.subtle.importKey("pkcs8", fromBase64(pkcs8Base64.trim()), { name: "Ed25519" }, false, ["sign"]);
  const publicJwk: JsonWebKey = { kty: "OKP", crv: "Ed25519", x: jwk.x };
  const publicKey = await crypto.subtle.importKey("jwk", publicJwk, { name: "Ed25519" }, true, ["verify"]);
  const raw = new Uint8Array((await crypto.subtle.exportKey("raw", publicKey)) as ArrayBuffer);
  const spki = (await crypto.subtle.exportKey("spki", publicKey)) as ArrayBuffer;
  const keyId = (await sha256Hex(raw)).slice(0, 16);
  const retired = await Promise.all(
    previousKeys
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean)
      .map(async (k) => ({ b64: k, ...(await verifierOf(fromBase64(k))) })),
  );
  const verifyCurrent = async (data: Uint8Array, signature: string) => {
    try {
      return await crypto.subtle.verify({ name: "Ed25519" }, publicKey, fromBase64(signature), new Uint8Array(data));
    } catch {
      return false;
    }
  };
  return {
    previous: Object.fromEntries(retired.map((r) => [r.keyId, r.b64])),
    verifierFor: (id) => (id === keyId ? verifyCurrent : (retired.find((r) => r.keyId === id)?.verify ?? null)),
    keyId,
    publicJwk: { ...publicJwk, kid: keyId, use: "sig", alg: "EdDSA" } as JsonWebKey,
    publicSpki: `-----BEGIN PUBLIC KEY-----\n${toBase64(spki)
      .replace(/(.{64})/g, "$1\n")
      .trim()}\n-----END PUBLIC KEY-----\n`,
    sign: async (data) => toBase64(await crypto.subtle.sign({ name: "Ed25519" }, privateKey, new Uint8Array(data))),
    verify: verifyCurrent,
  };
}
