/**
 * Fuzzing from the OpenAPI document (issue #25): requests built by fast-check from each operation's
 * declared parameters and body — wrong types, empty and huge values, unicode, NUL, wrong content
 * types, deep nesting, invalid UTF-8 — and the judge of the answers: never a 5xx, every 4xx a
 * problem+json in French whose status is the response's. No `cloudflare:` import: the judge is
 * tested on its own in Node (tests/node/security-checks.test.ts), the walk runs in the gateway project
 * (tests/integration/role-route-matrix.test.ts). Deterministic: a fixed seed, a fixed number of runs.
 */
import fc from "fast-check";

export interface FuzzParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Record<string, unknown>;
}

export interface FuzzOperation {
  method: string;
  path: string;
  parameters: FuzzParameter[];
  /** Content types of the request body the operation declares (none: no body). */
  bodyTypes: string[];
  /** Property names of the JSON body's schema, when it has one. */
  bodyFields: string[];
}

export interface FuzzRequest {
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** What was tried, for the failure message. */
  label: string;
}

/** Values wrong for almost every field: types, sizes, encodings an attacker or a broken client sends. */
const hostileText = fc.oneof(
  fc.constantFrom("", " ", "0", "-1", "1e309", "NaN", "true", "null", "[]", "{}", "%00", "%ZZ", "..%2F..%2Fetc%2Fpasswd", "' OR 1=1 --", "<script>x</script>"),
  fc.constantFrom("x".repeat(5000), "é".repeat(2000), "😀".repeat(500), "\u202egnp.exe", "\uFEFFbom", "a\u0000b", "\uD800", "ﬁ\u0301"),
  fc.string({ maxLength: 40, unit: "grapheme" }),
  fc.integer().map(String),
  fc.uuid().map(String),
);

const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.constant("x".repeat(50_000)),
);

/** A body of the declared kind or not: broken JSON, deep nesting, invalid UTF-8, wrong shapes. */
function hostileBody(op: FuzzOperation): fc.Arbitrary<{ body: string | Uint8Array; label: string }> {
  const fields = op.bodyFields.length ? op.bodyFields : ["name"];
  return fc.oneof(
    fc.constantFrom(
      { body: "", label: "corps vide" },
      { body: "{pas du json", label: "JSON cassé" },
      { body: "[".repeat(10_000) + "]".repeat(10_000), label: "10 000 tableaux imbriqués" },
      { body: `${'{"a":'.repeat(2_000)}1${"}".repeat(2_000)}`, label: "2 000 objets imbriqués" },
      { body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', label: "XML à entité externe" },
      { body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]), label: "UTF-8 invalide" },
    ),
    fc.jsonValue({ maxDepth: 3 }).map((v) => ({ body: JSON.stringify(v), label: "JSON quelconque" })),
    // The operation's own fields, each with a hostile value: gets past "not an object" to the fields' validation.
    fc
      .record(Object.fromEntries(fields.map((f) => [f, hostileJsonValue])), { requiredKeys: [] })
      .map((v) => ({ body: JSON.stringify(v), label: `champs hostiles ${Object.keys(v).join(",")}` })),
  );
}

const CONTENT_TYPES = [
  "application/json",
  "text/plain",
  "application/xml",
  "multipart/form-data",
  "multipart/form-data; boundary=x",
  "application/x-www-form-urlencoded",
  "application/json; charset=utf-16",
  "image/png",
];

/** A value matching the parameter's schema well enough to get past routing (or its example). */
function plausible(p: FuzzParameter, samples: Record<string, string>): string {
  if (samples[p.name]) return samples[p.name];
  const s = p.schema ?? {};
  if (s.example !== undefined) return String(s.example);
  if (s.format === "uuid") return "00000000-0000-7000-8000-000000000000";
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === "integer" || type === "number") return "1";
  if (type === "boolean") return "true";
  if (Array.isArray(s.enum) && s.enum.length) return String(s.enum[0]);
  return "x";
}

/** Percent-encoding, except that a lone surrogate is sent as the invalid UTF-8 it would be (%ED%A0%80). */
function encodePath(v: string): string {
  try {
    return encodeURIComponent(v).replace(/%25(00|ZZ|2F)/g, "%$1");
  } catch {
    return `${encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, ""))}%ED%A0%80`;
  }
}

