/**
 * Where the minutes go once produced: this Worker's R2 bucket, content-addressed by SHA-256 (R2
 * checks the digest on write). The archive module (SAE) will take over sealing by replacing this
 * one function; callers only rely on the keys and digests it returns.
 */
import type { CouncilBindings } from "../env.ts";
import { sha256Hex } from "@communa/core/hash";

export interface Deposit {
  pdfKey: string;
  jsonKey: string;
  pdfSha256: string;
  jsonSha256: string;
}

export async function depositMinutes(
  env: Pick<CouncilBindings, "MINUTES">,
  minutes: { tenantId: string; sittingId: string; pdf: Uint8Array; json: string },
): Promise<Deposit> {
  const [pdfSha256, jsonSha256] = await Promise.all([sha256Hex(minutes.pdf), sha256Hex(minutes.json)]);
  const base = `proces-verbaux/${minutes.tenantId}/${minutes.sittingId}`;
  const pdfKey = `${base}/${pdfSha256}.pdf`;
  const jsonKey = `${base}/${jsonSha256}.json`;
  const meta = { tenantId: minutes.tenantId, sittingId: minutes.sittingId };
  await Promise.all([
    env.MINUTES.put(pdfKey, minutes.pdf, {
      sha256: pdfSha256,
      httpMetadata: { contentType: "application/pdf" },
      customMetadata: { ...meta, sha256: pdfSha256 },
    }),
    env.MINUTES.put(jsonKey, minutes.json, {
      sha256: jsonSha256,
      httpMetadata: { contentType: "application/json" },
      customMetadata: { ...meta, sha256: jsonSha256 },
    }),
  ]);
  return { pdfKey, jsonKey, pdfSha256, jsonSha256 };
}
