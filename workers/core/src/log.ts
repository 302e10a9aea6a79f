/**
 * Structured logs: one JSON object per line, never a secret. Values named like secrets are
 * redacted, and connection strings lose their password, whatever the caller passes.
 *
 * Errors are described, not dumped: a failed query is logged as its statement's kind and table
 * and the database's SQLSTATE (with the constraint, table or column it names), never its
 * parameters nor the database's message and detail, which quote the values (names, e-mail
 * addresses, key hashes). Logs leave the tenant boundary; the data stays inside.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key|database_url/i;

/** Errors nest (a cause wraps a cause): described this deep at most. */
const MAX_CAUSES = 4;

/** A copy of `value` with secrets masked (by key name, and passwords inside URLs). */
export function redact(value: unknown, key = ""): unknown {
  if (SECRET_KEY.test(key)) return "[masqué]";
  if (typeof value === "string") return value.replace(/(\w+:\/\/[^:/\s]+:)[^@\s]+@/g, "$1[masqué]@");
  if (value instanceof Error) return describeError(value, MAX_CAUSES);
  if (Array.isArray(value)) return value.map((v) => redact(v));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}

interface DatabaseErrorFields {
  code: string;
  severity?: string;
  table?: string;
  column?: string;
  constraint?: string;
  routine?: string;
}

/** A Postgres error as the drivers give it: a five-character SQLSTATE plus server fields. */
function isDatabaseError(err: object): err is DatabaseErrorFields {
  const e = err as Record<string, unknown>;
  return typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && ("severity" in e || "routine" in e || "constraint" in e);
}

/** "insert into memberships", "select … from people": the statement's kind and first table. */
export function statementOf(query: string): string {
  const q = query.replace(/\s+/g, " ").trim();
  const kind =
    /^(with|select|insert into|update|delete from|merge into|create|alter|drop|truncate|lock|set|begin|commit|rollback)\b/i.exec(q)?.[1]?.toLowerCase() ??
    "requête";
  const table = (
    kind === "select" || kind === "with" ? /\bfrom "?([a-z_][\w.]*)"?/i : /^(?:insert into|update|delete from|merge into) "?([a-z_][\w.]*)"?/i
  ).exec(q)?.[1];
  if (!table) return kind;
  return kind === "select" || kind === "with" ? `${kind} … from ${table}` : `${kind} ${table}`;
}

/** Text that may carry a failed query: the statement is reduced to its kind, parameters dropped. */
function scrubMessage(message: string): string {
  const failed = /^Failed query: ([\s\S]*?)(?:\nparams:[\s\S]*)?$/.exec(message);
  const text = failed ? `Failed query: ${statementOf(failed[1])}` : message.replace(/\bparams:[\s\S]*$/, "[paramètres masqués]");
  return redact(text) as string;
}

function describeError(err: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { name: err.name };
  const query = (err as { query?: unknown }).query;
  if (typeof query === "string") out.statement = statementOf(query);
  if (isDatabaseError(err)) {
    // The server's message and detail quote values ("Failing row contains (…)"): not logged.
    out.sqlstate = err.code;
    for (const k of ["severity", "table", "column", "constraint", "routine"] as const) if (err[k]) out[k] = err[k];
  } else {
    out.message = scrubMessage(err.message);
  }
  const cause = (err as { cause?: unknown }).cause;
  if (depth > 0 && cause && typeof cause === "object") {
    out.cause = cause instanceof Error ? describeError(cause, depth - 1) : isDatabaseError(cause) ? { sqlstate: cause.code } : undefined;
  }
  return out;
}

export function log(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, msg, time: new Date().toISOString(), ...(redact(fields) as object) });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}
