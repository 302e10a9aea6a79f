/** Who is at the other end of a socket: derived by the room from the actor the gateway authenticated. */
import { can, type Actor } from "@communa/core";
import type { SittingConfig } from "./config.ts";
import type { Identity } from "@communa/contracts/council";

/** Header on the council Worker's request to the object: the actor the gateway authenticated. */
export const ACTOR_HEADER = "x-communa-council-actor";

/**
 * A socket's role in the sitting, from the actor: whoever may preside presides (with their own seat
 * if they are a member); a member of this council with the right to vote votes; an agent of the
 * council service keeps attendance; everyone else watches.
 */
export function identify(actor: Actor, config: SittingConfig): Identity {
  if (actor.kind !== "person") return { role: "viewer" };
  // A suppléant (L5211-6) signs in as themself; the room lets them sit and vote only for their absent titular.
  const member = config.members.find((m) => m.personId === actor.id) ?? (config.substitutes ?? []).find((m) => m.personId === actor.id);
  if (can(actor, "council:preside")) return { role: "president", personId: actor.id, memberId: member?.id ?? null };
  if (member && can(actor, "council:vote")) return { role: "councillor", personId: actor.id, memberId: member.id };
  if (can(actor, "council:write")) return { role: "secretary", personId: actor.id };
  return { role: "viewer" };
}
