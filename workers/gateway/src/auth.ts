/**
 * Authentication hook. Each authenticator looks at the request and either names the actor or
 * passes; the first answer wins and no answer means anonymous. Identity (issue 3) adds sessions,
 * API keys and device signatures here.
 */
import { ANONYMOUS, AppError, TEST_ACTOR_HEADER, actorSchema, type Actor, type Tenant } from "@communa/core/edge";
import type { GatewayEnv } from "./env.ts";

export type Authenticator = (req: Request, env: GatewayEnv, tenant: Tenant | null, requestId: string) => Promise<Actor | null>;

const testActor: Authenticator = async (req, env) => {
  const raw = req.headers.get(TEST_ACTOR_HEADER);
  if (!raw || env.TEST_ACTORS !== "enabled") return null;
  const parsed = actorSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new AppError("unauthenticated", "Acteur de test invalide.");
  return parsed.data;
};

/** `Authorization: Bearer cmn_…`: an integration's API key, valid in one tenant only. */
const apiKey: Authenticator = async (req, env, tenant, requestId) => {
  const header = req.headers.get("authorization") ?? "";
  const m = /^Bearer\s+(cmn_\S+)$/i.exec(header);
  if (!m) return null;
  if (!tenant) throw new AppError("unauthenticated", "Une clé d’API s’utilise à l’adresse de sa collectivité.");
  const result = await env.IDENTITY.authenticateApiKey(tenant, m[1], requestId);
  if (!result.ok) throw new AppError("unauthenticated", result.detail);
  return result.actor;
};

const authenticators: Authenticator[] = [apiKey, testActor];

export async function authenticate(req: Request, env: GatewayEnv, tenant: Tenant | null, requestId: string): Promise<Actor> {
  for (const auth of authenticators) {
    const actor = await auth(req, env, tenant, requestId);
    if (actor) return actor;
  }
  return ANONYMOUS;
}
