/**
 * The role × route matrix: every tenant route of the published OpenAPI document is called by every
 * role (and anonymously) and must allow or deny exactly as the hand-written table of who may do what
 * says (tests/security/access-policy.ts) — not as the route's own declaration says, so a route
 * wrongly declared public, or guarded by a permission too wide, fails here (issue #25).
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { AUTHENTICATED, ROLES, PUBLIC, isPermission, permissionsOf, type Actor, type Role, type Tenant } from "@communa/core";
import { createTestTenant, gatewayRequest } from "@communa/core/testing";
import { ACCESS_POLICY } from "../security/access-policy.ts";
import { allowedBy, answerFailures, coverageFailures, type Answer } from "../security/access-check.ts";
import { answerProblems, sampleRequests, type FuzzOperation } from "../security/fuzz.ts";
import { commonHeaderProblems, cookieProblems, cspProblems } from "../security/headers-check.ts";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);

interface Operation extends FuzzOperation {
  requires: string;
  parameters: Array<{ name: string; in: string; required?: boolean; schema?: { example?: unknown } }>;
  hasBody: boolean;
}

/** Sample values for path and query parameters (real territory data). */
const SAMPLES: Record<string, string> = {
  insee: "60360",
  commune: "60360",
  code: "dechets",
  id: "00000000-0000-7000-8000-000000000000",
  personId: "00000000-0000-7000-8000-000000000000",
};

interface Schema {
  $ref?: string;
  properties?: Record<string, unknown>;
}

async function operations(): Promise<Operation[]> {
  const doc = (await (await gateway(new Request("http://localhost/api/openapi.json"))).json()) as {
    paths: Record<
      string,
      Record<string, { "x-communa-requires"?: string; parameters?: Operation["parameters"]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>
    >;
    components?: { schemas?: Record<string, Schema> };
  };
  // The JSON body's property names (through one $ref): the fuzzer breaks the operation's own fields.
  const fieldsOf = (schema: Schema | undefined): string[] => {
    const s = schema?.$ref ? doc.components?.schemas?.[schema.$ref.replace("#/components/schemas/", "")] : schema;
    return Object.keys(s?.properties ?? {});
  };
  return Object.entries(doc.paths)
    .filter(([path]) => /^\/api\/[a-z-]+\//.test(path) && !["/api/openapi.json", "/api/health", "/api/docs"].includes(path))
    .flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([m]) => ["get", "post", "put", "patch", "delete"].includes(m))
        .map(([method, op]) => ({
          method: method.toUpperCase(),
          path,
          requires: op["x-communa-requires"] ?? "",
          parameters: op.parameters ?? [],
          hasBody: Boolean(op.requestBody),
          bodyTypes: Object.keys(op.requestBody?.content ?? {}),
          bodyFields: fieldsOf(op.requestBody?.content?.["application/json"]?.schema),
        })),
    );
}

function urlOf(op: Operation): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLES[name] ?? "x");
  const query = op.parameters
    .filter((p) => p.in === "query" && p.required)
    .map((p) => `${p.name}=${encodeURIComponent(SAMPLES[p.name] ?? String(p.schema?.example ?? "x"))}`);
  return query.length ? `${path}?${query.join("&")}` : path;
}

let ops: Operation[];
let tenant: Tenant;

/**
 * `fn` over the operations, LANES at a time (each operation's own requests stay in order): the
 * requests wait on the gateway and the database far more than they compute.
 */
const LANES = 4;
async function eachOperation(fn: (op: Operation, k: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let k = next++; k < ops.length; k = next++) await fn(ops[k], k);
  };
  await Promise.all(Array.from({ length: LANES }, lane));
}

beforeAll(async () => {
  ops = await operations();
  const epci = await createTestTenant(testEnv, { kind: "epci" });
  tenant = await createTestTenant(testEnv, { parent: epci });
});

describe("role × route matrix", () => {
  it("every tenant route declares a known permission", () => {
    expect(ops.length).toBeGreaterThan(5);
    for (const op of ops) {
      const known = op.requires === PUBLIC || op.requires === AUTHENTICATED || isPermission(op.requires);
      expect(known, `${op.method} ${op.path}: « ${op.requires} »`).toBe(true);
    }
  });

  it("every tenant route has a line in the hand-written table, and every line a route", () => {
    expect(
      coverageFailures(
        ACCESS_POLICY,
        ops.map((o) => `${o.method} ${o.path}`),
      ),
    ).toEqual([]);
  });

  const callers: Array<{ name: string; actor?: Actor }> = [
    { name: "anonyme" },
    ...ROLES.map((role: Role) => ({ name: role, actor: { kind: "person" as const, id: `matrice-${role}`, permissions: permissionsOf([role]) } })),
  ];

  // The refusals are answered in one place (the gateway's authorisation), so this walk is also where
  // they are checked as answers: a French problem+json, the security headers, no loose cookie. The
  // fuzz below then walks, for each role, only the routes the table lets it reach.
  it.each(callers)("$name is allowed or denied exactly as the hand-written table says, on every route", async ({ name, actor }) => {
    const answers: Answer[] = [];
    const failures: string[] = [];
    await eachOperation(async (op, i) => {
      // A client address per request: this walk is not what the rate limits are for.
      const res = await gateway(
        gatewayRequest(tenant, urlOf(op), {
          method: op.method,
          actor,
          headers: { "cf-connecting-ip": `2001:db8::${i.toString(16)}` },
          ...(op.hasBody ? { json: {} } : {}),
        }),
      );
      const text = await res.text();
      answers.push({ operation: `${op.method} ${op.path}`, caller: name, status: res.status });
      const h = Object.fromEntries(res.headers);
      for (const problem of [
        ...answerProblems(res.status, h["content-type"] ?? "", text),
        ...cspProblems(h["content-security-policy"]),
        ...commonHeaderProblems(h),
        ...res.headers.getSetCookie().flatMap(cookieProblems),
      ])
        failures.push(`${op.method} ${op.path} : ${problem}`);
    });
    expect(answerFailures(ACCESS_POLICY, answers)).toEqual([]);
    expect(failures).toEqual([]);
  });
});

