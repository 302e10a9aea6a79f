/**
 * The CGCT's rules applied to the sitting's SQLite state: who may do what, in which order the
 * checks run (the reference model, `model.ts`, runs them in the same order), and what each command
 * writes. Runs inside the room's synchronous transaction; a refusal throws `Refused`.
 */
import { isTeleconference, substituteOf, titularOf, type SittingConfig } from "./config.ts";
import {
  BLANK,
  MOTION_CHOICES,
  NULL_BALLOT,
  SECRET_MOTION_CHOICES,
  type ClientMessage,
  type ErrorCode,
  type Identity,
  type MotionChoice,
  type MotionCounts,
  type VoteResult,
} from "@communa/contracts/council";
import { ITEM_RULES, decideAppointment, decideMotion, quorumRequired, rollCallGranted, secretGranted } from "@communa/contracts/council-rules";
import type { RoomStore } from "./room-store.ts";
import { SealedStore } from "./sealed.ts";

export class Refused extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}
export const refuse = (code: ErrorCode): never => {
  throw new Refused(code);
};

const SECRETARY_TYPES = new Set(["arrive", "depart", "proxy.give", "proxy.revoke"]);
const PRESIDENT_TYPES = new Set(["sitting.open", "sitting.close", "item.postpone", "vote.open", "vote.close", "vote.abandon"]);

export type Proclaimed = { voteId: string; itemId: string; result: VoteResult };

export class RoomRules {
  private readonly sealed: SealedStore;
  constructor(
    private readonly store: RoomStore,
    private readonly config: SittingConfig,
  ) {
    this.sealed = new SealedStore(store);
  }

