/**
 * Reference model of a sitting under the CGCT: plain data and pure functions, no I/O. It states the
 * rules a second time, independently of the Durable Object (which keeps its state in SQLite), so a
 * property test can play the same random sitting through both and compare every answer.
 */
import type { SittingConfig } from "./config.ts";
import {
  BLANK,
  MOTION_CHOICES,
  NULL_BALLOT,
  SECRET_MOTION_CHOICES,
  type AppointmentResult,
  type ClientMessage,
  type ErrorCode,
  type Identity,
  type MotionChoice,
  type MotionResult,
  type VoteResult,
} from "@communa/contracts/council";

export interface ModelVote {
  id: string;
  itemId: string;
  kind: "ordinary" | "roll-call" | "secret";
  round: number;
  /** The member presiding when the vote opened (casting vote in a public tie). */
  chairId: string | null;
  /** principal (whose vote it is) → choice and who cast it. */
  ballots: Map<string, { choice: string; voter: string }>;
  /**
   * A secret vote is sealed (ADR 0036): its trustees, who has published a key share and who has
   * decrypted. The model holds the choices in clear (it plays the honest browsers); the room never does.
   */
  sealed: null | { trustees: string[]; keyed: Set<string>; decrypted: Set<string>; status: "keying" | "open" | "decrypting" };
}

export interface ModelState {
  config: SittingConfig;
  phase: "pending" | "open" | "closed";
  present: Map<string, string>;
  proxies: Map<string, string>;
  /** `abandoned`: sealed votes recorded as undecryptable (no round: the item is voted again). */
  items: Map<string, { status: "pending" | "voting" | "voted" | "postponed"; results: VoteResult[]; abandoned: number }>;
  vote: ModelVote | null;
}

export type ModelOutcome = { ok: true; result?: VoteResult; voteId?: string } | { ok: false; code: ErrorCode };

export function initialModel(config: SittingConfig): ModelState {
  const proxies = new Map<string, string>();
  for (const p of config.proxies) proxies.set(p.giverId, p.holderId);
  return {
    config,
    phase: "pending",
    present: new Map(),
    proxies,
    items: new Map(config.items.map((i) => [i.id, { status: "pending" as const, results: [], abandoned: 0 }])),
    vote: null,
  };
}

const fail = (code: ErrorCode): ModelOutcome => ({ ok: false, code });
const memberIds = (s: ModelState) => new Set(s.config.members.map((m) => m.id));
/** L5211-6, restated: a suppléant's seat is their titular's; they sit only while the titular is absent. */
const titularOfSeat = (s: ModelState, id: string): string | undefined =>
  memberIds(s).has(id) ? id : (s.config.substitutes ?? []).find((x) => x.id === id)?.forId;
const substituteOfMember = (s: ModelState, id: string) => (s.config.substitutes ?? []).find((x) => x.forId === id)?.id;
const isSeat = (s: ModelState, id: string) => titularOfSeat(s, id) !== undefined;
const presentCount = (s: ModelState) => s.present.size;
const hasQuorum = (s: ModelState) => presentCount(s) * 2 > s.config.members.length;

/**
 * L5211-11-1 (restated here, independently of `ITEM_RULES`): a multi-site sitting may not elect the
 * president, vice-presidents or bureau, adopt the primary budget, or designate delegates.
 */
const NOT_IN_MULTI_SITE = new Set(["budget-primitif", "election-president", "election-vice-presidents", "election-bureau", "designation-delegues"]);

/** Appointments (a ballot on candidates, always secret: L2121-21 al. 4), restated by type. */
const APPOINTMENT_TYPES = new Set(["election-president", "election-vice-presidents", "election-bureau", "designation-delegues"]);
const isAppointment = (def: { type: string }) => APPOINTMENT_TYPES.has(def.type);

const SECRETARY_TYPES = new Set(["arrive", "depart", "proxy.give", "proxy.revoke"]);
const PRESIDENT_TYPES = new Set(["sitting.open", "sitting.close", "item.postpone", "vote.open", "vote.close", "vote.abandon"]);

