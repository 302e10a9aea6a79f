/**
 * The counting rules of the CGCT as small pure functions: what a proclaimed result of the room
 * protocol means. Used by the sitting's Durable Object (workers/council/src/live) and by the demo
 * seed, which writes what a played-through sitting leaves. (The council's reference model in
 * `live/model.ts` restates them independently; its property test compares.)
 */
import type { AppointmentResult, MotionChoice, MotionCounts, MotionResult, VoteKind } from "@communa/contracts/council";

/** Quorum (L2121-17): more than half of the members in office, physically present. */
export function quorumRequired(inOffice: number): number {
  return Math.floor(inOffice / 2) + 1;
}

/** Roll-call (L2121-21): asked by a quarter of the members present. */
export const rollCallGranted = (requesters: number, present: number) => requesters * 4 >= present && requesters > 0;
/** Secret ballot (L2121-21): asked by a third of the members present. */
export const secretGranted = (requesters: number, present: number) => requesters * 3 >= present && requesters > 0;

/**
 * Absolute majority of the votes cast (abstentions and non-participation are not cast). A public
 * tie goes the way the president voted (L2121-20); a secret tie rejects the motion.
 */
export function decideMotion(kind: VoteKind, counts: MotionCounts, presidentChoice: MotionChoice | null): Omit<MotionResult, "names"> {
  const cast = counts.for + counts.against;
  const base = { type: "motion" as const, kind, counts, cast };
  if (cast === 0) return { ...base, outcome: "rejected", by: "no-votes" };
  if (counts.for * 2 > cast) return { ...base, outcome: "adopted", by: "majority" };
  if (counts.against * 2 > cast) return { ...base, outcome: "rejected", by: "majority" };
  if (kind !== "secret" && (presidentChoice === "for" || presidentChoice === "against")) {
    return { ...base, outcome: presidentChoice === "for" ? "adopted" : "rejected", by: "casting-vote" };
  }
  return { ...base, outcome: "rejected", by: "tie-rejected" };
}

/**
 * Appointments (L2122-7, L2121-21): absolute majority of votes cast at the first two rounds,
 * relative majority at the third; a tie at the third round elects the oldest candidate.
 */
export function decideAppointment(
  round: number,
  counts: Record<string, number>,
  blank: number,
  candidates: ReadonlyArray<{ id: string; birthDate: string }>,
): AppointmentResult {
  const cast = Object.values(counts).reduce((a, b) => a + b, 0);
  const base = { type: "appointment" as const, round, counts, blank, cast };
  const best = Math.max(0, ...Object.values(counts));
  if (round < 3) {
    const winner = candidates.find((c) => (counts[c.id] ?? 0) * 2 > cast && cast > 0);
    return winner ? { ...base, elected: winner.id, by: "absolute-majority" } : { ...base, elected: null, by: "none" };
  }
  const leaders = candidates.filter((c) => (counts[c.id] ?? 0) === best);
  if (leaders.length === 1) return { ...base, elected: leaders[0].id, by: "relative-majority" };
  const oldest = [...leaders].sort((a, b) => a.birthDate.localeCompare(b.birthDate) || a.id.localeCompare(b.id))[0];
  return { ...base, elected: oldest.id, by: "oldest" };
}
