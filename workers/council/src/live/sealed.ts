/**
 * Sealed secret ballots in the sitting's storage (ADR 0036). What each table holds, and why no row
 * or order ties a voter to a ballot:
 * - `elections`: one row per sealed vote (election id, options, trustees, key, status, tally, counts);
 * - `key_shares`, `partials`: the trustees' public key shares and partial decryptions, with proofs
 *   (public by design: the trustees are named);
 * - `sealed_ballots`: the encrypted ballots, keyed by (vote, tracker) in a `WITHOUT ROWID` table:
 *   stored in tracker (hash) order, with no voter, no time, no insertion counter;
 * - who has voted stays in `voted` (ADR 0014): member ids in member-id order, no time.
 * The ciphertexts are decrypted only as their homomorphic sum, by the trustees' browsers: no secret
 * share is ever stored here (the storage-replay test looks for one).
 */
import {
  ballotTracker,
  checkBallot,
  combine,
  electionKey,
  homomorphicTally,
  verifyKeyShare,
  verifyPartial,
  type BallotBox,
  type Ciphertext,
  type EncryptedBallot,
  type KeyShare,
  type PartialDecryption,
} from "@communa/contracts/ballot-crypto";
import type { SealedView } from "@communa/contracts/council";
import type { RoomStore } from "./room-store.ts";
import { refuse } from "./room-rules.ts";

export const SEALED_TABLES = `
  CREATE TABLE IF NOT EXISTS elections (vote_id TEXT PRIMARY KEY, election TEXT NOT NULL, options TEXT NOT NULL, trustees TEXT NOT NULL,
    status TEXT NOT NULL, public_key TEXT, tally TEXT, counts TEXT) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS key_shares (vote_id TEXT NOT NULL, trustee TEXT NOT NULL, share TEXT NOT NULL, PRIMARY KEY (vote_id, trustee)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS sealed_ballots (vote_id TEXT NOT NULL, tracker TEXT NOT NULL, ballot TEXT NOT NULL, PRIMARY KEY (vote_id, tracker)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS partials (vote_id TEXT NOT NULL, trustee TEXT NOT NULL, partial TEXT NOT NULL, PRIMARY KEY (vote_id, trustee)) WITHOUT ROWID;
`;

export interface ElectionRow {
  voteId: string;
  election: string;
  options: string[];
  trustees: string[];
  status: "keying" | "open" | "decrypting" | "done" | "abandoned";
  publicKey: string | null;
  tally: Ciphertext[] | null;
  counts: Record<string, number> | null;
}

export class SealedStore {
  constructor(private readonly store: RoomStore) {}

  election(voteId: string): ElectionRow | null {
    const r = this.store.one("SELECT * FROM elections WHERE vote_id = ?", voteId);
    if (!r) return null;
    return {
      voteId,
      election: r.election as string,
      options: JSON.parse(r.options as string) as string[],
      trustees: JSON.parse(r.trustees as string) as string[],
      status: r.status as ElectionRow["status"],
      publicKey: (r.public_key as string | null) ?? null,
      tally: r.tally ? (JSON.parse(r.tally as string) as Ciphertext[]) : null,
      counts: r.counts ? (JSON.parse(r.counts as string) as Record<string, number>) : null,
    };
  }

