/**
 * RFC 3161 timestamps (production configuration, ADR 0015): when ARCHIVE_TSA_URL is set, each
 * journal hash is also sent to a qualified timestamp authority and its token (DER, base64) kept
 * with the entry. Without it, the entry's own signed timestamp is the only one.
 */
import { unavailable } from "@communa/core";

/** DER length octets. */
function len(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}
const tlv = (tag: number, body: number[]) => [tag, ...len(body.length), ...body];

/** SHA-256 AlgorithmIdentifier (OID 2.16.840.1.101.3.4.2.1, NULL parameters). */
const SHA256_ALG = tlv(0x30, [...tlv(0x06, [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01]), 0x05, 0x00]);

/** A DER TimeStampReq (v1) for a SHA-256 digest, with a random nonce, asking for the TSA's certificate. */
export function timestampRequest(sha256: Uint8Array): Uint8Array {
  if (sha256.length !== 32) throw new Error("empreinte SHA-256 attendue");
  const nonce = Array.from(crypto.getRandomValues(new Uint8Array(8)));
  nonce[0] &= 0x7f; // a positive INTEGER
  const imprint = tlv(0x30, [...SHA256_ALG, ...tlv(0x04, Array.from(sha256))]);
  return new Uint8Array(tlv(0x30, [...tlv(0x02, [1]), ...imprint, ...tlv(0x02, nonce), 0x01, 0x01, 0xff]));
}

/** Reads one TLV at `at`: where its body starts and ends. */
function readTlv(b: Uint8Array, at: number): { tag: number; start: number; end: number } {
  const tag = b[at];
  let l = b[at + 1];
  let start = at + 2;
  if (l & 0x80) {
    const n = l & 0x7f;
    l = 0;
    for (let i = 0; i < n; i++) l = (l << 8) | b[start + i];
    start += n;
  }
  return { tag, start, end: start + l };
}

/** The timeStampToken of a TimeStampResp when its status is granted (0) or grantedWithMods (1). */
export function tokenOf(resp: Uint8Array): Uint8Array {
  const outer = readTlv(resp, 0);
  const status = readTlv(resp, outer.start);
  const code = readTlv(resp, status.start);
  const value = resp[code.start];
  if (outer.tag !== 0x30 || status.tag !== 0x30 || code.tag !== 0x02 || value > 1 || status.end >= outer.end) throw new Error(`horodatage refusé (statut ${value})`);
  return resp.slice(status.end, outer.end);
}

export async function timestampToken(url: string, sha256: Uint8Array): Promise<string> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/timestamp-query" }, body: timestampRequest(sha256) });
  if (!res.ok) throw unavailable(`L’autorité d’horodatage a répondu ${res.status}.`);
  const token = tokenOf(new Uint8Array(await res.arrayBuffer()));
  return btoa(String.fromCharCode(...token));
}
