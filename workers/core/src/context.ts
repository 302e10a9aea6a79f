/**
 * The trusted context the gateway hands to every domain Worker. Domain Workers never resolve the
 * tenant or the caller themselves: they receive this over the service binding.
 */
import type { Actor, Tenant } from "@communa/contracts/rpc";

// The shapes cross service bindings: they are wire contracts, defined once in @communa/contracts.
export { actorSchema, tenantSchema } from "@communa/contracts/rpc";
export type { Actor, Tenant } from "@communa/contracts/rpc";

export const ANONYMOUS: Actor = Object.freeze({ kind: "anonymous" });

export interface TrustedContext {
  tenant: Tenant;
  actor: Actor;
  requestId: string;
  /** Public address of the tenant as the caller reached it (for links sent by e-mail). */
  baseUrl?: string;
  /** The tenant's public site as the caller reached it (`<origin>/<slug>`): where people land
   * after signing in or out. */
  siteUrl?: string;
  /**
   * Why the session cookie the caller sent was not accepted (expired, revoked). The caller is then
   * anonymous: public routes and sign-in still work; a protected route says why in its 401.
   */
  staleSession?: string;
}

/** The permission every caller holds, anonymous included. */
export const PUBLIC = "public";
/** Held by any identified caller (own sessions, own profile), whatever their roles. */
export const AUTHENTICATED = "authenticated";

/** The single authorisation check: may `actor` use a route declared with `requires`? */
export function can(actor: Actor, requires: string): boolean {
  if (requires === PUBLIC) return true;
  if (actor.kind === "anonymous") return false;
  if (requires === AUTHENTICATED) return true;
  return actor.permissions.includes(requires);
}

/**
 * The person behind an actor, for every rule about people rather than credentials ("by another
 * person", four-eyes checks): a person is themself, an API key acts for the person it was created
 * for; devices, anonymous callers and keys of no person are nobody (null), so they never satisfy
 * such a rule.
 */
export function personOf(actor: Actor): string | null {
  if (actor.kind === "person") return actor.id;
  if (actor.kind === "api-key") return actor.personId ?? null;
  return null;
}

/** Header the test helpers use to name the actor; honoured only where TEST_ACTORS = "enabled". */
export const TEST_ACTOR_HEADER = "x-communa-test-actor";