/** One hostile request for the operation: some parameters hostile, maybe a hostile body and content type. */
export function requestArbitrary(op: FuzzOperation, samples: Record<string, string>): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === "path");
  const queryParams = op.parameters.filter((p) => p.in === "query");
  const headerParams = op.parameters.filter((p) => p.in === "header");
  const maybeHostile = (p: FuzzParameter) => fc.option(hostileText, { freq: 2 }).map((v) => (v === null ? plausible(p, samples) : v));
  return fc
    .record({
      path: fc.tuple(...pathParams.map(maybeHostile)),
      query: fc.tuple(...queryParams.map((p) => fc.option(maybeHostile(p), { freq: 3 }))),
      extraQuery: fc.option(fc.tuple(fc.constantFrom("inconnu", "limit", "__proto__", "x".repeat(200)), hostileText), { freq: 2 }),
      header: fc.tuple(
        ...headerParams.map(() =>
          fc.option(
            hostileText.map((v) => v.replace(/[^\x20-\x7e]/g, "?")),
            { freq: 2 },
          ),
        ),
      ),
      body: op.bodyTypes.length ? fc.option(hostileBody(op), { freq: 4 }) : fc.constant(null),
      contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { freq: 2 }),
    })
    .map(({ path, query, extraQuery, header, body, contentType }) => {
      let i = 0;
      const url = op.path.replace(/\{(\w+)\}/g, () => encodePath(path[i++] ?? "x"));
      const search = new URLSearchParams();
      queryParams.forEach((p, k) => {
        if (query[k] !== null) search.append(p.name, query[k] as string);
        else if (p.required) search.append(p.name, plausible(p, samples));
      });
      if (extraQuery) search.append(extraQuery[0], extraQuery[1]);
      const headers: Record<string, string> = {};
      headerParams.forEach((p, k) => {
        if (header[k] !== null) headers[p.name] = header[k] as string;
      });
      if (body || op.bodyTypes.length) headers["content-type"] = contentType ?? op.bodyTypes[0] ?? "application/json";
      const qs = search.toString();
      return {
        url: qs ? `${url}?${qs}` : url,
        headers,
        body: body?.body ?? (op.bodyTypes.length ? "{}" : undefined),
        label: `${op.method} ${url.slice(0, 80)}${qs ? `?${qs.slice(0, 60)}` : ""} [${headers["content-type"] ?? "—"}] ${body?.label ?? ""}`,
      };
    });
}

/** `runs` requests per operation, the same ones every run (fixed seed). */
export function sampleRequests(op: FuzzOperation, samples: Record<string, string>, runs: number, seed: number): FuzzRequest[] {
  return fc.sample(requestArbitrary(op, samples), { numRuns: runs, seed });
}

/** English words a problem document must not carry (zod's, Hono's, the runtime's own messages). */
const ENGLISH =
  /\b(the|is|not|must|expected|received|required|invalid|unexpected|error|found|internal|server|string|number|object|array|too (big|small|long)|failed|cannot|payload)\b/i;

/**
 * Why an answer is wrong, or nothing: a 5xx; a 4xx that is not problem+json, whose `status` is not the
 * response's, or whose title, detail or field messages are not French.
 */
export function answerProblems(status: number, contentType: string, body: string): string[] {
  if (status >= 500) return [`${status}`];
  if (status < 400) return [];
  if (!/^application\/problem\+json/.test(contentType)) return [`${status} sans problem+json (${contentType || "aucun type"})`];
  let p: { status?: number; title?: string; detail?: string; errors?: Array<{ message?: string }> };
  try {
    p = JSON.parse(body);
  } catch {
    return [`${status} : problem+json illisible`];
  }
  const out: string[] = [];
  if (p.status !== status) out.push(`${status} : le document dit status ${p.status}`);
  const texts = [p.title, p.detail, ...(p.errors ?? []).map((e) => e.message)];
  if (!p.title) out.push(`${status} : sans title`);
  for (const t of texts) if (typeof t === "string" && ENGLISH.test(t)) out.push(`${status} : texte non français « ${t.slice(0, 80)} »`);
  return out;
}