/**
 * What the browser behind a sealed message did, as the model needs it (the room sees only
 * ciphertexts and proofs): the choice a `ballot.sealed` encrypts. The model assumes honest
 * browsers (valid proofs, a trustee's own share and decryption); forged proofs, copied ballots and
 * false decryptions are refused in sealed-ballot.test.ts.
 */
export interface BrowserSide {
  choice?: string;
}

/** Applies one message from `who` to `s` (mutating it) and says what the sitting answers. */
export function modelApply(s: ModelState, who: Identity, msg: ClientMessage, browser: BrowserSide = {}): ModelOutcome {
  if (msg.type === "sync") return { ok: true };
  if (who.role === "viewer") return fail("readOnly");
  if (SECRETARY_TYPES.has(msg.type) && who.role !== "secretary" && who.role !== "president") return fail("forbidden");
  if (PRESIDENT_TYPES.has(msg.type) && who.role !== "president") return fail("forbidden");
  if ((msg.type === "ballot" || msg.type === "ballot.sealed") && (who.role === "secretary" || !who.memberId)) return fail("forbidden");
  if (s.phase === "closed") return fail("sittingClosed");
  const members = memberIds(s);
  switch (msg.type) {
    case "arrive": {
      if (!isSeat(s, msg.memberId)) return fail("unknownMember");
      if (!s.config.rooms.some((r) => r.id === msg.roomId)) return fail("unknownRoom");
      if (s.present.has(msg.memberId)) return fail("alreadyPresent");
      const titular = titularOfSeat(s, msg.memberId)!;
      if (titular !== msg.memberId && s.present.has(titular)) return fail("titularPresent");
      // The titular arriving takes back their seat: their suppléant stops sitting.
      const sub = substituteOfMember(s, msg.memberId);
      if (sub) s.present.delete(sub);
      s.present.set(msg.memberId, msg.roomId);
      return { ok: true };
    }
    case "depart":
      if (!isSeat(s, msg.memberId)) return fail("unknownMember");
      if (!s.present.has(msg.memberId)) return fail("notPresent");
      s.present.delete(msg.memberId);
      return { ok: true };
    case "proxy.give":
      if (!members.has(msg.giverId) || !members.has(msg.holderId)) return fail("unknownMember");
      if (msg.giverId === msg.holderId) return fail("proxySelf");
      if (s.proxies.has(msg.giverId)) return fail("proxyGiverHasOne");
      if ([...s.proxies.values()].includes(msg.holderId)) return fail("proxyHolderHasOne");
      s.proxies.set(msg.giverId, msg.holderId);
      return { ok: true };
    case "proxy.revoke":
      if (!members.has(msg.giverId)) return fail("unknownMember");
      if (!s.proxies.has(msg.giverId)) return fail("noProxy");
      s.proxies.delete(msg.giverId);
      return { ok: true };
    case "sitting.open":
      s.phase = "open";
      return { ok: true };
    case "sitting.close":
      if (s.vote) return fail("voteInProgress");
      s.phase = "closed";
      return { ok: true };
    case "item.postpone": {
      if (s.phase !== "open") return fail("sittingNotOpen");
      const item = s.items.get(msg.itemId);
      if (!item) return fail("unknownItem");
      if (item.status === "voting") return fail("voteInProgress");
      if (item.status !== "pending") return fail("itemDone");
      item.status = "postponed";
      return { ok: true };
    }
    case "vote.open":
      return openVote(s, msg, "memberId" in who ? who.memberId : null);
    case "vote.close":
      return closeVote(s);
    case "ballot":
      return castBallot(s, (who as { memberId: string }).memberId, msg);
    case "ballot.sealed":
      return castSealed(s, (who as { memberId: string }).memberId, msg, browser.choice);
    case "trustee.key":
      return trusteeKey(s, "memberId" in who ? (who.memberId ?? "") : "", msg);
    case "trustee.decrypt":
      return trusteeDecrypt(s, "memberId" in who ? (who.memberId ?? "") : "", msg);
    case "vote.abandon":
      return abandonVote(s, msg);
    // Answered by the room's transport, outside the rules (the published box; sealed-ballot.test.ts).
    case "box.get":
      return fail("internal");
  }
}

