/**
 * Request bodies are checked once, at the edge: size (413) and presence of a content type (415).
 * The domain route then checks the content type matches what it declares.
 */
import { AppError } from "@communa/core/edge";

export const DEFAULT_MAX_BODY = 1024 * 1024;
/** File imports (map layers: GeoJSON, CSV) and photo uploads may be larger than ordinary requests. */
export const IMPORT_MAX_BODY = 20 * 1024 * 1024;

/** Reads the body with a hard limit, whether or not the client sent Content-Length. */
export async function readBody(req: Request, limit: number): Promise<ArrayBuffer | null> {
  if (req.method === "GET" || req.method === "HEAD" || !req.body) return null;
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AppError("payloadTooLarge", `Le corps de la requête dépasse ${Math.round(limit / 1024)} Kio.`);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError("payloadTooLarge", `Le corps de la requête dépasse ${Math.round(limit / 1024)} Kio.`);
    }
    chunks.push(value);
  }
  if (size === 0) return null;
  if (!req.headers.get("content-type")) throw new AppError("unsupportedMediaType");
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all.buffer;
}
