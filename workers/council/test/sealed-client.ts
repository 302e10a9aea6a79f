/**
 * The browsers' side of a sealed secret vote (ADR 0036), for the room's tests: each trustee's
 * browser makes its key share, each voter's browser encrypts its choice under the election key,
 * and after the close each trustee decrypts the sum recomputed from the published box. The same
 * crypto module as the site's screens; nothing here is a stub of the room.
 */
import { expect } from "vitest";
import {
  encryptBallot,
  homomorphicTally,
  partialDecrypt,
  trusteeKeygen,
  type BallotBox,
  type EncryptedBallot,
  type TrusteeSecret,
} from "@communa/contracts/ballot-crypto";
import type { ServerMessage, VoteResult } from "@communa/contracts/council";
import type { Answer, LiveClient } from "./live-client.ts";

const memberOf = (c: LiveClient) => c.state.you?.memberId ?? "";

export interface OpenSealed {
  voteId: string;
  election: string;
  options: string[];
  publicKey: string;
  secrets: Map<LiveClient, TrusteeSecret>;
}

/** Opens a secret vote with these trustees' clients and has each publish its key share. */
export async function openSealed(president: LiveClient, trustees: LiveClient[], itemId: string, requesters: string[] = []): Promise<OpenSealed> {
  const opened = await president.send({ type: "vote.open", itemId, kind: "secret", requesters, trustees: trustees.map(memberOf) });
  expect(opened, "vote.open").toMatchObject({ type: "ack" });
  const vote = president.state.vote!;
  const election = vote.sealed!.election;
  const secrets = new Map<LiveClient, TrusteeSecret>();
  for (const t of trustees) {
    const { secret, share } = trusteeKeygen(election, memberOf(t));
    expect(await t.send({ type: "trustee.key", voteId: vote.id, share }), "trustee.key").toMatchObject({ type: "ack" });
    secrets.set(t, secret);
  }
  await president.send({ type: "sync" });
  const sealed = president.state.vote!.sealed!;
  expect(sealed.status).toBe("open");
  return { voteId: vote.id, election, options: sealed.options, publicKey: sealed.publicKey!, secrets };
}

/** A voter's browser: the choice encrypted, with its proofs; the room's answer. */
export async function castSealed(c: LiveClient, v: OpenSealed, choice: string, onBehalfOf?: string): Promise<{ answer: Answer; ballot: EncryptedBallot }> {
  const index = v.options.indexOf(choice);
  if (index < 0) throw new Error(`choix hors du bulletin : ${choice}`);
  const ballot = encryptBallot(v.election, v.publicKey, v.options.length, index);
  return { answer: await c.send({ type: "ballot.sealed", voteId: v.voteId, ballot, ...(onBehalfOf ? { onBehalfOf } : {}) }), ballot };
}

export async function publishedBox(c: LiveClient, voteId: string): Promise<BallotBox> {
  expect(await c.send({ type: "box.get", voteId })).toMatchObject({ type: "ack" });
  return (c.received.findLast((m) => m.type === "box" && m.voteId === voteId) as Extract<ServerMessage, { type: "box" }>).box;
}

/** Closes the vote, then every trustee decrypts the sum of the published box; the proclaimed result. */
export async function closeSealed(president: LiveClient, v: OpenSealed): Promise<VoteResult> {
  expect(await president.send({ type: "vote.close" }), "vote.close").toMatchObject({ type: "ack" });
  const box = await publishedBox(president, v.voteId);
  const tally = homomorphicTally(box.ballots, box.options.length);
  for (const [t, secret] of v.secrets)
    expect(await t.send({ type: "trustee.decrypt", voteId: v.voteId, partial: partialDecrypt(v.election, secret, tally) }), "trustee.decrypt").toMatchObject({
      type: "ack",
    });
  const r = (await president.waitFor((m) => m.type === "result" && m.voteId === v.voteId)) as Extract<ServerMessage, { type: "result" }>;
  return r.result;
}

/**
 * A whole sealed vote: opened with `trustees` (default: the president and the first other voter),
 * one encrypted ballot per entry, closed and decrypted.
 */
export async function sealedVoteAndClose(
  president: LiveClient,
  voters: Array<[LiveClient, string, string?]>,
  itemId: string,
  requesters: string[] = [],
  trustees: LiveClient[] = [president, voters.map(([c]) => c).find((c) => c !== president && memberOf(c) !== memberOf(president))!],
): Promise<VoteResult> {
  const v = await openSealed(president, trustees, itemId, requesters);
  for (const [c, choice, onBehalfOf] of voters) expect((await castSealed(c, v, choice, onBehalfOf)).answer, `ballot ${choice}`).toMatchObject({ type: "ack" });
  return closeSealed(president, v);
}
