/**
 * Authentication hook. Each authenticator looks at the request and either names the actor or
 * passes; the first answer wins and no answer means anonymous. Identity (issue 3) adds sessions,
 * API keys and device signatures here.
 */
import { ANONYMOUS, AppError, TEST_ACTOR_HEADER, actorSchema, appErrorOf, rpcValue, type Actor, type Tenant } from "@communa/core/edge";
import type { GatewayEnv } from "./env.ts";
import { CSRF_HEADER, DEVICE_HEADERS, SESSION_COOKIE, bodyDigest, csrfToken, readCookie } from "@communa/core/edge";
import { gatewayText } from "./messages.fr.ts";

export interface AuthInput {
  req: Request;
  env: GatewayEnv;
  tenant: Tenant | null;
  requestId: string;
  /** The request body, already read (device signatures cover it). */
  body: ArrayBuffer | null;
  /** Filled by the session check when the cookie was stale (see TrustedContext.staleSession). */
  notes?: { staleSession?: string };
}

export type Authenticator = (input: AuthInput) => Promise<Actor | null>;

const testActor: Authenticator = async ({ req, env }) => {
  const raw = req.headers.get(TEST_ACTOR_HEADER);
  if (!raw || env.TEST_ACTORS !== "enabled") return null;
  const parsed = actorSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new AppError("unauthenticated", gatewayText.testActorInvalid);
  return parsed.data;
};

/** `Authorization: Bearer cmn_…`: an integration's API key, valid in one tenant only. */
const apiKey: Authenticator = async ({ req, env, tenant, requestId }) => {
  const header = req.headers.get("authorization") ?? "";
  const m = /^Bearer\s+(cmn_\S+)$/i.exec(header);
  if (!m) return null;
  if (!tenant) throw new AppError("unauthenticated", gatewayText.apiKeyNeedsTenant);
  return rpcValue(await env.IDENTITY.authenticateApiKey(tenant, m[1], requestId));
};

/** A device's HMAC-signed request (headers and scheme in the identity Worker's device-signature.ts). */
const device: Authenticator = async ({ req, env, tenant, body }) => {
  const h = (name: string) => req.headers.get(name) ?? "";
  if (!req.headers.has(DEVICE_HEADERS.device)) return null;
  if (!tenant) throw new AppError("unauthenticated", gatewayText.deviceNeedsTenant);
  const url = new URL(req.url);
  const result = await env.IDENTITY.authenticateDevice(tenant, {
    deviceId: h(DEVICE_HEADERS.device),
    keyId: h(DEVICE_HEADERS.key),
    timestamp: h(DEVICE_HEADERS.timestamp),
    nonce: h(DEVICE_HEADERS.nonce),
    signature: h(DEVICE_HEADERS.signature),
    method: req.method,
    pathAndQuery: url.pathname + url.search,
    bodyDigest: await bodyDigest(body),
  });
  return rpcValue(result);
};

/**
 * A person's session cookie. State-changing requests made with it must come from the same origin
 * and carry the session's CSRF token (GET /api/identity/session gives it).
 */
const session: Authenticator = async ({ req, env, tenant, requestId, notes }) => {
  const token = readCookie(req.headers.get("cookie"), SESSION_COOKIE);
  if (!token || !tenant) return null;
  const result = await env.IDENTITY.authenticateSession(tenant, token, requestId);
  // A stale cookie is not an attack: the browser is anonymous again (it can read public pages
  // and sign in anew), and a protected route will say why it refuses.
  if (!result.ok) {
    if (result.problem.status !== 401) throw appErrorOf(result.problem);
    if (notes) notes.staleSession = result.problem.detail;
    return null;
  }
  if (!SAFE_METHODS.has(req.method)) {
    const origin = req.headers.get("origin");
    const sameOrigin = origin ? origin === new URL(req.url).origin : req.headers.get("sec-fetch-site") === "same-origin";
    if (!sameOrigin || req.headers.get(CSRF_HEADER) !== (await csrfToken(token))) {
      throw new AppError("forbidden", gatewayText.csrfRefused);
    }
  }
  return result.value;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const authenticators: Authenticator[] = [device, apiKey, session, testActor];

export async function authenticate(input: AuthInput): Promise<Actor> {
  for (const auth of authenticators) {
    const actor = await auth(input);
    if (actor) return actor;
  }
  return ANONYMOUS;
}
