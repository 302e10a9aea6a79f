/**
 * Structured logs: one JSON object per line, never a secret. Values named like secrets are
 * redacted, and connection strings lose their password, whatever the caller passes.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key|database_url/i;

/** A copy of `value` with secrets masked (by key name, and passwords inside URLs). */
export function redact(value: unknown, key = ""): unknown {
  if (SECRET_KEY.test(key)) return "[masqué]";
  if (typeof value === "string") return value.replace(/(\w+:\/\/[^:/\s]+:)[^@\s]+@/g, "$1[masqué]@");
  if (value instanceof Error) return { name: value.name, message: redact(value.message) };
  if (Array.isArray(value)) return value.map((v) => redact(v));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}

export function log(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, msg, time: new Date().toISOString(), ...(redact(fields) as object) });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}