/** The open sealed vote a trustee message or an abandon names (the room's `sealedVote`). */
function sealedVote(s: ModelState, voteId: string): ModelOutcome | NonNullable<ModelVote["sealed"]> {
  if (!s.vote) return fail("noVote");
  if (s.vote.id !== voteId) return fail("wrongVote");
  return s.vote.sealed ?? fail("notSealed");
}
const isOutcome = (x: ModelOutcome | NonNullable<ModelVote["sealed"]>): x is ModelOutcome => "ok" in x;

function trusteeKey(s: ModelState, self: string, msg: Extract<ClientMessage, { type: "trustee.key" }>): ModelOutcome {
  const e = sealedVote(s, msg.voteId);
  if (isOutcome(e)) return e;
  if (e.status !== "keying") return fail("keyAlreadyGiven");
  if (!e.trustees.includes(self) || msg.share.trustee !== self) return fail("notTrustee");
  if (e.keyed.has(self)) return fail("keyAlreadyGiven");
  e.keyed.add(self);
  if (e.keyed.size === e.trustees.length) e.status = "open";
  return { ok: true };
}

function trusteeDecrypt(s: ModelState, self: string, msg: Extract<ClientMessage, { type: "trustee.decrypt" }>): ModelOutcome {
  const e = sealedVote(s, msg.voteId);
  if (isOutcome(e)) return e;
  if (e.status !== "decrypting") return fail("notDecrypting");
  if (!e.trustees.includes(self) || msg.partial.trustee !== self) return fail("notTrustee");
  if (e.decrypted.has(self)) return fail("keyAlreadyGiven");
  e.decrypted.add(self);
  // n-of-n: the result exists once every trustee has decrypted the sum, not before.
  return e.decrypted.size === e.trustees.length ? proclaim(s) : { ok: true };
}

function abandonVote(s: ModelState, msg: Extract<ClientMessage, { type: "vote.abandon" }>): ModelOutcome {
  const e = sealedVote(s, msg.voteId);
  if (isOutcome(e)) return e;
  const item = s.items.get(s.vote!.itemId)!;
  item.status = "pending";
  item.abandoned++;
  s.vote = null;
  return { ok: true };
}

function castSealed(s: ModelState, self: string, msg: Extract<ClientMessage, { type: "ballot.sealed" }>, choice: string | undefined): ModelOutcome {
  if (s.phase !== "open" || !s.vote) return fail("noVote");
  if (msg.voteId !== s.vote.id) return fail("wrongVote");
  const e = s.vote.sealed;
  if (!e) return fail("notSealed");
  if (e.status === "keying") return fail("keysPending");
  if (e.status !== "open") return fail("noVote");
  const principal = principalOf(s, self, msg.onBehalfOf);
  if (typeof principal !== "string") return principal;
  if (s.vote.ballots.has(principal)) return fail("alreadyVoted");
  // An honest browser can only encrypt one of the options (its proofs say so).
  if (choice === undefined || !optionsOf(s, s.vote).includes(choice)) return fail("internal");
  s.vote.ballots.set(principal, { choice, voter: self });
  return { ok: true };
}

/** The options of a secret vote, in the order the sealed ballot encrypts them. */
export function optionsOf(s: ModelState, vote: Pick<ModelVote, "itemId">): string[] {
  const def = s.config.items.find((i) => i.id === vote.itemId)!;
  return isAppointment(def) ? [...def.candidates.map((c) => c.id), BLANK, NULL_BALLOT] : [...SECRET_MOTION_CHOICES];
}

