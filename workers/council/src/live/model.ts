/**
 * Reference model of a sitting under the CGCT: plain data and pure functions, no I/O. It states the
 * rules a second time, independently of the Durable Object (which keeps its state in SQLite), so a
 * property test can play the same random sitting through both and compare every answer.
 */
import type { SittingConfig } from "./config.ts";
import {
  BLANK,
  MOTION_CHOICES,
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
}

export interface ModelState {
  config: SittingConfig;
  phase: "pending" | "open" | "closed";
  present: Map<string, string>;
  proxies: Map<string, string>;
  items: Map<string, { status: "pending" | "voting" | "voted" | "postponed"; results: VoteResult[] }>;
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
    items: new Map(config.items.map((i) => [i.id, { status: "pending" as const, results: [] }])),
    vote: null,
  };
}

const fail = (code: ErrorCode): ModelOutcome => ({ ok: false, code });
const memberIds = (s: ModelState) => new Set(s.config.members.map((m) => m.id));
const presentCount = (s: ModelState) => s.present.size;
const hasQuorum = (s: ModelState) => presentCount(s) * 2 > s.config.members.length;

const SECRETARY_TYPES = new Set(["arrive", "depart", "proxy.give", "proxy.revoke"]);
const PRESIDENT_TYPES = new Set(["sitting.open", "sitting.close", "item.postpone", "vote.open", "vote.close"]);

/** Applies one message from `who` to `s` (mutating it) and says what the sitting answers. */
export function modelApply(s: ModelState, who: Identity, msg: ClientMessage): ModelOutcome {
  if (msg.type === "sync") return { ok: true };
  if (who.role === "viewer") return fail("readOnly");
  if (SECRETARY_TYPES.has(msg.type) && who.role !== "secretary" && who.role !== "president") return fail("forbidden");
  if (PRESIDENT_TYPES.has(msg.type) && who.role !== "president") return fail("forbidden");
  if (msg.type === "ballot" && (who.role === "secretary" || !who.memberId)) return fail("forbidden");
  if (s.phase === "closed") return fail("sittingClosed");
  const members = memberIds(s);
  switch (msg.type) {
    case "arrive":
      if (!members.has(msg.memberId)) return fail("unknownMember");
      if (!s.config.rooms.some((r) => r.id === msg.roomId)) return fail("unknownRoom");
      if (s.present.has(msg.memberId)) return fail("alreadyPresent");
      s.present.set(msg.memberId, msg.roomId);
      return { ok: true };
    case "depart":
      if (!members.has(msg.memberId)) return fail("unknownMember");
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
    // Sealed secret ballots (ADR 0036) are checked by their own tests (sealed-ballot.test.ts), not by this model.
    case "ballot.sealed":
    case "trustee.key":
    case "trustee.decrypt":
    case "vote.abandon":
    case "box.get":
      return fail("internal");
  }
}

function openVote(s: ModelState, msg: Extract<ClientMessage, { type: "vote.open" }>, chairId: string | null): ModelOutcome {
  if (s.phase !== "open") return fail("sittingNotOpen");
  if (s.vote) return fail("voteInProgress");
  const def = s.config.items.find((i) => i.id === msg.itemId);
  const item = s.items.get(msg.itemId);
  if (!def || !item) return fail("unknownItem");
  if (item.status !== "pending") return fail("itemDone");
  const tele = s.config.rooms.length > 1;
  if (tele && def.teleconferenceExcluded) return fail("excludedTeleconference");
  const requesters = new Set(msg.requesters);
  for (const r of requesters) if (!memberIds(s).has(r)) return fail("unknownMember");
  for (const r of requesters) if (!s.present.has(r)) return fail("requesterNotPresent");
  if (!hasQuorum(s)) return fail("noQuorum");
  const present = presentCount(s);
  if (def.kind === "appointment") {
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
  const round = item.results.length + 1;
  s.vote = { id: `${msg.itemId}.${round}`, itemId: msg.itemId, kind: msg.kind, round, chairId, ballots: new Map() };
  item.status = "voting";
  return { ok: true, voteId: s.vote.id };
}

function castBallot(s: ModelState, self: string, msg: Extract<ClientMessage, { type: "ballot" }>): ModelOutcome {
  if (s.phase !== "open" || !s.vote) return fail("noVote");
  if (msg.voteId !== s.vote.id) return fail("wrongVote");
  const def = s.config.items.find((i) => i.id === s.vote!.itemId)!;
  const valid =
    def.kind === "appointment"
      ? msg.choice === BLANK || def.candidates.some((c) => c.id === msg.choice)
      : (MOTION_CHOICES as readonly string[]).includes(msg.choice);
  if (!valid) return fail("badChoice");
  if (!s.present.has(self)) return fail("voterNotPresent");
  const principal = msg.onBehalfOf ?? self;
  if (principal !== self) {
    if (!memberIds(s).has(principal)) return fail("unknownMember");
    if (s.proxies.get(principal) !== self) return fail("notProxyHolder");
    if (s.present.has(principal)) return fail("principalPresent");
  }
  if (s.vote.ballots.has(principal)) return fail("alreadyVoted");
  s.vote.ballots.set(principal, { choice: msg.choice, voter: self });
  return { ok: true };
}

function closeVote(s: ModelState): ModelOutcome {
  if (s.phase !== "open" || !s.vote) return fail("noVote");
  const vote = s.vote;
  const def = s.config.items.find((i) => i.id === vote.itemId)!;
  const item = s.items.get(vote.itemId)!;
  const result = def.kind === "appointment" ? appointmentResult(vote, def.candidates) : motionResult(s, vote);
  item.results.push(result);
  item.status = result.type === "appointment" && result.elected === null ? "pending" : "voted";
  s.vote = null;
  return { ok: true, result, voteId: vote.id };
}

function motionResult(_s: ModelState, vote: ModelVote): MotionResult {
  const counts = { for: 0, against: 0, abstain: 0, none: 0 };
  for (const b of vote.ballots.values()) counts[b.choice as MotionChoice]++;
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
  for (const b of vote.ballots.values()) {
    if (b.choice === BLANK) blank++;
    else counts[b.choice]++;
  }
  const cast = vote.ballots.size - blank;
  const base = { type: "appointment" as const, round: vote.round, counts, blank, cast };
  const ranked = [...candidates].sort(
    (a, b) => counts[b.id] - counts[a.id] || (a.birthDate < b.birthDate ? -1 : a.birthDate > b.birthDate ? 1 : a.id < b.id ? -1 : 1),
  );
  const top = ranked[0];
  if (vote.round < 3)
    return top && cast > 0 && counts[top.id] > cast / 2 ? { ...base, elected: top.id, by: "absolute-majority" } : { ...base, elected: null, by: "none" };
  const tied = ranked.length > 1 && counts[ranked[1].id] === counts[top.id];
  return { ...base, elected: top.id, by: tied ? "oldest" : "relative-majority" };
}
