/**
 * AES-256-GCM sealing with one secret key (the identity Worker's IDENTITY_SECRETS_KEY, base64, 32
 * bytes): device secrets, identity providers' client secrets, pending sign-in state. The associated
 * data names what a ciphertext belongs to (a row id, a purpose), so a sealed value moved elsewhere
 * fails to open. Plain WebCrypto: the same code runs in Workers and in Node (local tooling).
 */
import { fromBase64, fromBase64Url, toBase64Url } from "./bytes.ts";
export class SecretBox {
  private key: Promise<CryptoKey>;
  constructor(base64Key: string) {
    const raw = fromBase64(base64Key);
    if (raw.length !== 32) throw new Error("IDENTITY_SECRETS_KEY doit faire 32 octets (base64)");
    this.key = crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  }

  async seal(secret: Uint8Array, aad: string): Promise<{ cipher: Uint8Array; iv: Uint8Array }> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const cipher = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(aad) }, await this.key, new Uint8Array(secret));
    return { cipher: new Uint8Array(cipher), iv };
  }

  async open(cipher: Uint8Array, iv: Uint8Array, aad: string): Promise<Uint8Array> {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: new Uint8Array(iv), additionalData: new TextEncoder().encode(aad) },
      await this.key,
      new Uint8Array(cipher),
    );
    return new Uint8Array(plain);
  }

  /** Text sealed into one URL-safe string (iv ‖ ciphertext), e.g. for a cookie. */
  async sealText(text: string, aad: string): Promise<string> {
    const { cipher, iv } = await this.seal(new TextEncoder().encode(text), aad);
    const all = new Uint8Array(iv.length + cipher.length);
    all.set(iv);
    all.set(cipher, iv.length);
    return toBase64Url(all);
  }

  /** Opens `sealText`'s output; null when it was altered, sealed for something else, or is not one. */
  async openText(sealed: string, aad: string): Promise<string | null> {
    try {
      const all = fromBase64Url(sealed);
      if (all.length < 12 + 16) return null;
      return new TextDecoder().decode(await this.open(all.slice(12), all.slice(0, 12), aad));
    } catch {
      return null;
    }
  }
}