/** Whose vote a ballot is: the sender's, or that of the absent giver whose proxy the sender holds. */
function principalOf(s: ModelState, self: string, onBehalfOf: string | undefined): string | ModelOutcome {
  if (!s.present.has(self)) return fail("voterNotPresent");
  const own = titularOfSeat(s, self)!;
  if (own !== self) {
    // A suppléant votes for their titular only (they hold no proxy).
    if (onBehalfOf !== undefined && onBehalfOf !== own) return fail("notProxyHolder");
    return own;
  }
  const principal = onBehalfOf ?? self;
  if (principal !== self) {
    if (!memberIds(s).has(principal)) return fail("unknownMember");
    if (s.proxies.get(principal) !== self) return fail("notProxyHolder");
    if (s.present.has(principal)) return fail("principalPresent");
    // The titular's proxy applies only when their suppléant is absent too.
    const sub = substituteOfMember(s, principal);
    if (sub && s.present.has(sub)) return fail("substituteSitting");
  }
  return principal;
}

function openVote(s: ModelState, msg: Extract<ClientMessage, { type: "vote.open" }>, chairId: string | null): ModelOutcome {
  if (s.phase !== "open") return fail("sittingNotOpen");
  if (s.vote) return fail("voteInProgress");
  const def = s.config.items.find((i) => i.id === msg.itemId);
  const item = s.items.get(msg.itemId);
  if (!def || !item) return fail("unknownItem");
  if (item.status !== "pending") return fail("itemDone");
  const tele = s.config.rooms.length > 1;
  if (tele && NOT_IN_MULTI_SITE.has(def.type)) return fail("excludedTeleconference");
  const requesters = new Set(msg.requesters);
  for (const r of requesters) if (!isSeat(s, r)) return fail("unknownMember");
  for (const r of requesters) if (!s.present.has(r)) return fail("requesterNotPresent");
  if (!hasQuorum(s)) return fail("noQuorum");
  const present = presentCount(s);
  if (isAppointment(def)) {
    if (msg.kind !== "secret") return fail("appointmentNeedsSecret");
  } else if (msg.kind === "roll-call") {
    if (requesters.size === 0 || requesters.size * 4 < present) return fail("notEnoughRequesters");
  } else if (msg.kind === "secret") {
    if (requesters.size === 0 || requesters.size * 3 < present) return fail("notEnoughRequesters");
  }
  if (tele && msg.kind === "secret") {
    // L5211-11-1: a secret ballot asked in a teleconference sitting postpones the item.
    item.status = "postponed";
    return { ok: true };
  }
  // ADR 0036: a secret ballot is sealed, under the key of at least two trustees present.
  const trustees = msg.kind === "secret" ? [...new Set(msg.trustees)] : [];
  if (msg.kind === "secret") {
    if (trustees.length < 2) return fail("tooFewTrustees");
    if (trustees.some((t) => !isSeat(s, t))) return fail("unknownMember");
    if (trustees.some((t) => !s.present.has(t))) return fail("trusteeNotPresent");
  }
  const round = item.results.length + 1;
  const sealed = msg.kind === "secret" ? { trustees, keyed: new Set<string>(), decrypted: new Set<string>(), status: "keying" as const } : null;
  const id = item.abandoned ? `${msg.itemId}.${round}.${item.abandoned + 1}` : `${msg.itemId}.${round}`;
  s.vote = { id, itemId: msg.itemId, kind: msg.kind, round, chairId, ballots: new Map(), sealed };
  item.status = "voting";
  return { ok: true, voteId: s.vote.id };
}

function castBallot(s: ModelState, self: string, msg: Extract<ClientMessage, { type: "ballot" }>): ModelOutcome {
  if (s.phase !== "open" || !s.vote) return fail("noVote");
  if (msg.voteId !== s.vote.id) return fail("wrongVote");
  const def = s.config.items.find((i) => i.id === s.vote!.itemId)!;
  const valid = isAppointment(def)
    ? msg.choice === BLANK || def.candidates.some((c) => c.id === msg.choice)
    : (MOTION_CHOICES as readonly string[]).includes(msg.choice);
  // No choice in clear in a secret vote: it must come encrypted.
  if (!valid || s.vote.kind === "secret") return fail("badChoice");
  const principal = principalOf(s, self, msg.onBehalfOf);
  if (typeof principal !== "string") return principal;
  if (s.vote.ballots.has(principal)) return fail("alreadyVoted");
  s.vote.ballots.set(principal, { choice: msg.choice, voter: self });
  return { ok: true };
}

