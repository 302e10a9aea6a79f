/**
 * What a sitting's Durable Object is set up with: the council's members in office, the rooms, the
 * agenda. Loaded from Postgres by the council Worker when the sitting goes live, then frozen for
 * the sitting (members and agenda do not change once the sitting is live).
 */
import { z } from "zod";
import { ITEM_RULES, ITEM_TYPES } from "@communa/contracts/council-rules";

export const sittingConfigSchema = z.object({
  sittingId: z.string().min(1),
  tenantId: z.string(),
  title: z.string(),
  members: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        name: z.string(),
        /** YYYY-MM-DD: the oldest candidate wins a tied third round (L2122-7). */
        birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        personId: z.string().nullable(),
      }),
    )
    .min(1),
  /**
   * Suppléants (L5211-6): in a community council, the substitute of the single councillor of a
   * commune. They sit and vote for the titular (`forId`) when the titular is absent, and count for
   * the quorum in the titular's seat; they are not members in office (the quorum's base is unchanged).
   */
  substitutes: z
    .array(z.object({ id: z.string().min(1).max(64), name: z.string(), personId: z.string().nullable(), forId: z.string().min(1).max(64) }))
    .default([]),
  /**
   * The member designated to preside. The casting vote in a public tie is that of whoever presides
   * when the vote opens (a vice-president replacing them included), recorded with the vote.
   */
  presidentMemberId: z.string().nullable(),
  rooms: z.array(z.object({ id: z.string().min(1).max(64), name: z.string(), visioUrl: z.string().nullable() })).min(1),
  items: z.array(
    z
      .object({
        id: z.string().min(1).max(64),
        position: z.number().int(),
        title: z.string(),
        rapporteur: z.string().nullable(),
        /**
         * The item's type decides the rest (`ITEM_RULES`): an appointment or a motion, the kinds of
         * vote that apply, and whether a multi-site sitting may vote it (L5211-11-1).
         */
        type: z.enum(ITEM_TYPES),
        candidates: z.array(z.object({ id: z.string().min(1).max(64), name: z.string(), birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })).default([]),
      })
      .transform((i) => ({ ...i, kind: ITEM_RULES[i.type].kind })),
  ),
  /**
   * How the sitting was convened: when first sent, and the urgency that shortened the delay
   * (L2121-11, L2121-12), which the minutes show (the council rules on it at the opening).
   */
  convocation: z.object({ sentAt: z.string().nullable(), urgencyReason: z.string().nullable() }).default({ sentAt: null, urgencyReason: null }),
  /** Proxies given in advance (writing handed to the secretary before the sitting). */
  proxies: z.array(z.object({ giverId: z.string(), holderId: z.string(), sittings: z.number().int().min(1).max(12).default(1) })).default([]),
});
export type SittingConfig = z.infer<typeof sittingConfigSchema>;
export type SittingConfigInput = z.input<typeof sittingConfigSchema>;

/** The titular a seat is for: a member's own, or the titular a suppléant sits for (undefined: neither). */
export function titularOf(c: Pick<SittingConfig, "members" | "substitutes">, seatId: string): string | undefined {
  if (c.members.some((m) => m.id === seatId)) return seatId;
  return c.substitutes.find((x) => x.id === seatId)?.forId;
}
/** The suppléant of a titular member, if any. */
export const substituteOf = (c: Pick<SittingConfig, "substitutes">, memberId: string) => c.substitutes.find((x) => x.forId === memberId)?.id;

/** A sitting with more than one designated room is a teleconference sitting (L5211-11-1). */
export const isTeleconference = (c: Pick<SittingConfig, "rooms">) => c.rooms.length > 1;