  apply(who: Identity, msg: ClientMessage): Proclaimed | null {
    const config = this.config;
    if (who.role === "viewer") refuse("readOnly");
    if (SECRETARY_TYPES.has(msg.type) && who.role !== "secretary" && who.role !== "president") refuse("forbidden");
    if (PRESIDENT_TYPES.has(msg.type) && who.role !== "president") refuse("forbidden");
    if ((msg.type === "ballot" || msg.type === "ballot.sealed") && !("memberId" in who && who.memberId)) refuse("forbidden");
    const phase = this.store.meta("phase");
    if (phase === "closed") refuse("sittingClosed");
    const now = Date.now();
    switch (msg.type) {
      case "arrive": {
        const titular = this.seat(msg.memberId);
        if (!config.rooms.some((r) => r.id === msg.roomId)) refuse("unknownRoom");
        if (this.present(msg.memberId)) refuse("alreadyPresent");
        // L5211-6: a suppléant sits only while their titular is absent; the titular arriving takes the seat back.
        if (titular !== msg.memberId && this.present(titular)) refuse("titularPresent");
        const before = this.quorumReached();
        const sub = substituteOf(config, msg.memberId);
        const sitting = sub ? this.store.one("SELECT room_id FROM presence WHERE member_id = ?", sub) : undefined;
        if (sub && sitting) {
          this.store.sql.exec("DELETE FROM presence WHERE member_id = ?", sub);
          this.store.sql.exec("INSERT INTO attendance (member_id, room_id, event, at) VALUES (?, ?, 'depart', ?)", sub, sitting.room_id, now);
        }
        this.store.sql.exec("INSERT INTO presence (member_id, room_id, since) VALUES (?, ?, ?)", msg.memberId, msg.roomId, now);
        this.store.sql.exec("INSERT INTO attendance (member_id, room_id, event, at) VALUES (?, ?, 'arrive', ?)", msg.memberId, msg.roomId, now);
        this.logQuorum(before, now);
        return null;
      }
      case "depart": {
        this.seat(msg.memberId);
        const row = this.store.one("SELECT room_id FROM presence WHERE member_id = ?", msg.memberId) ?? refuse("notPresent");
        const before = this.quorumReached();
        this.store.sql.exec("DELETE FROM presence WHERE member_id = ?", msg.memberId);
        this.store.sql.exec("INSERT INTO attendance (member_id, room_id, event, at) VALUES (?, ?, 'depart', ?)", msg.memberId, row.room_id, now);
        this.logQuorum(before, now);
        return null;
      }
      case "proxy.give": {
        this.member(msg.giverId);
        this.member(msg.holderId);
        if (msg.giverId === msg.holderId) refuse("proxySelf");
        if (this.store.one("SELECT 1 AS x FROM proxies WHERE giver_id = ?", msg.giverId)) refuse("proxyGiverHasOne");
        if (this.store.one("SELECT 1 AS x FROM proxies WHERE holder_id = ?", msg.holderId)) refuse("proxyHolderHasOne");
        this.store.sql.exec("INSERT INTO proxies (giver_id, holder_id, sittings, given_at) VALUES (?, ?, ?, ?)", msg.giverId, msg.holderId, msg.sittings, now);
        this.store.sql.exec(
          "INSERT INTO proxy_log (giver_id, holder_id, event, at, sittings, origin) VALUES (?, ?, 'given', ?, ?, 'room')",
          msg.giverId,
          msg.holderId,
          now,
          msg.sittings,
        );
        return null;
      }
      case "proxy.revoke": {
        this.member(msg.giverId);
        const row = this.store.one("SELECT holder_id FROM proxies WHERE giver_id = ?", msg.giverId) ?? refuse("noProxy");
        this.store.sql.exec("DELETE FROM proxies WHERE giver_id = ?", msg.giverId);
        this.store.sql.exec("INSERT INTO proxy_log (giver_id, holder_id, event, at) VALUES (?, ?, 'revoked', ?)", msg.giverId, row.holder_id, now);
        return null;
      }
      case "sitting.open":
        if (phase !== "open") {
          this.store.setMeta("phase", "open");
          this.store.setMeta("openedAt", String(now));
          this.store.sql.exec("INSERT INTO quorum_log (at, present, reached) VALUES (?, ?, ?)", now, this.store.presentCount(), this.quorumReached() ? 1 : 0);
        }
        return null;
      case "sitting.close":
        if (this.store.openVote()) refuse("voteInProgress");
        this.store.setMeta("phase", "closed");
        this.store.setMeta("closedAt", String(now));
        this.store.setMeta("closedBy", "personId" in who ? who.personId : "");
        return null;
      case "item.postpone": {
        if (phase !== "open") refuse("sittingNotOpen");
        const status = this.itemStatus(msg.itemId);
        if (status === "voting") refuse("voteInProgress");
        if (status !== "pending") refuse("itemDone");
        this.store.sql.exec("UPDATE items SET status = 'postponed' WHERE id = ?", msg.itemId);
        return null;
      }
      case "vote.open":
        if (phase !== "open") refuse("sittingNotOpen");
        this.openVoteOn(msg, now, "memberId" in who ? who.memberId : null);
        return null;
      case "vote.close":
        if (phase !== "open") refuse("noVote");
        return this.closeVote(now);
      case "ballot":
        if (phase !== "open") refuse("noVote");
        this.castBallot((who as { memberId: string }).memberId, msg);
        return null;
      case "ballot.sealed":
        if (phase !== "open") refuse("noVote");
        this.castSealed((who as { memberId: string }).memberId, msg);
        return null;
      case "trustee.key": {
        const e = this.sealedVote(msg.voteId);
        this.sealed.addShare(e, "memberId" in who ? (who.memberId ?? "") : "", msg.share);
        return null;
      }
      case "trustee.decrypt": {
        const e = this.sealedVote(msg.voteId);
        const counts = this.sealed.addPartial(e, "memberId" in who ? (who.memberId ?? "") : "", msg.partial);
        return counts ? this.proclaim(this.store.openVote()!, new Map(Object.entries(counts)), now) : null;
      }
      case "vote.abandon": {
        const e = this.sealedVote(msg.voteId);
        if (e.status === "done") refuse("noVote");
        this.sealed.abandon(e);
        this.store.sql.exec("UPDATE votes SET status = 'abandoned', closed_at = ? WHERE id = ?", now, msg.voteId);
        this.store.sql.exec("UPDATE items SET status = 'pending' WHERE id = ?", this.store.one("SELECT item_id FROM votes WHERE id = ?", msg.voteId)!.item_id);
        return null;
      }
      case "box.get":
        return null;
    }
    return null;
  }

