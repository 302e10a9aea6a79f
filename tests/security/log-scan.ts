/**
 * Secrets and personal data in log lines (issue #25): configured secret values, credentials by their
 * shape (API keys, bearer tokens, JWTs, private keys, passwords in URLs or fields, session cookies,
 * secret query parameters) and personal data (e-mail addresses, French phone numbers, IBANs, social
 * security numbers). Logs leave the tenant boundary (they go to the host's log service): none of this
 * may be in them. Used on every line the gateway logs in its tests (tests/setup/quiet-request-logs.ts);
 * tested on its own on fixtures (tests/node/log-scan.test.ts).
 */

export const SECRET_SHAPES: ReadonlyArray<readonly [string, RegExp]> = [
  ["clé d’API", /\bcmn_[A-Za-z0-9_-]{16,}/],
  ["jeton Bearer", /\bBearer\s+[A-Za-z0-9._~+/-]{16,}/i],
  ["JWT", /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
  ["clé privée", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["mot de passe dans une adresse", /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"]+:[^\s@/"]+@/i],
  ["champ secret", /"(password|passwd|secret|token|apiKey|api_key|authorization|cookie|set-cookie|x-csrf-token)"\s*:\s*"[^"]{4,}"/i],
  ["cookie de session", /__Host-[A-Za-z_]+=[A-Za-z0-9._~-]{16,}/],
  ["paramètre secret", /[?&](token|code|state|key|password|secret|id_token|access_token)=[^&\s"]{8,}/i],
];

export const PERSONAL_SHAPES: ReadonlyArray<readonly [string, RegExp]> = [
  ["adresse électronique", /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/],
  // Not inside an identifier (a UUID's last group can hold "0700000009"), a number or a time.
  ["numéro de téléphone", /(?<![\w.:-])(?:\+33\s?[1-9]|0[1-9])(?:[ .]?\d{2}){4}(?![\w.:-])/],
  ["IBAN", /\bFR\d{2}(?:\s?[0-9A-Z]{4}){5}\s?[0-9A-Z]{3}\b/],
  ["numéro de sécurité sociale", /(?<![\w.:-])[12]\s?\d{2}\s?(?:0[1-9]|1[0-2])\s?(?:\d{2}|2[AB])\s?\d{3}\s?\d{3}\s?\d{2}(?![\w.:-])/],
];

/**
 * What a set of log lines leaks: for each line, the first secret value or shape found in it (the
 * value itself is never repeated in the report — only its kind and the line's start).
 */
export function logLeaks(lines: readonly string[], secrets: readonly string[] = []): string[] {
  const values = secrets.filter((s) => s.length >= 8);
  const out: string[] = [];
  for (const line of lines) {
    const kind =
      (values.some((v) => line.includes(v)) ? "valeur d’un secret configuré" : undefined) ??
      [...SECRET_SHAPES, ...PERSONAL_SHAPES].find(([, re]) => re.test(line))?.[0];
    if (kind) out.push(`${kind} : ${line.replace(/[A-Za-z0-9+/=_-]{12,}/g, "…").slice(0, 160)}`);
  }
  return out;
}

/** The secret part of configuration values: a URL's password, otherwise the whole value. */
export function secretValuesOf(config: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const v of Object.values(config)) {
    if (typeof v !== "string" || v.length < 8) continue;
    try {
      const u = new URL(v);
      if (u.password) out.push(decodeURIComponent(u.password));
    } catch {
      out.push(v);
    }
  }
  return out;
}
