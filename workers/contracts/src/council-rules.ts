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
  nul = 0,
): AppointmentResult {
  // Blank and null ballots are counted apart, not cast: the majority is of the votes for a candidate.
  const cast = Object.values(counts).reduce((a, b) => a + b, 0);
  const base = { type: "appointment" as const, round, counts, blank, null: nul, cast };
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

/**
 * Agenda item types (issue #15 §2): the type of an item decides whether it is an appointment
 * (a ballot on candidates) or a motion, which kinds of vote apply, and whether a teleconference
 * (multi-site) sitting may vote it. Dated parameters with their source: the law changes, and the
 * room, the API and the site read this one table.
 */
export const ITEM_TYPES = [
  "deliberation",
  "budget-primitif",
  "compte-administratif",
  "election-president",
  "election-vice-presidents",
  "election-bureau",
  "designation-delegues",
  "proces-verbal",
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export interface ItemRule {
  kind: "motion" | "appointment";
  /** The kinds of vote that apply (an appointment: the secret ballot, L2121-21 al. 4). */
  votes: ReadonlyArray<VoteKind>;
  /** May be voted in a multi-site (teleconference) sitting (L5211-11-1). */
  multiSite: boolean;
  /** The text the rule comes from, and the date of the version read. */
  source: string;
  since: string;
}

const L5211_11_1 = "CGCT L5211-11-1 (loi 2019-1461 du 27 décembre 2019, art. 10 ; décret 2020-904 du 24 juillet 2020)";
const PUBLIC_OR_SECRET: ReadonlyArray<VoteKind> = ["ordinary", "roll-call", "secret"];
export const ITEM_RULES: Record<ItemType, ItemRule> = {
  deliberation: { kind: "motion", votes: PUBLIC_OR_SECRET, multiSite: true, source: "CGCT L2121-20, L2121-21", since: "2019-12-29" },
  "budget-primitif": { kind: "motion", votes: PUBLIC_OR_SECRET, multiSite: false, source: `${L5211_11_1} : adoption du budget primitif`, since: "2019-12-29" },
  "compte-administratif": { kind: "motion", votes: PUBLIC_OR_SECRET, multiSite: true, source: "CGCT L2121-14, L1612-12", since: "2019-12-29" },
  "election-president": {
    kind: "appointment",
    votes: ["secret"],
    multiSite: false,
    source: `${L5211_11_1} ; L2122-7 par renvoi de L5211-2`,
    since: "2019-12-29",
  },
  "election-vice-presidents": {
    kind: "appointment",
    votes: ["secret"],
    multiSite: false,
    source: `${L5211_11_1} (élection du bureau) ; L5211-10`,
    since: "2019-12-29",
  },
  "election-bureau": { kind: "appointment", votes: ["secret"], multiSite: false, source: `${L5211_11_1} ; L5211-10`, since: "2019-12-29" },
  "designation-delegues": {
    kind: "appointment",
    votes: ["secret"],
    multiSite: false,
    source: `${L5211_11_1} : élection des délégués, application de L2121-33 ; L2121-21 al. 4`,
    since: "2019-12-29",
  },
  "proces-verbal": {
    kind: "motion",
    votes: PUBLIC_OR_SECRET,
    multiSite: true,
    source: "CGCT L2121-15 (procès-verbal arrêté à la séance suivante)",
    since: "2022-07-01",
  },
};

/**
 * Convocation delays (issue #15 §2): "jours francs" — neither the day the convocation is sent nor
 * the sitting's day counts. Dated, with the texts they come from; the rule in force on the sending
 * day applies.
 */
export interface ConvocationRule {
  /** From this population (INSEE population totale, R2151-2) a commune follows L2121-12. */
  populationThreshold: number;
  /** Clear days below the threshold (L2121-11), from it (L2121-12), and the floor in urgency (both). */
  clearDays: { below: number; fromThreshold: number; urgency: number };
  /** L2121-12: from the threshold, a "note explicative de synthèse" goes with the convocation. */
  synthesisNoteFromThreshold: boolean;
  /** L5211-1 al. 3: an EPCI's council follows the rules of communes from the threshold. */
  epciFromThreshold: boolean;
  source: string;
  since: string;
}
export const CONVOCATION_RULES: ReadonlyArray<ConvocationRule> = [
  {
    populationThreshold: 3500,
    clearDays: { below: 3, fromThreshold: 5, urgency: 1 },
    synthesisNoteFromThreshold: true,
    epciFromThreshold: true,
    source:
      "CGCT L2121-11 et L2121-12 (rédaction de l’ordonnance 2021-1310 du 7 octobre 2021) ; L5211-1 al. 3 (loi 2015-991 du 7 août 2015, à compter du renouvellement de 2020) ; R2151-2 (population totale)",
    since: "2020-03-01",
  },
];

/** The convocation rule in force on `day` (YYYY-MM-DD). */
export function convocationRuleOn(day: string): ConvocationRule {
  const inForce = CONVOCATION_RULES.filter((r) => r.since <= day).sort((a, b) => b.since.localeCompare(a.since));
  return inForce[0] ?? CONVOCATION_RULES[0];
}

/**
 * What a convocation must respect. `population` null (unknown): the stricter regime (a longer delay
 * is never unlawful, and the note is then given).
 */
export function convocationRegime(rule: ConvocationRule, council: { epci: boolean; population: number | null }, urgency: boolean) {
  const fromThreshold = (council.epci && rule.epciFromThreshold) || council.population === null || council.population >= rule.populationThreshold;
  return {
    fromThreshold,
    clearDays: urgency ? rule.clearDays.urgency : fromThreshold ? rule.clearDays.fromThreshold : rule.clearDays.below,
    synthesisNoteRequired: fromThreshold && rule.synthesisNoteFromThreshold,
  };
}

const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;
/** Clear days between sending on `sentOn` and sitting on `sittingOn` (both YYYY-MM-DD, excluded). */
export const clearDaysBetween = (sentOn: string, sittingOn: string) => dayNumber(sittingOn) - dayNumber(sentOn) - 1;
/** The last day a convocation may be sent to leave `clearDays` clear days before `sittingOn`. */
export function lastSendingDay(sittingOn: string, clearDays: number): string {
  return new Date((dayNumber(sittingOn) - clearDays - 1) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Written proxies (L2121-20 al. 1): "sauf cas de maladie dûment constatée, il ne peut être valable
 * pour plus de trois séances consécutives". Illness lifts the limit; the platform still bounds a
 * proxy's length (`illnessMaxSittings`, a bound of its own, not the law's) so it is reviewed.
 */
export const PROXY_RULE = {
  maxConsecutiveSittings: 3,
  illnessMaxSittings: 12,
  source: "CGCT L2121-20 al. 1 (rédaction de la loi 2004-809 du 13 août 2004) ; L5211-1 pour les EPCI",
  since: "2004-08-17",
} as const;