function closeVote(s: ModelState): ModelOutcome {
  if (s.phase !== "open" || !s.vote) return fail("noVote");
  const e = s.vote.sealed;
  if (e) {
    // Closing publishes the box; the result waits for every trustee's decryption.
    if (e.status === "keying") return fail("keysPending");
    if (e.status !== "open") return fail("noVote");
    e.status = "decrypting";
    return { ok: true };
  }
  return proclaim(s);
}

function proclaim(s: ModelState): ModelOutcome {
  const vote = s.vote!;
  const def = s.config.items.find((i) => i.id === vote.itemId)!;
  const item = s.items.get(vote.itemId)!;
  const result = isAppointment(def) ? appointmentResult(vote, def.candidates) : motionResult(s, vote);
  item.results.push(result);
  item.status = result.type === "appointment" && result.elected === null ? "pending" : "voted";
  s.vote = null;
  return { ok: true, result, voteId: vote.id };
}

function motionResult(_s: ModelState, vote: ModelVote): MotionResult {
  // A secret motion also counts blank and null ballots, apart; neither is cast.
  const counts: MotionResult["counts"] = { for: 0, against: 0, abstain: 0, none: 0, ...(vote.kind === "secret" ? { blank: 0, null: 0 } : {}) };
  for (const b of vote.ballots.values()) {
    const k = b.choice as keyof MotionResult["counts"];
    counts[k] = (counts[k] ?? 0) + 1;
  }
  const cast = counts.for + counts.against;
  let outcome: MotionResult["outcome"] = "rejected";
  let by: MotionResult["by"];
  if (cast === 0) by = "no-votes";
  else if (counts.for > counts.against) [outcome, by] = ["adopted", "majority"];
  else if (counts.against > counts.for) by = "majority";
  else {
    const pres = vote.chairId ? vote.ballots.get(vote.chairId)?.choice : undefined;
    if (vote.kind !== "secret" && pres === "for") [outcome, by] = ["adopted", "casting-vote"];
    else if (vote.kind !== "secret" && pres === "against") by = "casting-vote";
    else by = "tie-rejected";
  }
  const result: MotionResult = { type: "motion", kind: vote.kind, counts, cast, outcome, by };
  if (vote.kind === "roll-call") {
    result.names = [...vote.ballots.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([memberId, b]) =>
        b.voter === memberId ? { memberId, choice: b.choice as MotionChoice } : { memberId, choice: b.choice as MotionChoice, by: b.voter },
      );
  }
  return result;
}

function appointmentResult(vote: ModelVote, candidates: ReadonlyArray<{ id: string; birthDate: string }>): AppointmentResult {
  const counts: Record<string, number> = Object.fromEntries(candidates.map((c) => [c.id, 0]));
  let blank = 0;
  let nul = 0;
  for (const b of vote.ballots.values()) {
    if (b.choice === BLANK) blank++;
    else if (b.choice === NULL_BALLOT) nul++;
    else counts[b.choice]++;
  }
  const cast = vote.ballots.size - blank - nul;
  const base = { type: "appointment" as const, round: vote.round, counts, blank, null: nul, cast };
  const ranked = [...candidates].sort(
    (a, b) => counts[b.id] - counts[a.id] || (a.birthDate < b.birthDate ? -1 : a.birthDate > b.birthDate ? 1 : a.id < b.id ? -1 : 1),
  );
  const top = ranked[0];
  if (vote.round < 3)
    return top && cast > 0 && counts[top.id] > cast / 2 ? { ...base, elected: top.id, by: "absolute-majority" } : { ...base, elected: null, by: "none" };
  const tied = ranked.length > 1 && counts[ranked[1].id] === counts[top.id];
  return { ...base, elected: top.id, by: tied ? "oldest" : "relative-majority" };
}
