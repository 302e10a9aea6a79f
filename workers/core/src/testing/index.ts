/**
 * Test helpers (inside workerd): isolated tenants made per test, and requests to the gateway as a
 * given actor. Tests never rely on shared seeded ids.
 */
import { createPool, openDb, type Db, type DbEnv } from "../db.ts";
import { TEST_ACTOR_HEADER, type Actor, type Tenant, type TrustedContext } from "../context.ts";

export interface TestEnv {
  /** Owner connection (fixtures only; the app itself never has it). */
  TEST_ADMIN_DATABASE_URL: string;
  NEON_WS_PROXY?: string;
}

function adminPool(env: TestEnv) {
  return createPool(env.TEST_ADMIN_DATABASE_URL, env.NEON_WS_PROXY);
}

const randomDigits = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => b % 10).join("");

/** Runs SQL as the owner (fixtures, and reading what RLS hides, to check it is there). */
export async function adminQuery<T = Record<string, unknown>>(env: TestEnv, text: string, params: unknown[] = []): Promise<T[]> {
  const pool = adminPool(env);
  try {
    return (await pool.query(text, params)).rows as T[];
  } finally {
    await pool.end();
  }
}

/** A fresh tenant nobody else uses: an EPCI, or a commune (optionally under `parent`). */
export async function createTestTenant(env: TestEnv, opts: { kind?: "epci" | "commune"; parent?: Tenant; name?: string } = {}): Promise<Tenant> {
  const kind = opts.kind ?? "commune";
  const slug = `test-${randomDigits(10)}`;
  const name = opts.name ?? `Collectivité de test ${slug}`;
  const [row] = await adminQuery<Tenant>(
    env,
    `INSERT INTO tenants (id, slug, kind, name, legal_name, siren, parent_id)
     VALUES (gen_random_uuid(), $1, $2, $3, $3, $4, $5)
     RETURNING id, slug, kind, name, siren, insee, parent_id AS "parentId"`,
    [slug, kind, name, `9${randomDigits(8)}`, opts.parent?.id ?? null],
  );
  return row;
}

/** A request to the gateway for `tenant` (local `/t/<slug>` form), sent as `actor`. */
export function gatewayRequest(tenant: Pick<Tenant, "slug"> | null, path: string, init: RequestInit & { actor?: Actor; json?: unknown } = {}): Request {
  const { actor, json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (actor) headers.set(TEST_ACTOR_HEADER, JSON.stringify(actor));
  let body = rest.body;
  if (json !== undefined) {
    body = JSON.stringify(json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const url = `http://localhost${tenant ? `/t/${tenant.slug}` : ""}${path}`;
  return new Request(url, { ...rest, headers, body });
}

/** A person holding `permissions` in the tenant addressed. */
export const person = (...permissions: string[]): Actor => ({ kind: "person", id: `test-${randomDigits(6)}`, permissions });

/** The context a domain Worker would receive from the gateway, for service-level tests. */
export function testContext(tenant: Tenant, actor: Actor = person()): TrustedContext {
  return { tenant, actor, requestId: `test-${randomDigits(12)}` };
}

/** Runs `fn` with a database handle as a domain Worker has one, and closes it. */
export async function withDb<T>(env: DbEnv, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = openDb(env);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