  private openVoteOn(msg: Extract<ClientMessage, { type: "vote.open" }>, now: number, chair: string | null): void {
    const config = this.config;
    if (this.store.openVote()) refuse("voteInProgress");
    const def = config.items.find((i) => i.id === msg.itemId) ?? refuse("unknownItem");
    if (this.itemStatus(msg.itemId) !== "pending") refuse("itemDone");
    const tele = isTeleconference(config);
    const rule = ITEM_RULES[def.type];
    if (tele && !rule.multiSite) refuse("excludedTeleconference");
    const requesters = [...new Set(msg.requesters)];
    for (const r of requesters) this.seat(r);
    for (const r of requesters) if (!this.present(r)) refuse("requesterNotPresent");
    if (!this.quorumReached()) refuse("noQuorum");
    const present = this.store.presentCount();
    if (!rule.votes.includes(msg.kind)) refuse("appointmentNeedsSecret");
    if (def.kind === "motion" && msg.kind === "roll-call" && !rollCallGranted(requesters.length, present)) refuse("notEnoughRequesters");
    if (def.kind === "motion" && msg.kind === "secret" && !secretGranted(requesters.length, present)) refuse("notEnoughRequesters");
    if (tele && msg.kind === "secret") {
      // L5211-11-1: in a teleconference sitting a granted secret ballot postpones the item.
      this.store.sql.exec("UPDATE items SET status = 'postponed' WHERE id = ?", msg.itemId);
      return;
    }
    // Every secret ballot is sealed (ADR 0036): no trustees, no secret vote (no counter to fall back on).
    const trustees = msg.kind === "secret" ? [...new Set(msg.trustees)] : [];
    if (msg.kind === "secret") {
      if (trustees.length < 2) refuse("tooFewTrustees");
      for (const t of trustees) this.seat(t);
      for (const t of trustees) if (!this.store.one("SELECT 1 AS x FROM presence WHERE member_id = ?", t)) refuse("trusteeNotPresent");
    }
    // A sealed vote the trustees could not decrypt is no round: the item is voted again.
    const round = (this.store.one("SELECT COUNT(*) AS n FROM votes WHERE item_id = ? AND status != 'abandoned'", msg.itemId)!.n as number) + 1;
    if (round > 3) refuse("roundsExhausted");
    const abandoned = this.store.one("SELECT COUNT(*) AS n FROM votes WHERE item_id = ? AND status = 'abandoned'", msg.itemId)!.n as number;
    const voteId = abandoned ? `${msg.itemId}.${round}.${abandoned + 1}` : `${msg.itemId}.${round}`;
    this.store.sql.exec(
      "INSERT INTO votes (id, item_id, round, kind, status, chair_id, requesters, opened_at) VALUES (?, ?, ?, ?, 'open', ?, ?, ?)",
      voteId,
      msg.itemId,
      round,
      msg.kind,
      chair,
      JSON.stringify(requesters),
      now,
    );
    if (msg.kind === "secret") {
      const choices = def.kind === "appointment" ? [...def.candidates.map((c) => c.id), BLANK, NULL_BALLOT] : [...SECRET_MOTION_CHOICES];
      this.sealed.open(config.sittingId, voteId, choices, trustees);
    }
    this.store.sql.exec("UPDATE items SET status = 'voting' WHERE id = ?", msg.itemId);
  }

  private castBallot(self: string, msg: Extract<ClientMessage, { type: "ballot" }>): void {
    const vote = this.store.openVote() ?? refuse("noVote");
    if (msg.voteId !== vote.id) refuse("wrongVote");
    const def = this.config.items.find((i) => i.id === vote.item_id)!;
    const valid =
      def.kind === "appointment"
        ? msg.choice === BLANK || def.candidates.some((c) => c.id === msg.choice)
        : (MOTION_CHOICES as readonly string[]).includes(msg.choice);
    // A choice in clear is for public votes only: a secret ballot comes encrypted (`ballot.sealed`).
    if (!valid || vote.kind === "secret") refuse("badChoice");
    const principal = this.principal(self, msg.onBehalfOf);
    if (this.store.one("SELECT 1 AS x FROM ballots WHERE vote_id = ? AND principal_id = ?", vote.id, principal)) refuse("alreadyVoted");
    this.store.sql.exec("INSERT INTO ballots (vote_id, principal_id, voter_id, choice) VALUES (?, ?, ?, ?)", vote.id, principal, self, msg.choice);
  }

  /** The voter present, and whose vote it is (theirs, or the absent giver's whose proxy they hold). */
  private principal(self: string, onBehalfOf: string | undefined): string {
    if (!this.present(self)) refuse("voterNotPresent");
    const own = titularOf(this.config, self) ?? refuse("unknownMember");
    if (own !== self) {
      // A suppléant (L5211-6) votes in their titular's place, and holds no proxy.
      if (onBehalfOf !== undefined && onBehalfOf !== own) refuse("notProxyHolder");
      return own;
    }
    const principal = onBehalfOf ?? self;
    if (principal !== self) {
      this.member(principal);
      if (this.store.one("SELECT holder_id FROM proxies WHERE giver_id = ?", principal)?.holder_id !== self) refuse("notProxyHolder");
      if (this.present(principal)) refuse("principalPresent");
      // The titular's proxy applies only when their suppléant is absent too.
      const sub = substituteOf(this.config, principal);
      if (sub && this.present(sub)) refuse("substituteSitting");
    }
    return principal;
  }

  /**
   * A sealed ballot: the voter is marked in `voted` and the ballot goes into the box under its
   * tracker; nothing else is written (no counter, no time, no voter beside the ciphertext).
   */
  private castSealed(self: string, msg: Extract<ClientMessage, { type: "ballot.sealed" }>): void {
    const vote = this.store.openVote() ?? refuse("noVote");
    if (msg.voteId !== vote.id) refuse("wrongVote");
    const e = this.sealed.election(vote.id) ?? refuse("notSealed");
    if (e.status === "keying") refuse("keysPending");
    if (e.status !== "open") refuse("noVote");
    const principal = this.principal(self, msg.onBehalfOf);
    if (this.store.one("SELECT 1 AS x FROM voted WHERE vote_id = ? AND principal_id = ?", vote.id, principal)) refuse("alreadyVoted");
    this.sealed.addBallot(e, msg.ballot);
    this.store.sql.exec("INSERT INTO voted (vote_id, principal_id) VALUES (?, ?)", vote.id, principal);
  }

