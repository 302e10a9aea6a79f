/**
 * The wire protocol of a live sitting: what clients send to the sitting's Durable Object and what
 * it sends back. One module, imported by the Durable Object and by the browser client code
 * (`@communa/contracts/council`), so both sides agree on every message at compile time; the Durable
 * Object also validates each incoming frame with these schemas (a client is never trusted).
 */
import { z } from "zod";
import type { BallotBox, Ciphertext } from "./ballot-crypto.ts";

const id = z.string().min(1).max(64);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const sigma = z.object({ c: hex64, s: hex64 });
/** A trustee's key share (`ballot-crypto.ts`): its public part and a Schnorr proof. */
export const keyShareSchema = z.object({ trustee: id, publicKey: hex64, proof: sigma });
/** An encrypted one-hot ballot with its proofs (`ballot-crypto.ts`). */
export const encryptedBallotSchema = z.object({
  election: z.string().min(1).max(200),
  nonce: z.string().regex(/^[0-9a-f]{32}$/),
  choices: z
    .array(z.object({ a: hex64, b: hex64 }))
    .min(1)
    .max(40),
  proofs: z
    .array(z.object({ c0: hex64, s0: hex64, c1: hex64, s1: hex64 }))
    .min(1)
    .max(40),
  sum: sigma,
});
export const partialDecryptionSchema = z.object({ trustee: id, factors: z.array(hex64).min(1).max(40), proofs: z.array(sigma).min(1).max(40) });

/** A member's answer on a motion. "none": present but does not take part in the vote. */
export const MOTION_CHOICES = ["for", "against", "abstain", "none"] as const;
export type MotionChoice = (typeof MOTION_CHOICES)[number];
/**
 * Secret ballots (motions and appointments): a blank ballot and a null ballot, each counted apart
 * and neither a vote cast (the votes cast are for/against, or for a candidate). In the sealed scheme
 * each is one more option of the encrypted ballot, so the verifier recomputes them like the others.
 */
export const BLANK = "blank";
export const NULL_BALLOT = "null";
/** The options of a sealed secret motion, in the order the ballot encrypts them. */
export const SECRET_MOTION_CHOICES = [...MOTION_CHOICES, BLANK, NULL_BALLOT] as const;

export const VOTE_KINDS = ["ordinary", "roll-call", "secret"] as const;
export type VoteKind = (typeof VOTE_KINDS)[number];

/** Who is at the other end of a socket, as the gateway and the council Worker established it. */
export const identitySchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal("viewer") }),
  z.object({ role: z.literal("secretary"), personId: z.string() }),
  z.object({ role: z.literal("councillor"), personId: z.string(), memberId: id }),
  z.object({ role: z.literal("president"), personId: z.string(), memberId: id.nullable() }),
]);
export type Identity = z.infer<typeof identitySchema>;

