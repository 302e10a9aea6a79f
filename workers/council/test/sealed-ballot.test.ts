/**
 * Sealed secret ballots (ADR 0036) through real WebSockets to the real Durable Object: the test plays
 * the browsers (trustees' key shares and partial decryptions, councillors' encrypted ballots) with
 * the same crypto module, and reads the object's storage as its operator could.
 */
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ristretto255 } from "@noble/curves/ed25519.js";
import {
  ballotTracker,
  encryptBallot,
  homomorphicTally,
  partialDecrypt,
  trusteeKeygen,
  verifyBallotBox,
  type BallotBox,
  type EncryptedBallot,
  type TrusteeSecret,
} from "@communa/contracts/ballot-crypto";
import type { Identity, MotionResult, ServerMessage } from "@communa/contracts/council";
import { SECRET_MOTION_CHOICES } from "@communa/contracts/council";
import { connect, freshSitting, members, type LiveClient } from "./live-client.ts";
import type { SittingRoom } from "../src/live/sitting-room.ts";

const PRESIDENT: Identity = { role: "president", personId: "p0", memberId: "m0" };
const SECRETARY: Identity = { role: "secretary", personId: "agent" };
const councillor = (i: number): Identity => ({ role: "councillor", personId: `p${i}`, memberId: `m${i}` });
const ok = (a: ServerMessage) => expect(a).toMatchObject({ type: "ack" });
const refused = (a: ServerMessage, code: string) => expect(a).toMatchObject({ type: "error", code });
const choiceIndex = (c: string) => (SECRET_MOTION_CHOICES as readonly string[]).indexOf(c);

/** Everything in the object's SQLite storage, table by table (what its operator could read). */
async function dumpStorage(stub: DurableObjectStub<SittingRoom>) {
  return runInDurableObject(stub, (_o: SittingRoom, state) => {
    const tables = state.storage.sql
      .exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'")
      .toArray()
      .map((r) => r.name as string);
    return Object.fromEntries(tables.map((t) => [t, state.storage.sql.exec(`SELECT * FROM "${t}"`).toArray() as Array<Record<string, SqlStorageValue>>]));
  });
}
type Dump = Awaited<ReturnType<typeof dumpStorage>>;
/** The rows that appeared or changed between two dumps: one commit, as the write-ahead log and the storage history keep it. */
function commitDiff(before: Dump, after: Dump): Array<{ table: string; row: Record<string, SqlStorageValue> }> {
  const out: Array<{ table: string; row: Record<string, SqlStorageValue> }> = [];
  for (const [table, rows] of Object.entries(after)) {
    const old = new Set((before[table] ?? []).map((r) => JSON.stringify(r)));
    for (const r of rows) if (!old.has(JSON.stringify(r))) out.push({ table, row: r });
  }
  return out;
}

/** A sitting of 5 with m4's proxy held by m3, everyone else present, a sealed secret vote open and keyed. */
async function sealedSitting() {
  const { stub } = await freshSitting({
    members: members(5),
    presidentMemberId: "m0",
    rooms: [{ id: "salle", name: "Salle du conseil", visioUrl: null }],
    items: [{ id: "i1", position: 1, title: "Délibération", rapporteur: null, type: "deliberation" }],
    proxies: [{ giverId: "m4", holderId: "m3" }],
  });
  const president = await connect(stub, PRESIDENT);
  const secretary = await connect(stub, SECRETARY);
  for (const i of [0, 1, 2, 3]) ok(await secretary.send({ type: "arrive", memberId: `m${i}`, roomId: "salle" }));
  ok(await president.send({ type: "sitting.open" }));
  const [m1, m2, m3] = await Promise.all([1, 2, 3].map((i) => connect(stub, councillor(i))));
  return { stub, president, secretary, m1: m1!, m2: m2!, m3: m3! };
}

