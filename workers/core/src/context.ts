/**
 * The trusted context the gateway hands to every domain Worker. Domain Workers never resolve the
 * tenant or the caller themselves: they receive this over the service binding.
 */
import { z } from "zod";

export const tenantSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  kind: z.enum(["epci", "commune"]),
  name: z.string(),
  siren: z.string(),
  insee: z.string().nullable(),
  parentId: z.uuid().nullable(),
});
export type Tenant = z.infer<typeof tenantSchema>;

/** Who is calling. Identity (issue 3) adds people, API keys and devices; the shape is fixed here. */
export const actorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("anonymous") }),
  z.object({
    kind: z.literal("person"),
    id: z.string(),
    /** Permissions held in the current tenant, e.g. "territory:write". */
    permissions: z.array(z.string()),
  }),
  z.object({
    kind: z.literal("api-key"),
    id: z.string(),
    /** Effective permissions: the key's own, narrowed to what its person and parent key hold now. */
    permissions: z.array(z.string()),
    /**
     * The person the key acts for (who created it, or who created its parent key). Absent or null:
     * a credential of no person (scheduled system work), which never counts as "a person".
     */
    personId: z.string().nullable().optional(),
  }),
  z.object({ kind: z.literal("device"), id: z.string(), permissions: z.array(z.string()) }),
]);
export type Actor = z.infer<typeof actorSchema>;

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