describe("bad input on every route", () => {
  const admin: Actor = { kind: "person", id: "matrice-admin", permissions: permissionsOf(["admin"]) };
  const GARBAGE_BODIES = ["{pas du json", "[]", "null", '"texte"', '{"name":{"$gt":""}}', JSON.stringify({ a: "x".repeat(100_000) }), "{}"];
  const GARBAGE_PARAMS = ["..%2F..%2Fetc", "%00", "x".repeat(300), "' OR 1=1 --", "60360;DROP TABLE tenants"];

  it("answers 4xx problem+json, never a 500, to malformed bodies and parameters", async () => {
    const failures: string[] = [];
    for (const op of ops) {
      const attempts: Array<{ url: string; body?: string }> = [];
      if (op.hasBody) for (const body of GARBAGE_BODIES) attempts.push({ url: urlOf(op), body });
      if (op.path.includes("{")) {
        for (const bad of GARBAGE_PARAMS) attempts.push({ url: op.path.replace(/\{\w+\}/g, bad), body: op.hasBody ? "{}" : undefined });
      }
      for (const p of op.parameters.filter((q) => q.in === "query")) {
        attempts.push({ url: `${op.path.replace(/\{(\w+)\}/g, (_, n: string) => SAMPLES[n] ?? "x")}?${p.name}=${encodeURIComponent(GARBAGE_PARAMS[3])}` });
      }
      for (const a of attempts) {
        const res = await gateway(
          gatewayRequest(tenant, a.url, {
            method: op.method,
            actor: admin,
            ...(a.body !== undefined ? { body: a.body, headers: { "content-type": "application/json" } } : {}),
          }),
        );
        const type = res.headers.get("content-type") ?? "";
        await res.arrayBuffer();
        if (res.status >= 500) failures.push(`${op.method} ${a.url} ${a.body?.slice(0, 20) ?? ""}: ${res.status}`);
        if (res.status >= 400 && !type.includes("problem+json")) failures.push(`${op.method} ${a.url}: ${res.status} sans problem+json`);
      }
    }
    expect(failures).toEqual([]);
  });
});

/**
 * Fuzzing from the OpenAPI document (issue #25, tests/security/fuzz.ts): for every operation, requests
 * fast-check builds from its parameters and body (fixed seed: the same requests every run), as an
 * administrator (who gets furthest into the handlers), anonymously and as every other role. Never a
 * 5xx; every 4xx a French problem+json; every answer with the security headers (CSP, HSTS, nosniff)
 * and every cookie Secure, HttpOnly, SameSite. A hang is stopped by the suite's fail-safe and fails the test.
 */
describe("fuzzing from the OpenAPI document", () => {
  const RUNS: Record<string, number> = { admin: 10, anonyme: 4 };
  const fuzzCallers: Array<{ name: string; actor?: Actor }> = [
    { name: "anonyme" },
    ...ROLES.map((role: Role) => ({ name: role, actor: { kind: "person" as const, id: `fuzz-${role}`, permissions: permissionsOf([role]) } })),
  ];

  it.each(fuzzCallers)("$name: no 5xx, every 4xx a French problem+json", async ({ name, actor }) => {
    const failures: string[] = [];
    const headerFailures = new Set<string>();
    const statuses = new Map<number, number>();
    let n = 0;
    // The fuzzer's bodies are refused before any write: operations side by side do not meet.
    await eachOperation(async (op, k) => {
      // The administrator, who reaches nearly every handler, is fuzzed on every route; another
      // caller only where the table lets it in: its refusals come from the one authorisation step
      // the matrix walk above checks, route by route.
      const who = ACCESS_POLICY[`${op.method} ${op.path}`];
      if (name !== "admin" && who !== undefined && !allowedBy(who, name)) return;
      for (const r of sampleRequests(op, SAMPLES, RUNS[name] ?? 1, 2025 + k)) {
        const res = await gateway(
          gatewayRequest(tenant, r.url, {
            method: op.method,
            actor,
            headers: { ...r.headers, "cf-connecting-ip": `2001:db8:f::${(n++).toString(16)}` },
            body: r.body,
          }),
        );
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        for (const problem of answerProblems(res.status, res.headers.get("content-type") ?? "", text)) failures.push(`${r.label} → ${problem}`);
        const h = Object.fromEntries(res.headers);
        for (const problem of [...cspProblems(h["content-security-policy"]), ...commonHeaderProblems(h), ...res.headers.getSetCookie().flatMap(cookieProblems)])
          headerFailures.add(`${op.method} ${op.path} : ${problem}`);
      }
    });
    // What the walk reached, in the run's output (a fuzzer stopped at the door would show only 401/404).
    console.info(
      `fuzz ${name} : ${n} requêtes, ${[...statuses]
        .sort(([a], [b]) => a - b)
        .map(([s, c]) => `${s}×${c}`)
        .join(" ")}`,
    );
    expect(failures).toEqual([]);
    expect([...headerFailures]).toEqual([]);
  });
});
