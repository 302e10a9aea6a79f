/**
 * Request bodies are checked once, at the edge: size (413) and presence of a content type (415).
 * The domain route then checks the content type matches what it declares.
 */
import { AppError } from "@communa/core/edge";
import { gatewayText } from "./messages.fr.ts";

export const DEFAULT_MAX_BODY = 1024 * 1024;
/** File imports (map layers: GeoJSON, CSV) and photo uploads may be larger than ordinary requests. */
export const IMPORT_MAX_BODY = 20 * 1024 * 1024;

/** Reads the body with a hard limit, whether or not the client sent Content-Length. */
export async function readBody(req: Request, limit: number): Promise<ArrayBuffer | null> {
  if (req.method === "GET" || req.method === "HEAD" || !req.body) return null;
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AppError("payloadTooLarge", gatewayText.bodyTooLarge(limit));
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError("payloadTooLarge", gatewayText.bodyTooLarge(limit));
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

/**
 * Archive file uploads (ADR 0015) are not read here: a Worker has 128 MB of memory and an archived
 * file may be far larger. They stream through to the archive Worker, which hashes them on the way
 * to R2; the size limit is still enforced, on the stream.
 */
export const STREAM_MAX_BODY = 5 * 1024 ** 3;

/**
 * The limit of a file upload that streams through, or null for any other request: PUT
 * …/deposits/<id>/files/<id> (one file, up to 5 GiB) or POST …/deposits/<id>/files (a batch of
 * small files, which the archive Worker holds in memory: 33 MiB).
 */
export function streamedUploadLimit(method: string, domain: string, path: string): number | null {
  if (domain !== "archive") return null;
  if (method === "PUT" && /^\/(hr\/)?deposits\/[0-9a-f-]{36}\/files\/[0-9a-f-]{36}$/.test(path)) return STREAM_MAX_BODY;
  if (method === "POST" && /^\/deposits\/[0-9a-f-]{36}\/files$/.test(path)) return BATCH_MAX_BODY;
  return null;
}

/** A batch of small archive files (multipart), held in memory by the archive Worker. */
export const BATCH_MAX_BODY = 33 * 1024 * 1024;

/** The request body as a stream that fails once more than `limit` bytes have passed. */
export function streamBody(req: Request, limit: number): ReadableStream<Uint8Array> | null {
  if (!req.body) return null;
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AppError("payloadTooLarge", gatewayText.bodyTooLarge(limit));
  if (!req.headers.get("content-type")) throw new AppError("unsupportedMediaType");
  let size = 0;
  return req.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > limit) controller.error(new AppError("payloadTooLarge", gatewayText.bodyTooLarge(limit)));
        else controller.enqueue(chunk);
      },
    }),
  );
}
