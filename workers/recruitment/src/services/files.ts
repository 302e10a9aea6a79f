/**
 * Candidates' files: the type is read from the bytes (a PDF starts with %PDF-; ODT and DOCX are ZIP
 * archives, told apart by their first entry: ODT's `mimetype`, DOCX's `[Content_Types].xml`), never
 * from the name or the browser's word; the size is bounded; the configured scanner sees every file
 * before it is stored, and a file it flags is refused. Stored in R2 under the application.
 */
import { invalid, unavailable, AppError } from "@communa/core";
import { toHex } from "@communa/core/bytes";
import { m } from "../messages.fr.ts";

/** Both files go in one request, under the gateway's 1 MiB body limit. */
export const MAX_FILE_BYTES = 480 * 1024;

export type FileType =
  | "application/pdf"
  | "application/vnd.oasis.opendocument.text"
  | "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** The document type the bytes are, or null. */
export function sniff(b: Uint8Array): FileType | null {
  if (b.length >= 5 && ascii(b, 0, 5) === "%PDF-") return "application/pdf";
  // ZIP local file header: PK\3\4, name length at 26, name at 30.
  if (b.length >= 30 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
    const nameLength = b[26] | (b[27] << 8);
    const name = ascii(b, 30, 30 + nameLength);
    if (
      name === "mimetype" &&
      ascii(b, 30 + nameLength + (b[28] | (b[29] << 8)), 30 + nameLength + (b[28] | (b[29] << 8)) + 39) === "application/vnd.oasis.opendocument.text"
    )
      return "application/vnd.oasis.opendocument.text";
    if (name === "[Content_Types].xml" || name.startsWith("word/") || name === "_rels/.rels")
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  return null;
}

export interface CheckedFile {
  bytes: Uint8Array;
  type: FileType;
  sha256: string;
}

/** Type and size of one uploaded file, as a field error on `field`. */
export async function checkFile(file: File, field: "cv" | "letter"): Promise<CheckedFile> {
  if (file.size > MAX_FILE_BYTES) throw invalid(undefined, [{ path: `form/${field}`, message: m.fields.fileSize(MAX_FILE_BYTES / 1024) }]);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniff(bytes);
  if (!type) throw invalid(undefined, [{ path: `form/${field}`, message: m.fields.fileType }]);
  return { bytes, type, sha256: toHex(await crypto.subtle.digest("SHA-256", bytes)) };
}

/**
 * Sends the bytes to the scanner (POST, application/octet-stream); it answers JSON
 * `{ "infected": boolean, "threat"?: string }`, as clamav-rest style services do. A flagged file
 * is refused on its field; a scanner that does not answer refuses the upload (503), never lets it pass.
 */
export async function scan(url: string | null, f: CheckedFile, field: "cv" | "letter"): Promise<void> {
  if (!url) return;
  let verdict: { infected?: unknown; threat?: unknown };
  try {
    const res = await fetch(url, { method: "POST", body: f.bytes, headers: { "content-type": "application/octet-stream", "x-sha256": f.sha256 } });
    if (!res.ok) throw new Error(`scanner ${res.status}`);
    verdict = (await res.json()) as typeof verdict;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unavailable(m.scanUnavailable);
  }
  if (typeof verdict.infected !== "boolean") throw unavailable(m.scanUnavailable);
  if (verdict.infected)
    throw invalid(undefined, [
      { path: `form/${field}`, message: m.fields.fileFlagged(typeof verdict.threat === "string" ? verdict.threat.slice(0, 80) : "menace") },
    ]);
}