  open(sittingId: string, voteId: string, options: string[], trustees: string[]): void {
    const distinct = [...new Set(trustees)];
    if (distinct.length < 2) refuse("tooFewTrustees");
    const nonce = [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, "0")).join("");
    this.store.sql.exec(
      "INSERT INTO elections (vote_id, election, options, trustees, status) VALUES (?, ?, ?, ?, 'keying')",
      voteId,
      `${sittingId}/${voteId}/${nonce}`,
      JSON.stringify(options),
      JSON.stringify(distinct),
    );
  }

  shares(voteId: string): KeyShare[] {
    const byTrustee = new Map(
      this.store
        .rows("SELECT trustee, share FROM key_shares WHERE vote_id = ?", voteId)
        .map((r) => [r.trustee as string, JSON.parse(r.share as string) as KeyShare]),
    );
    return (this.election(voteId)?.trustees ?? []).flatMap((t) => (byTrustee.has(t) ? [byTrustee.get(t)!] : []));
  }
  partials(voteId: string): PartialDecryption[] {
    return this.store
      .rows("SELECT partial FROM partials WHERE vote_id = ? ORDER BY trustee", voteId)
      .map((r) => JSON.parse(r.partial as string) as PartialDecryption);
  }
  ballots(voteId: string): EncryptedBallot[] {
    return this.store
      .rows("SELECT ballot FROM sealed_ballots WHERE vote_id = ? ORDER BY tracker", voteId)
      .map((r) => JSON.parse(r.ballot as string) as EncryptedBallot);
  }

  addShare(e: ElectionRow, memberId: string, share: KeyShare): void {
    if (e.status !== "keying") refuse("keyAlreadyGiven");
    if (!e.trustees.includes(memberId) || share.trustee !== memberId) refuse("notTrustee");
    if (this.store.one("SELECT 1 AS x FROM key_shares WHERE vote_id = ? AND trustee = ?", e.voteId, memberId)) refuse("keyAlreadyGiven");
    if (!verifyKeyShare(e.election, share)) refuse("badProof");
    this.store.sql.exec("INSERT INTO key_shares (vote_id, trustee, share) VALUES (?, ?, ?)", e.voteId, memberId, JSON.stringify(share));
    const shares = this.shares(e.voteId);
    if (shares.length === e.trustees.length)
      this.store.sql.exec("UPDATE elections SET status = 'open', public_key = ? WHERE vote_id = ?", electionKey(e.election, shares), e.voteId);
  }

  /** Checks the ballot's proofs and puts it in the box; the caller has checked and marks the voter. */
  addBallot(e: ElectionRow, ballot: EncryptedBallot): void {
    if (e.status === "keying") refuse("keysPending");
    if (e.status !== "open" || !e.publicKey) refuse("noVote");
    const why = checkBallot(ballot, e.election, e.publicKey!, e.options.length);
    if (why === "malformed") refuse("malformed");
    if (why) refuse("badProof");
    // A ballot copied from the box (same ciphertexts) would let a voter echo another's choice.
    const taken = new Set(this.ballots(e.voteId).flatMap((b) => b.choices.map((c) => c.a)));
    if (ballot.choices.some((c) => taken.has(c.a))) refuse("duplicateBallot");
    const clean: EncryptedBallot = { election: ballot.election, nonce: ballot.nonce, choices: ballot.choices, proofs: ballot.proofs, sum: ballot.sum };
    this.store.sql.exec("INSERT INTO sealed_ballots (vote_id, tracker, ballot) VALUES (?, ?, ?)", e.voteId, ballotTracker(clean), JSON.stringify(clean));
  }

  /** The vote closes: the box is published and its homomorphic sum awaits the trustees. */
  close(e: ElectionRow): void {
    if (e.status === "keying") refuse("keysPending");
    if (e.status !== "open") refuse("noVote");
    const tally = homomorphicTally(this.ballots(e.voteId), e.options.length);
    this.store.sql.exec("UPDATE elections SET status = 'decrypting', tally = ? WHERE vote_id = ?", JSON.stringify(tally), e.voteId);
  }

  /** A trustee's partial decryption; once all are in, the counts (null until then). */
  addPartial(e: ElectionRow, memberId: string, partial: PartialDecryption): Record<string, number> | null {
    if (e.status !== "decrypting" || !e.tally) refuse("notDecrypting");
    if (!e.trustees.includes(memberId) || partial.trustee !== memberId) refuse("notTrustee");
    if (this.store.one("SELECT 1 AS x FROM partials WHERE vote_id = ? AND trustee = ?", e.voteId, memberId)) refuse("keyAlreadyGiven");
    const share = this.shares(e.voteId).find((s) => s.trustee === memberId)!;
    if (!verifyPartial(e.election, share, e.tally!, partial)) refuse("badProof");
    const clean: PartialDecryption = { trustee: partial.trustee, factors: partial.factors, proofs: partial.proofs };
    this.store.sql.exec("INSERT INTO partials (vote_id, trustee, partial) VALUES (?, ?, ?)", e.voteId, memberId, JSON.stringify(clean));
    const partials = this.partials(e.voteId);
    if (partials.length < e.trustees.length) return null;
    const n = combine(e.election, this.shares(e.voteId), e.tally!, partials, this.ballots(e.voteId).length);
    const counts = Object.fromEntries(e.options.map((o, k) => [o, n[k]!]));
    this.store.sql.exec("UPDATE elections SET status = 'done', counts = ? WHERE vote_id = ?", JSON.stringify(counts), e.voteId);
    return counts;
  }

  abandon(e: ElectionRow): void {
    this.store.sql.exec("UPDATE elections SET status = 'abandoned' WHERE vote_id = ?", e.voteId);
  }

  view(e: ElectionRow): SealedView {
    const keyed = new Set(this.shares(e.voteId).map((s) => s.trustee));
    const decrypted = new Set(this.partials(e.voteId).map((p) => p.trustee));
    return {
      election: e.election,
      status: e.status === "keying" || e.status === "open" ? e.status : "decrypting",
      options: e.options,
      publicKey: e.publicKey,
      trustees: e.trustees.map((id) => ({ id, keyed: keyed.has(id), decrypted: decrypted.has(id) })),
      tally: e.tally,
    };
  }

  /** The published box (after the close; before it, the ballots stay unpublished). */
  box(e: ElectionRow): BallotBox {
    if (e.status === "keying" || e.status === "open") refuse("boxNotPublished");
    const voters = this.store.one("SELECT COUNT(*) AS n FROM voted WHERE vote_id = ?", e.voteId)!.n as number;
    return {
      version: 1,
      election: e.election,
      options: e.options,
      trustees: this.shares(e.voteId),
      publicKey: e.publicKey ?? "",
      ballots: this.ballots(e.voteId),
      voters,
      partials: this.partials(e.voteId),
      ...(e.counts ? { result: e.counts } : {}),
    };
  }
}
