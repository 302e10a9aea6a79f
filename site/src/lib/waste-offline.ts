/**
 * The field tablet's outbox: writes are kept in IndexedDB (photos included, as Blobs) and sent in
 * order when the network allows. Each write carries an idempotency key made when it was queued, so
 * a resend after a lost answer does not record it twice (the API returns the first answer). A
 * write the server refuses (4xx) leaves the queue and is reported; a network failure, 5xx or 429
 * stops the round and is retried later.
 */

import type { JsonBody } from "./api/client.ts";

/** A check as the API takes it. */
export type CheckBody = JsonBody<"/api/waste/checks", "post">;

/** What a queued write does: each kind is sent through the typed client (waste-field.ts). */
export type QueuedOp =
  | { kind: "complete"; interventionId: string; outcome: string }
  | ({ kind: "check" } & CheckBody)
  /** A check's photo: its check is the write `after` (its id known once that one is sent). */
  | { kind: "photo"; checkId?: string; blob: Blob };

export interface QueuedWrite {
  /** Also the idempotency key. */
  key: string;
  createdAt: number;
  op: QueuedOp;
  /** Key of the write whose answer's `id` this one needs (a check before its photo). */
  after?: string;
  /** Shown to the agent in the list of pending writes. */
  label: string;
}

/** The outcome of one send: the HTTP status, the `id` the API answered, or why it refused. */
export interface Sent {
  status: number;
  id?: string;
  reason?: string;
}

export type FlushEvent = { kind: "sent"; write: QueuedWrite } | { kind: "rejected"; write: QueuedWrite; reason: string };

const DB = "communa-dechets-terrain";
const STORE = "outbox";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "key" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const req = fn(t.objectStore(STORE));
      t.oncomplete = () => resolve(req.result);
      t.onerror = () => reject(t.error);
    });
  } finally {
    db.close();
  }
}

/** A random key the API accepts as an idempotency key. */
export const newKey = () => crypto.randomUUID().replaceAll("-", "");

export const enqueue = (w: Omit<QueuedWrite, "createdAt">) => tx("readwrite", (s) => s.put({ ...w, createdAt: Date.now() } satisfies QueuedWrite));
export const pending = async () => (await tx<QueuedWrite[]>("readonly", (s) => s.getAll())).sort((a, b) => a.createdAt - b.createdAt);
const remove = (key: string) => tx("readwrite", (s) => s.delete(key));

let running: Promise<void> | null = null;

/** The oldest write whose prerequisite (if any) has been sent; orphans (and writes of an older version of the page) are dropped. */
async function next(): Promise<QueuedWrite | undefined> {
  const list = await pending();
  const keys = new Set(list.map((w) => w.key));
  for (const w of list) if ((w.after && !keys.has(w.after)) || !w.op) await remove(w.key);
  return list.find((w) => !w.after && w.op);
}

/**
 * Sends what is queued, oldest first; `send` does one HTTP call (and throws when the network is
 * down). Never runs twice at once (an `online` event during a timer round joins the same round).
 */
export function flush(send: (w: QueuedWrite) => Promise<Sent>, report: (e: FlushEvent) => void): Promise<void> {
  running ??= (async () => {
    try {
      // Always the oldest ready write, read afresh: a photo gets its check's id when the check is
      // sent (so a list taken at the start would be stale), and never goes before it.
      for (let w = await next(); w; w = await next()) {
        let res: Sent;
        try {
          res = await send(w);
        } catch {
          return; // Offline or the connection dropped: try again later.
        }
        if (res.status >= 500 || res.status === 429 || res.status === 408 || res.status === 401 || res.status === 403 || res.status === 0) return;
        if (res.status >= 400) {
          await remove(w.key);
          // What depended on it cannot be sent either.
          for (const other of await pending()) if (other.after === w.key) await remove(other.key);
          report({ kind: "rejected", write: w, reason: res.reason ?? String(res.status) });
          continue;
        }
        for (const other of await pending()) {
          const op = other.op;
          if (other.after === w.key && res.id && op.kind === "photo")
            await tx("readwrite", (s) => s.put({ ...other, after: undefined, op: { ...op, checkId: res.id } } satisfies QueuedWrite));
        }
        await remove(w.key);
        report({ kind: "sent", write: w });
      }
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Downscales a photo to at most `max` pixels wide or high, as JPEG: less to keep and to send. */
export async function shrinkPhoto(file: Blob, max = 1600): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, max / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d")!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b ?? file), "image/jpeg", 0.82));
  } catch {
    return file;
  }
}
