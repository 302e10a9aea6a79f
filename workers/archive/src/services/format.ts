/**
 * Format identification from the content (never from the file name): `file-type` sniffs the
 * magic numbers; the PRONOM identifier (PUID) is given where the format maps to one.
 */
import { fileTypeFromBuffer } from "file-type";

/** MIME type → PRONOM PUID and name (the formats a local authority deposits most). */
const PRONOM: Record<string, { puid: string; name: string }> = {
  "application/pdf": { puid: "fmt/276", name: "Acrobat PDF 1.7 - Portable Document Format" },
  "image/png": { puid: "fmt/13", name: "Portable Network Graphics 1.2" },
  "image/jpeg": { puid: "fmt/43", name: "JPEG File Interchange Format 1.01" },
  "image/tiff": { puid: "fmt/353", name: "Tagged Image File Format" },
  "image/gif": { puid: "fmt/4", name: "Graphics Interchange Format 89a" },
  "image/webp": { puid: "fmt/567", name: "WebP" },
  "image/svg+xml": { puid: "fmt/92", name: "Scalable Vector Graphics 1.1" },
  "application/zip": { puid: "x-fmt/263", name: "ZIP Format" },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { puid: "fmt/412", name: "Microsoft Word for Windows 2007 onwards" },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { puid: "fmt/214", name: "Microsoft Excel for Windows 2007 onwards" },
  "application/vnd.oasis.opendocument.text": { puid: "fmt/291", name: "OpenDocument Text 1.2" },
  "application/vnd.oasis.opendocument.spreadsheet": { puid: "fmt/295", name: "OpenDocument Spreadsheet 1.2" },
  "application/xml": { puid: "fmt/101", name: "Extensible Markup Language 1.0" },
  "text/plain": { puid: "x-fmt/111", name: "Plain Text File" },
  "audio/mpeg": { puid: "fmt/134", name: "MPEG 1/2 Audio Layer 3" },
  "video/mp4": { puid: "fmt/199", name: "MPEG-4 Media File" },
  "application/octet-stream": { puid: "", name: "Format non identifié" },
};

export interface FormatId {
  mimeType: string;
  puid: string | null;
  formatName: string;
}

/** Plain text and XML have no magic number: recognised when the first bytes are valid UTF-8 text. */
function textual(head: Uint8Array): string | null {
  if (head.length === 0) return null;
  try {
    const s = new TextDecoder("utf-8", { fatal: true } as unknown as TextDecoderConstructorOptions).decode(head.length >= 4100 ? head.slice(0, 4000) : head);
    if (/[\u0000-\u0008\u000e-\u001f]/.test(s)) return null;
    return /^\s*<\?xml|^\s*<[A-Za-z]/.test(s) ? "application/xml" : "text/plain";
  } catch {
    return null;
  }
}

export async function identifyFormat(head: Uint8Array): Promise<FormatId> {
  const found = await fileTypeFromBuffer(head).catch(() => undefined);
  const mimeType = found?.mime ?? textual(head) ?? "application/octet-stream";
  const p = PRONOM[mimeType];
  return { mimeType, puid: p?.puid || null, formatName: p?.name ?? mimeType };
}
