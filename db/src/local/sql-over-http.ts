/**
 * Neon's SQL-over-HTTP protocol, as `@neondatabase/serverless`'s `neon()` speaks it, in front of
 * connection pools kept by the relay (one per connection string). Request: `POST /sql`, headers
 * `Neon-Connection-String`, `Neon-Raw-Text-Output`, `Neon-Array-Mode`, and for batches
 * `Neon-Batch-Isolation-Level` / `-Read-Only` / `-Deferrable`; body `{ query, params }` or
 * `{ queries: [...] }` (a batch runs as one transaction). Answer: the result with raw text values
 * (the client parses them by type), or `{ results: [...] }`; a database error is HTTP 400 with its
 * fields.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import pg from "pg";

interface Query {
  query: string;
  params?: unknown[];
}

/** Values stay as Postgres sends them (text): the driver parses them itself. */
const rawText = { getTypeParser: () => (value: string) => value };

const ERROR_FIELDS = [
  "code",
  "severity",
  "detail",
  "hint",
  "position",
  "internalPosition",
  "internalQuery",
  "where",
  "schema",
  "table",
  "column",
  "dataType",
  "constraint",
  "file",
  "line",
  "routine",
] as const;

const ISOLATION: Record<string, string> = {
  ReadUncommitted: "READ UNCOMMITTED",
  ReadCommitted: "READ COMMITTED",
  RepeatableRead: "REPEATABLE READ",
  Serializable: "SERIALIZABLE",
};

function present(r: pg.QueryResult<unknown[]>) {
  return {
    command: r.command,
    rowCount: r.rowCount,
    rows: r.rows,
    fields: r.fields.map((f) => ({
      name: f.name,
      dataTypeID: f.dataTypeID,
      tableID: f.tableID,
      columnID: f.columnID,
      dataTypeSize: f.dataTypeSize,
      dataTypeModifier: f.dataTypeModifier,
      format: f.format,
    })),
    rowAsArray: true,
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 10 * 1024 * 1024) throw new Error("corps trop volumineux");
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

export function sqlOverHttp(allowed: (target: string) => boolean) {
  const pools = new Map<string, pg.Pool>();

  function poolFor(connectionString: string): pg.Pool {
    let pool = pools.get(connectionString);
    if (!pool) {
      pool = new pg.Pool({ connectionString, max: 10, idleTimeoutMillis: 30_000 });
      pool.on("error", () => {});
      pools.set(connectionString, pool);
    }
    return pool;
  }

  const run = (client: pg.PoolClient, q: Query) =>
    client.query({ text: q.query, values: q.params ?? [], rowMode: "array", types: rawText }) as Promise<pg.QueryResult<unknown[]>>;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST" || !req.url?.startsWith("/sql")) return reply(404, { message: "not found" });
    const conn = String(req.headers["neon-connection-string"] ?? "");
    let url: URL;
    try {
      url = new URL(conn);
    } catch {
      return reply(400, { message: "Neon-Connection-String missing or invalid" });
    }
    if (!allowed(`${url.hostname}:${url.port || "5432"}`)) return reply(403, { message: "address not allowed" });
    let body: { query?: string; params?: unknown[]; queries?: Query[] };
    try {
      body = (await readJson(req)) as typeof body;
    } catch (err) {
      return reply(400, { message: (err as Error).message });
    }
    let client: pg.PoolClient;
    try {
      client = await poolFor(conn).connect();
    } catch (err) {
      return reply(500, { message: (err as Error).message });
    }
    let inTransaction = false;
    try {
      if (body.queries) {
        const isolation = ISOLATION[String(req.headers["neon-batch-isolation-level"] ?? "")];
        const readOnly = req.headers["neon-batch-read-only"] === "true";
        const deferrable = req.headers["neon-batch-deferrable"] === "true";
        await client.query(`BEGIN${isolation ? ` ISOLATION LEVEL ${isolation}` : ""}${readOnly ? " READ ONLY" : ""}${deferrable ? " DEFERRABLE" : ""}`);
        inTransaction = true;
        const results = [];
        for (const q of body.queries) results.push(present(await run(client, q)));
        await client.query("COMMIT");
        inTransaction = false;
        reply(200, { results });
      } else {
        reply(200, present(await run(client, { query: body.query ?? "", params: body.params })));
      }
    } catch (err) {
      if (inTransaction) await client.query("ROLLBACK").catch(() => {});
      const e = err as Record<string, unknown> & { message: string };
      reply(400, Object.fromEntries([["message", e.message], ...ERROR_FIELDS.filter((f) => e[f] !== undefined).map((f) => [f, e[f]])]));
    } finally {
      client.release();
    }
  }

  return {
    handle,
    close: async () => {
      await Promise.all([...pools.values()].map((p) => p.end().catch(() => {})));
      pools.clear();
    },
  };
}