async function openAndKey(president: LiveClient, second: LiveClient) {
  ok(await president.send({ type: "vote.open", itemId: "i1", kind: "secret", requesters: ["m1", "m2"], trustees: ["m0", "m1"] }));
  const vote = president.state.vote!;
  expect(vote.sealed).toMatchObject({
    status: "keying",
    publicKey: null,
    trustees: [
      { id: "m0", keyed: false },
      { id: "m1", keyed: false },
    ],
  });
  const election = vote.sealed!.election;
  // Each trustee's browser makes its share; only the public part leaves it.
  const p = trusteeKeygen(election, "m0");
  const s = trusteeKeygen(election, "m1");
  ok(await president.send({ type: "trustee.key", voteId: vote.id, share: p.share }));
  ok(await second.send({ type: "trustee.key", voteId: vote.id, share: s.share }));
  await president.send({ type: "sync" });
  expect(president.state.vote!.sealed!.status).toBe("open");
  return { voteId: vote.id, election, secrets: [p.secret, s.secret], publicKey: president.state.vote!.sealed!.publicKey! };
}

async function cast(c: LiveClient, voteId: string, election: string, publicKey: string, choice: string, onBehalfOf?: string) {
  const ballot = encryptBallot(election, publicKey, SECRET_MOTION_CHOICES.length, choiceIndex(choice));
  ok(await c.send({ type: "ballot.sealed", voteId, ballot, onBehalfOf }));
  return { ballot, tracker: ballotTracker(ballot) };
}

async function getBox(c: LiveClient, voteId: string): Promise<BallotBox> {
  ok(await c.send({ type: "box.get", voteId }));
  return (c.received.findLast((m) => m.type === "box" && m.voteId === voteId) as Extract<ServerMessage, { type: "box" }>).box;
}

/** A trustee's browser: recompute the sum from the published box, then decrypt it. */
function decryptAs(secret: TrusteeSecret, box: BallotBox) {
  return partialDecrypt(box.election, secret, homomorphicTally(box.ballots, box.options.length));
}