  private sealedVote(voteId: string) {
    const vote = this.store.openVote() ?? refuse("noVote");
    if (vote.id !== voteId) refuse("wrongVote");
    return this.sealed.election(voteId) ?? refuse("notSealed");
  }

  private closeVote(now: number): Proclaimed | null {
    const vote = this.store.openVote() ?? refuse("noVote");
    const sealed = this.sealed.election(vote.id);
    if (sealed) {
      // The box is published; the result comes with the trustees' partial decryptions.
      this.sealed.close(sealed);
      return null;
    }
    const counts = new Map<string, number>();
    for (const r of this.store.rows("SELECT choice, COUNT(*) AS n FROM ballots WHERE vote_id = ? GROUP BY choice", vote.id))
      counts.set(r.choice as string, r.n as number);
    return this.proclaim(vote, counts, now);
  }

  private proclaim(vote: NonNullable<ReturnType<RoomStore["openVote"]>>, counts: Map<string, number>, now: number): Proclaimed {
    const config = this.config;
    const def = config.items.find((i) => i.id === vote.item_id)!;
    let result: VoteResult;
    if (def.kind === "appointment") {
      const byCandidate = Object.fromEntries(def.candidates.map((c) => [c.id, counts.get(c.id) ?? 0]));
      result = decideAppointment(vote.round, byCandidate, counts.get(BLANK) ?? 0, def.candidates, counts.get(NULL_BALLOT) ?? 0);
    } else {
      const c: MotionCounts = {
        for: counts.get("for") ?? 0,
        against: counts.get("against") ?? 0,
        abstain: counts.get("abstain") ?? 0,
        none: counts.get("none") ?? 0,
        ...(vote.kind === "secret" ? { blank: counts.get(BLANK) ?? 0, null: counts.get(NULL_BALLOT) ?? 0 } : {}),
      };
      // L2121-20: the casting vote is that of the member presiding (who opened the vote).
      const pres =
        vote.chair_id && vote.kind !== "secret"
          ? ((this.store.one("SELECT choice FROM ballots WHERE vote_id = ? AND principal_id = ?", vote.id, vote.chair_id)?.choice as
              | MotionChoice
              | undefined) ?? null)
          : null;
      result = decideMotion(vote.kind, c, pres);
      if (vote.kind === "roll-call") {
        result.names = this.store
          .rows("SELECT principal_id, voter_id, choice FROM ballots WHERE vote_id = ? ORDER BY principal_id", vote.id)
          .map((r) =>
            r.voter_id === r.principal_id
              ? { memberId: r.principal_id as string, choice: r.choice as MotionChoice }
              : { memberId: r.principal_id as string, choice: r.choice as MotionChoice, by: r.voter_id as string },
          );
      }
    }
    this.store.sql.exec("UPDATE votes SET status = 'closed', closed_at = ?, result = ? WHERE id = ?", now, JSON.stringify(result), vote.id);
    const next = result.type === "appointment" && result.elected === null ? "pending" : "voted";
    this.store.sql.exec("UPDATE items SET status = ? WHERE id = ?", next, vote.item_id);
    return { voteId: vote.id, itemId: vote.item_id, result };
  }

  private member(memberId: string): void {
    if (!this.config.members.some((m) => m.id === memberId)) refuse("unknownMember");
  }
  /** A seat in the room: a member's, or a suppléant's (then their titular's seat); returns the titular. */
  private seat(id: string): string {
    return titularOf(this.config, id) ?? refuse("unknownMember");
  }
  private present(id: string): boolean {
    return this.store.one("SELECT 1 AS x FROM presence WHERE member_id = ?", id) !== undefined;
  }
  private itemStatus(itemId: string): string {
    return (this.store.one("SELECT status FROM items WHERE id = ?", itemId)?.status as string | undefined) ?? refuse("unknownItem");
  }
  private quorumReached(): boolean {
    return this.store.presentCount() >= quorumRequired(this.config.members.length);
  }
  /** The sitting records each moment quorum is reached or lost (once it is open). */
  private logQuorum(before: boolean, now: number): void {
    const after = this.quorumReached();
    if (after !== before && this.store.meta("phase") === "open")
      this.store.sql.exec("INSERT INTO quorum_log (at, present, reached) VALUES (?, ?, ?)", now, this.store.presentCount(), after ? 1 : 0);
  }
}