/** Client → Durable Object. `ref` is echoed in the answer so a client can match it. */
export const clientMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("sync"), ref: z.string().max(64).optional() }),
  z.object({ type: z.literal("arrive"), ref: z.string().max(64).optional(), memberId: id, roomId: id }),
  z.object({ type: z.literal("depart"), ref: z.string().max(64).optional(), memberId: id }),
  z.object({
    type: z.literal("proxy.give"),
    ref: z.string().max(64).optional(),
    giverId: id,
    holderId: id,
    sittings: z.number().int().min(1).max(3).default(1),
  }),
  z.object({ type: z.literal("proxy.revoke"), ref: z.string().max(64).optional(), giverId: id }),
  z.object({ type: z.literal("sitting.open"), ref: z.string().max(64).optional() }),
  z.object({ type: z.literal("sitting.close"), ref: z.string().max(64).optional() }),
  z.object({ type: z.literal("item.postpone"), ref: z.string().max(64).optional(), itemId: id }),
  z.object({
    type: z.literal("vote.open"),
    ref: z.string().max(64).optional(),
    itemId: id,
    kind: z.enum(VOTE_KINDS),
    /** Members present who asked for a roll-call or a secret ballot (L2121-21). */
    requesters: z.array(id).max(200).default([]),
    /**
     * A secret ballot sealed by encryption (ADR 0036): the members present who hold the decryption
     * key between them (e.g. the president and the secrétaire de séance, L2121-15), at least two;
     * none: the counters of ADR 0014.
     */
    trustees: z.array(id).max(5).default([]),
  }),
  z.object({ type: z.literal("vote.close"), ref: z.string().max(64).optional() }),
  z.object({
    type: z.literal("ballot"),
    ref: z.string().max(64).optional(),
    voteId: id,
    /** A motion choice (public votes; secret ballots come sealed). */
    choice: id,
    /** The absent member whose proxy the sender holds; omitted: the sender's own vote. */
    onBehalfOf: id.optional(),
  }),
  /** A trustee's browser publishes the public part of its key share (sealed secret ballot). */
  z.object({ type: z.literal("trustee.key"), ref: z.string().max(64).optional(), voteId: id, share: keyShareSchema }),
  /** A sealed ballot: encrypted in the voter's browser, with its validity proofs. */
  z.object({
    type: z.literal("ballot.sealed"),
    ref: z.string().max(64).optional(),
    voteId: id,
    ballot: encryptedBallotSchema,
    onBehalfOf: id.optional(),
  }),
  /** A trustee's partial decryption of the tally, with its proofs. */
  z.object({ type: z.literal("trustee.decrypt"), ref: z.string().max(64).optional(), voteId: id, partial: partialDecryptionSchema }),
  /** The president records that a sealed vote cannot be decrypted (a trustee is missing): the item goes back to pending. */
  z.object({ type: z.literal("vote.abandon"), ref: z.string().max(64).optional(), voteId: id }),
  /** Anyone, a viewer included: the published ballot box of a sealed vote (after its close). */
  z.object({ type: z.literal("box.get"), ref: z.string().max(64).optional(), voteId: id }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type ClientMessageInput = z.input<typeof clientMessageSchema>;

export const ERROR_CODES = [
  "malformed",
  "readOnly",
  "forbidden",
  "unknownMember",
  "unknownRoom",
  "unknownItem",
  "sittingNotOpen",
  "sittingClosed",
  "alreadyPresent",
  "notPresent",
  "proxySelf",
  "proxyGiverHasOne",
  "proxyHolderHasOne",
  "noProxy",
  "noQuorum",
  "voteInProgress",
  "noVote",
  "wrongVote",
  "itemDone",
  "notEnoughRequesters",
  "requesterNotPresent",
  "excludedTeleconference",
  "badChoice",
  "alreadyVoted",
  "voterNotPresent",
  "principalPresent",
  "notProxyHolder",
  "appointmentNeedsSecret",
  "roundsExhausted",
  "tooFewTrustees",
  "trusteeNotPresent",
  "notTrustee",
  "notSealed",
  "keysPending",
  "keyAlreadyGiven",
  "badProof",
  "duplicateBallot",
  "notDecrypting",
  "boxNotPublished",
  "titularPresent",
  "substituteSitting",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface MotionCounts {
  for: number;
  against: number;
  abstain: number;
  /** Present or represented members who did not take part. */
  none: number;
  /** Secret motions only: blank and null ballots, counted apart, not cast. */
  blank?: number;
  null?: number;
}

export interface MotionResult {
  type: "motion";
  kind: VoteKind;
  counts: MotionCounts;
  cast: number;
  outcome: "adopted" | "rejected";
  /** How the outcome came: majority, the president's casting vote in a public tie, or a secret tie. */
  by: "majority" | "casting-vote" | "tie-rejected" | "no-votes";
  /** Roll-call votes only: who voted what (for a represented member, who voted for them). */
  names?: Array<{ memberId: string; choice: MotionChoice; by?: string }>;
}

export interface AppointmentResult {
  type: "appointment";
  round: number;
  counts: Record<string, number>;
  blank: number;
  /** Null ballots, counted apart from blank ones; neither is a vote cast (absent from results before session 11). */
  null?: number;
  cast: number;
  /** The elected candidate, or null: another round is needed. */
  elected: string | null;
  by: "absolute-majority" | "relative-majority" | "oldest" | "none";
}

export type VoteResult = MotionResult | AppointmentResult;

export interface MemberView {
  id: string;
  name: string;
  roomId: string | null;
  /** Holder of this member's proxy, if any (active or suspended). */
  proxyHolder: string | null;
  /** The proxy can be used: given, not revoked, and its giver is absent (and so is their suppléant). */
  proxyActive: boolean;
  /** The member's suppléant (L5211-6), if any, and the room they sit in for the absent titular. */
  substitute?: { id: string; name: string; roomId: string | null } | null;
}

export interface ItemView {
  id: string;
  position: number;
  title: string;
  rapporteur: string | null;
  kind: "motion" | "appointment";
  status: "pending" | "voting" | "voted" | "postponed";
  /** Results of each vote taken on the item (appointments: one per round). */
  results: VoteResult[];
  candidates: Array<{ id: string; name: string }>;
}

export interface Snapshot {
  sittingId: string;
  title: string;
  phase: "pending" | "open" | "closed";
  teleconference: boolean;
  rooms: Array<{ id: string; name: string; visioUrl: string | null; present: number }>;
  members: MemberView[];
  quorum: { inOffice: number; required: number; present: number; reached: boolean };
  items: ItemView[];
  vote: null | { id: string; itemId: string; kind: VoteKind; round: number; ballots: number; expected: number; sealed?: SealedView };
  /** Only for a member: what they may still do in the open vote. */
  you: null | { role: Identity["role"]; memberId: string | null; present: boolean; voted: boolean; proxyFor: string | null; proxyVoted: boolean };
  /** Increases with every change: a client ignores a snapshot older than the one it holds. */
  seq: number;
}

/** A sealed secret vote as everyone sees it: its election, its key once made, where the trustees are. */
export interface SealedView {
  election: string;
  /** keying: waiting for the trustees' key shares; open: ballots accepted; decrypting: closed, waiting for the trustees. */
  status: "keying" | "open" | "decrypting";
  options: string[];
  publicKey: string | null;
  trustees: Array<{ id: string; keyed: boolean; decrypted: boolean }>;
  /** While decrypting: the homomorphic sum to decrypt (trustees recompute it from the box). */
  tally: Ciphertext[] | null;
}

/** Durable Object → client. */
export type ServerMessage =
  | { type: "state"; state: Snapshot }
  | { type: "ack"; ref?: string; of: ClientMessage["type"] }
  | { type: "error"; ref?: string; code: ErrorCode; message: string }
  | { type: "result"; voteId: string; itemId: string; result: VoteResult; seq: number }
  /** After a ballot: how many are in (everyone), without resending the whole state to every viewer. */
  | { type: "progress"; voteId: string; ballots: number; expected: number; seq: number }
  /** The published ballot box of a sealed vote (answer to `box.get`). */
  | { type: "box"; ref?: string; voteId: string; box: BallotBox };

/**
 * The state after a proclaimed result: the vote is over, the item voted (or back to pending for
 * another appointment round), its result listed. The room sends only the result when a vote
 * closes (2,000 viewers need not get the whole state again): clients apply it with this.
 */
export function applyResult(state: Snapshot, m: Extract<ServerMessage, { type: "result" }>): Snapshot {
  return {
    ...state,
    seq: m.seq,
    vote: state.vote?.id === m.voteId ? null : state.vote,
    items: state.items.map((i) =>
      i.id !== m.itemId
        ? i
        : { ...i, status: m.result.type === "appointment" && m.result.elected === null ? "pending" : "voted", results: [...i.results, m.result] },
    ),
  };
}

/** The path under which a sitting's live socket is served (relative to the council API). */
export const livePath = (sittingId: string) => `/sittings/${sittingId}/live`;