describe("sealed secret ballots", () => {
  it("encrypted ballots, a proxy's second ballot, trackers in the box, result from the trustees' decryptions", async () => {
    const { stub, president, m1, m2, m3 } = await sealedSitting();
    const { voteId, election, secrets, publicKey } = await openAndKey(president, m1);
    const mine = [
      await cast(m1, voteId, election, publicKey, "for"),
      await cast(m2, voteId, election, publicKey, "against"),
      await cast(m3, voteId, election, publicKey, "for"),
      await cast(m3, voteId, election, publicKey, "blank", "m4"),
    ];
    // An eviction mid-vote loses nothing: the ballots are stored when acknowledged.
    await evictDurableObject(stub);
    const again = await connect(stub, PRESIDENT);
    mine.push(await cast(again, voteId, election, publicKey, "for"));
    refused(await again.send({ type: "ballot.sealed", voteId, ballot: encryptBallot(election, publicKey, SECRET_MOTION_CHOICES.length, 0) }), "alreadyVoted");
    expect(again.state.vote).toMatchObject({ ballots: 5, expected: 5 });
    refused(await again.send({ type: "box.get", voteId }), "boxNotPublished");
    ok(await again.send({ type: "vote.close" }));
    expect(again.state.vote!.sealed!.status).toBe("decrypting");

    const box = await getBox(m1, voteId);
    expect(box.voters).toBe(5);
    // Individual verifiability: each voter finds their tracker; the box is in tracker order.
    const trackers = box.ballots.map(ballotTracker);
    for (const { tracker } of mine) expect(trackers).toContain(tracker);
    expect([...trackers].sort()).toEqual(trackers);

    const m1Again = await connect(stub, councillor(1));
    ok(await again.send({ type: "trustee.decrypt", voteId, partial: decryptAs(secrets[0]!, box) }));
    ok(await m1Again.send({ type: "trustee.decrypt", voteId, partial: decryptAs(secrets[1]!, box) }));
    const r = (await again.waitFor((m) => m.type === "result" && m.voteId === voteId)) as Extract<ServerMessage, { type: "result" }>;
    // The blank ballot is counted apart and not cast: 3 for of 4 cast.
    expect(r.result).toMatchObject({
      type: "motion",
      kind: "secret",
      counts: { for: 3, against: 1, abstain: 0, none: 0, blank: 1, null: 0 },
      cast: 4,
      outcome: "adopted",
    });
    expect((r.result as MotionResult).names).toBeUndefined();

    // Universal verifiability: the published box, with its decryptions, recomputes the result.
    const published = await getBox(m2, voteId);
    expect(verifyBallotBox(published)).toEqual({ ok: true, counts: { for: 3, against: 1, abstain: 0, none: 0, blank: 1, null: 0 }, problems: [] });
  });

  it("storage replay: commit by commit, nothing pairs a voter with a choice, and no key share is stored", async () => {
    const { stub, president, m1, m2, m3 } = await sealedSitting();
    const { voteId, election, secrets, publicKey } = await openAndKey(president, m1);
    const plan: Array<[LiveClient, string, string, string?]> = [
      [m1, "m1", "for"],
      [m2, "m2", "for"],
      [m3, "m3", "against"],
      [m3, "m4", "for", "m4"],
      [president, "m0", "abstain"],
    ];
    const commits: Array<ReturnType<typeof commitDiff>> = [];
    let before = await dumpStorage(stub);
    for (const [c, , choice, onBehalfOf] of plan) {
      await cast(c, voteId, election, publicKey, choice, onBehalfOf);
      const after = await dumpStorage(stub);
      commits.push(commitDiff(before, after));
      before = after;
    }
    const choices = new Set<string>(SECRET_MOTION_CHOICES);
    commits.forEach((diff, i) => {
      // Each ballot's commit: the voter's flag, one ciphertext, the state counter: no choice in clear, no time, no counter per choice.
      expect(diff.map((d) => d.table).sort()).toEqual(["meta", "sealed_ballots", "voted"]);
      expect(diff.find((d) => d.table === "voted")!.row).toEqual({ vote_id: voteId, principal_id: plan[i]![1] });
      const ballotRow = diff.find((d) => d.table === "sealed_ballots")!.row;
      expect(Object.keys(ballotRow).sort()).toEqual(["ballot", "tracker", "vote_id"]);
      for (const d of diff) for (const v of Object.values(d.row)) expect(choices.has(String(v))).toBe(false);
    });
    // What such an attacker does get (voter → ciphertext) says nothing: two "for" ballots share no component.
    const cipherOf = (i: number) => JSON.parse(commits[i]!.find((d) => d.table === "sealed_ballots")!.row.ballot as string) as EncryptedBallot;
    const [a, b] = [cipherOf(0), cipherOf(1)];
    for (let k = 0; k < 4; k++) expect([a.choices[k]!.a, a.choices[k]!.b]).not.toContain(b.choices[k]!.b);

    ok(await president.send({ type: "vote.close" }));
    const box = await getBox(m1, voteId);
    ok(await president.send({ type: "trustee.decrypt", voteId, partial: decryptAs(secrets[0]!, box) }));
    ok(await m1.send({ type: "trustee.decrypt", voteId, partial: decryptAs(secrets[1]!, box) }));
    const dump = await dumpStorage(stub);
    // No secret share anywhere: no stored 64-hex value v with g^v equal to a trustee's public key.
    const shareKeys = new Set(box.trustees.map((t) => t.publicKey));
    const values = JSON.stringify(dump).match(/[0-9a-f]{64}/g) ?? [];
    expect(values.length).toBeGreaterThan(100);
    const order = ristretto255.Point.Fn.ORDER;
    for (const v of new Set(values)) {
      const n = BigInt(`0x${v}`) % order;
      if (n !== 0n) expect(shareKeys.has(ristretto255.Point.BASE.multiply(n).toHex())).toBe(false);
    }
    // The trustees' secrets, as the browsers hold them, are indeed what the check looks for.
    expect(shareKeys.has(ristretto255.Point.BASE.multiply(BigInt(`0x${secrets[0]!.secret}`)).toHex())).toBe(true);
    // After the close: the box in tracker order, who voted in member-id order, no row with both.
    expect(dump.sealed_ballots!.map((r) => r.tracker)).toEqual(box.ballots.map(ballotTracker));
    expect(dump.voted!.map((r) => r.principal_id)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    for (const row of Object.values(dump).flat()) {
      const cells = Object.values(row).map(String);
      expect(cells.some((v) => /^m\d$/.test(v)) && cells.some((v) => v.includes('"choices"'))).toBe(false);
    }
    expect(dump.tally ?? []).toEqual([]);
    expect(dump.ballots ?? []).toEqual([]);
  });

  it("storage replay on every secret path (motion voted again after a missing trustee, appointment with a blank ballot, a proxy): no commit links a voter to a choice", async () => {
    const { stub } = await freshSitting({
      members: members(5),
      presidentMemberId: "m0",
      rooms: [{ id: "salle", name: "Salle du conseil", visioUrl: null }],
      items: [
        { id: "i1", position: 1, title: "Délibération", rapporteur: null, type: "deliberation" },
        {
          id: "i2",
          position: 2,
          title: "Désignation d’un délégué",
          rapporteur: null,
          type: "designation-delegues",
          candidates: [
            { id: "c-a", name: "Candidate A", birthDate: "1970-01-01" },
            { id: "c-b", name: "Candidat B", birthDate: "1960-01-01" },
          ],
        },
      ],
      proxies: [{ giverId: "m4", holderId: "m3" }],
    });
    const president = await connect(stub, PRESIDENT);
    const secretary = await connect(stub, SECRETARY);
    for (const i of [0, 1, 2, 3]) ok(await secretary.send({ type: "arrive", memberId: `m${i}`, roomId: "salle" }));
    ok(await president.send({ type: "sitting.open" }));
    const [m1, m2, m3] = await Promise.all([1, 2, 3].map((i) => connect(stub, councillor(i))));
    const commits: Array<{ what: string; diff: ReturnType<typeof commitDiff> }> = [];
    let before = await dumpStorage(stub);
    /** One command, and the commit it leaves (as the write-ahead log and the storage history keep it). */
    const step = async (what: string, c: LiveClient, msg: Parameters<LiveClient["send"]>[0]) => {
      ok(await c.send(msg));
      const after = await dumpStorage(stub);
      commits.push({ what, diff: commitDiff(before, after) });
      before = after;
    };
    const play = async (itemId: string, ballots: Array<[LiveClient, string, string?]>, missingTrustee: boolean) => {
      await step("open", president, { type: "vote.open", itemId, kind: "secret", requesters: ["m1", "m2"], trustees: ["m0", "m1"] });
      const { id: voteId, sealed } = president.state.vote!;
      const keys = [trusteeKeygen(sealed!.election, "m0"), trusteeKeygen(sealed!.election, "m1")];
      await step("key", president, { type: "trustee.key", voteId, share: keys[0]!.share });
      await step("key", m1, { type: "trustee.key", voteId, share: keys[1]!.share });
      await president.send({ type: "sync" });
      const { publicKey, options } = president.state.vote!.sealed!;
      for (const [c, choice, onBehalfOf] of ballots)
        await step("ballot", c, {
          type: "ballot.sealed",
          voteId,
          ballot: encryptBallot(sealed!.election, publicKey!, options.length, options.indexOf(choice)),
          onBehalfOf,
        });
      await step("close", president, { type: "vote.close" });
      const box = await getBox(m2, voteId);
      await step("decrypt", president, { type: "trustee.decrypt", voteId, partial: decryptAs(keys[0]!.secret, box) });
      if (missingTrustee) await step("abandon", president, { type: "vote.abandon", voteId });
      else await step("decrypt", m1, { type: "trustee.decrypt", voteId, partial: decryptAs(keys[1]!.secret, box) });
    };
    const motionBallots: Array<[LiveClient, string, string?]> = [
      [m1, "for"],
      [m2, "against"],
      [m3, "for"],
      [m3, "null", "m4"],
      [president, "blank"],
    ];
    await play("i1", motionBallots, true);
    await play("i1", motionBallots, false);
    await play(
      "i2",
      [
        [m1, "c-a"],
        [m2, "blank"],
        [m3, "c-b"],
        [m3, "c-a", "m4"],
        [president, "null"],
      ],
      false,
    );
    expect(president.state.items.map((i) => i.status)).toEqual(["voted", "voted"]);
    // Blank and null ballots counted apart, not cast: 2 of 3 cast is the absolute majority.
    expect(president.state.items[0]!.results[0]).toMatchObject({ counts: { for: 2, against: 1, blank: 1, null: 1 }, cast: 3, outcome: "adopted" });
    expect(president.state.items[1]!.results[0]).toMatchObject({ counts: { "c-a": 2, "c-b": 1 }, blank: 1, null: 1, cast: 3, elected: "c-a" });
    const choices = new Set<string>([...SECRET_MOTION_CHOICES, "c-a", "c-b"]);
    expect(commits.filter((c) => c.what === "ballot")).toHaveLength(15);
    for (const { what, diff } of commits) {
      // No commit of any secret path writes a choice in clear beside anything, nor a per-choice counter.
      expect(diff.map((d) => d.table)).not.toContain("tally");
      expect(diff.map((d) => d.table)).not.toContain("ballots");
      if (what === "ballot") {
        expect(diff.map((d) => d.table).sort(), what).toEqual(["meta", "sealed_ballots", "voted"]);
        for (const d of diff) for (const v of Object.values(d.row)) expect(v !== null && choices.has(String(v)), what).toBe(false);
      }
      for (const { row } of diff) {
        // SQL NULLs are not the null ballot's option id.
        const cells = Object.values(row).flatMap((v) => (v === null ? [] : [String(v)]));
        const voter = cells.some((v) => /^m\d$/.test(v));
        expect(voter && cells.some((v) => choices.has(v) || v.includes('"choices"')), `${what}: ${JSON.stringify(row)}`).toBe(false);
      }
    }
  });

  it("refuses invalid ballots, foreign key shares and false decryptions", async () => {
    const { president, secretary, m1, m2 } = await sealedSitting();
    refused(await president.send({ type: "vote.open", itemId: "i1", kind: "secret", requesters: ["m1", "m2"], trustees: ["m0", "m0"] }), "tooFewTrustees");
    ok(await president.send({ type: "vote.open", itemId: "i1", kind: "secret", requesters: ["m1", "m2"], trustees: ["m0", "m1"] }));
    const { id: voteId, sealed } = president.state.vote!;
    const election = sealed!.election;
    const early = trusteeKeygen(election, "m0");
    refused(
      await m1.send({ type: "ballot.sealed", voteId, ballot: encryptBallot(election, early.share.publicKey, SECRET_MOTION_CHOICES.length, 0) }),
      "keysPending",
    );
    // A councillor is no trustee; a share whose proof is for someone else is refused.
    refused(await m1.send({ type: "trustee.key", voteId, share: trusteeKeygen(election, "m2").share }), "notTrustee");
    const s = trusteeKeygen(election, "m1");
    refused(await secretary.send({ type: "trustee.key", voteId, share: s.share }), "notTrustee");
    refused(await m1.send({ type: "trustee.key", voteId, share: { ...s.share, publicKey: early.share.publicKey } }), "badProof");
    ok(await president.send({ type: "trustee.key", voteId, share: early.share }));
    ok(await m1.send({ type: "trustee.key", voteId, share: s.share }));
    refused(await m1.send({ type: "trustee.key", voteId, share: s.share }), "keyAlreadyGiven");
    await president.send({ type: "sync" });
    const publicKey = president.state.vote!.sealed!.publicKey!;

    // "Two for": the "for" component replaced by one that encrypts 2, the proofs kept.
    const honest = encryptBallot(election, publicKey, SECRET_MOTION_CHOICES.length, 0);
    const two = encryptBallot(election, publicKey, SECRET_MOTION_CHOICES.length, 0);
    const forged: EncryptedBallot = structuredClone(two);
    const B = (h: string) => ristretto255.Point.fromHex(h);
    forged.choices[0] = { a: two.choices[0]!.a, b: B(two.choices[0]!.b).add(ristretto255.Point.BASE).toHex() };
    refused(await m1.send({ type: "ballot.sealed", voteId, ballot: forged }), "badProof");
    refused(await m1.send({ type: "ballot.sealed", voteId, ballot: { ...honest, election: `${election}x` } }), "badProof");
    refused(
      await m1.send({ type: "ballot.sealed", voteId, ballot: { ...honest, choices: honest.choices.slice(0, 3), proofs: honest.proofs.slice(0, 3) } }),
      "malformed",
    );
    refused(await m1.send({ type: "ballot", voteId, choice: "for" }), "badChoice");
    // Nothing refused was counted.
    expect(m1.state.vote!.ballots).toBe(0);
    ok(await m1.send({ type: "ballot.sealed", voteId, ballot: honest }));
    // Another voter copying m1's ballot (to echo its choice) is refused.
    refused(await m2.send({ type: "ballot.sealed", voteId, ballot: honest }), "duplicateBallot");
    ok(await president.send({ type: "vote.close" }));
    const box = await getBox(m2, voteId);
    const intruder = trusteeKeygen(election, "m1");
    refused(await m1.send({ type: "trustee.decrypt", voteId, partial: decryptAs(intruder.secret, box) }), "badProof");
    refused(await m2.send({ type: "trustee.decrypt", voteId, partial: { ...decryptAs(s.secret, box), trustee: "m2" } }), "notTrustee");
  });

  it("a trustee missing: the vote cannot be decrypted, the sitting says so and the item is voted again", async () => {
    const { president, m1, m2 } = await sealedSitting();
    const { voteId, election, secrets, publicKey } = await openAndKey(president, m1);
    await cast(m1, voteId, election, publicKey, "for");
    await cast(m2, voteId, election, publicKey, "against");
    ok(await president.send({ type: "vote.close" }));
    const box = await getBox(m1, voteId);
    ok(await president.send({ type: "trustee.decrypt", voteId, partial: decryptAs(secrets[0]!, box) }));
    await m1.send({ type: "sync" });
    // The room shows who has decrypted and who has not; no result, and the sitting cannot close over it.
    expect(m1.state.vote!.sealed).toMatchObject({
      status: "decrypting",
      trustees: [
        { id: "m0", decrypted: true },
        { id: "m1", decrypted: false },
      ],
    });
    expect(m1.state.items[0]).toMatchObject({ status: "voting", results: [] });
    refused(await president.send({ type: "sitting.close" }), "voteInProgress");
    const check = verifyBallotBox(await getBox(m1, voteId));
    expect(check).toMatchObject({ ok: false, counts: null });
    expect(check.problems).toContain("tally: missingTrustee");
    // The president records it: the item is back to pending and can be voted again.
    refused(await m1.send({ type: "vote.abandon", voteId }), "forbidden");
    ok(await president.send({ type: "vote.abandon", voteId }));
    expect(president.state.vote).toBeNull();
    expect(president.state.items[0]).toMatchObject({ status: "pending", results: [] });
    ok(await president.send({ type: "vote.open", itemId: "i1", kind: "secret", requesters: ["m1", "m2"], trustees: ["m0", "m1"] }));
    expect(president.state.vote!.id).toBe("i1.1.2");
  });
});
