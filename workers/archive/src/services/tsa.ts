/**
 * RFC 3161 timestamps (production configuration, ADR 0015): when ARCHIVE_TSA_URL is set, each
 * journal hash is also sent to a qualified timestamp authority and its token (DER, base64) kept
 * with the entry. Without it, the entry's own signed timestamp is the only one. The journal's
 * verification checks each stored token (pkijs: imprint, TSA signature and certificate, ADR 0027).
 */
import * as pkijs from "pkijs";
import { unavailable } from "@communa/core";
import { fromBase64, toBase64, toHex } from "@communa/core/bytes";
import { sha256 } from "@communa/core/hash";
import { m } from "../messages.fr.ts";

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
  if (sha256.length !== 32) throw new Error("a SHA-256 digest (32 bytes) is expected");
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
  if (outer.tag !== 0x30 || status.tag !== 0x30 || code.tag !== 0x02 || value > 1 || status.end >= outer.end)
    // The deposit is not sealed without its timestamp: a 503 the caller may retry, not a 500.
    throw unavailable(m.tsaRefused(value));
  return resp.slice(status.end, outer.end);
}

export async function timestampToken(url: string, sha256: Uint8Array): Promise<string> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/timestamp-query" }, body: timestampRequest(sha256) });
  if (!res.ok) throw unavailable(m.tsaAnswered(res.status));
  const token = tokenOf(new Uint8Array(await res.arrayBuffer()));
  return toBase64(token);
}

/** What the check of a stored timestamp token found. */
export interface TimestampCheck {
  ok: boolean;
  /**
   * Why it does not hold: "malformed" (not a CMS SignedData carrying a TSTInfo), "imprint" (it
   * timestamps another digest), "signature" (the TSA's signature does not verify against its
   * certificate), "certificate" (the certificate is not for timestamping, or not valid at genTime),
   * "untrusted" (its chain does not lead to a configured trust anchor).
   */
  reason?: "malformed" | "imprint" | "signature" | "certificate" | "untrusted";
  /** The TSA's time (TSTInfo genTime), ISO 8601. */
  genTime?: string;
  /** The TSA certificate's subject (RFC 4514-like). */
  tsa?: string;
  serial?: string;
  detail?: string;
}

const TSTINFO = "1.2.840.113549.1.9.16.1.4";
const SIGNED_DATA = "1.2.840.113549.1.7.2";
const SHA256_OID = "2.16.840.1.101.3.4.2.1";
const TIME_STAMPING = "1.3.6.1.5.5.7.3.8";

function subjectOf(cert: pkijs.Certificate): string {
  const short: Record<string, string> = { "2.5.4.3": "CN", "2.5.4.10": "O", "2.5.4.11": "OU", "2.5.4.6": "C" };
  return cert.subject.typesAndValues.map((tv) => `${short[tv.type] ?? tv.type}=${String((tv.value.valueBlock as { value?: unknown }).value ?? "")}`).join(", ");
}

/** Trust anchors for TSA chains: PEM certificates (one or more) as configured in ARCHIVE_TSA_TRUST. */
export function trustAnchors(pem: string | undefined): pkijs.Certificate[] {
  if (!pem) return [];
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/g)].map((m) =>
    pkijs.Certificate.fromBER(fromBase64(m[1].replace(/\s+/g, ""))),
  );
}

/**
 * Verifies an RFC 3161 timestamp token (base64 DER ContentInfo, as stored with a journal entry)
 * against the data whose SHA-256 was timestamped (the entry's canonical text, whose SHA-256 is
 * its hash): the TSTInfo's message imprint must be that digest, the TSA's CMS signature must
 * verify against the certificate it carries (signed attributes, message digest of the TSTInfo),
 * that certificate must be for timestamping (extended key usage, RFC 3161 § 2.3) and, when trust
 * anchors are given, chain to one of them at genTime.
 */
export async function verifyTimestampToken(tokenB64: string, data: Uint8Array, trusted: pkijs.Certificate[] = []): Promise<TimestampCheck> {
  let signed: pkijs.SignedData;
  let tst: pkijs.TSTInfo;
  try {
    const der = fromBase64(tokenB64);
    const info = pkijs.ContentInfo.fromBER(der);
    if (info.contentType !== SIGNED_DATA) return { ok: false, reason: "malformed", detail: `contentType ${info.contentType}` };
    signed = new pkijs.SignedData({ schema: info.content });
    if (signed.encapContentInfo.eContentType !== TSTINFO || !signed.encapContentInfo.eContent)
      return { ok: false, reason: "malformed", detail: "pas de TSTInfo" };
    tst = pkijs.TSTInfo.fromBER(signed.encapContentInfo.eContent.getValue());
  } catch (err) {
    return { ok: false, reason: "malformed", detail: err instanceof Error ? err.message : String(err) };
  }
  const genTime = tst.genTime.toISOString();
  const serial = toHex(tst.serialNumber.valueBlock.valueHexView);
  const digest = await sha256(data);
  const imprint = tst.messageImprint;
  if (imprint.hashAlgorithm.algorithmId !== SHA256_OID || toHex(imprint.hashedMessage.valueBlock.valueHexView) !== toHex(digest))
    return { ok: false, reason: "imprint", genTime, serial };
  const certs = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const result = (await signed
    .verify({ signer: 0, data: data.slice().buffer, extendedMode: true, checkChain: trusted.length > 0, trustedCerts: trusted })
    .catch((e: unknown) => e)) as pkijs.SignedDataVerifyResult;
  const cert = result.signerCertificate ?? certs[0];
  const tsa = cert ? subjectOf(cert) : undefined;
  if (!result.signatureVerified) {
    // Code 5: the chain; anything else before the signature is checked: the signature itself.
    return { ok: false, reason: result.code === 5 ? "untrusted" : "signature", genTime, serial, tsa, detail: result.message };
  }
  const eku = cert?.extensions?.find((x) => x.extnID === "2.5.29.37")?.parsedValue as pkijs.ExtKeyUsage | undefined;
  if (!cert || !eku?.keyPurposes.includes(TIME_STAMPING))
    return { ok: false, reason: "certificate", genTime, serial, tsa, detail: "usage « horodatage » absent du certificat" };
  if (tst.genTime < cert.notBefore.value || tst.genTime > cert.notAfter.value)
    return { ok: false, reason: "certificate", genTime, serial, tsa, detail: "certificat hors de sa période de validité" };
  return { ok: true, genTime, serial, tsa };
}
