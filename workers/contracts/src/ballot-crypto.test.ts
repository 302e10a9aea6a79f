import { describe, expect, it } from "vitest";
import {
  ballotTracker,
  checkBallot,
  combine,
  electionKey,
  encryptBallot,
  homomorphicTally,
  partialDecrypt,
  trusteeKeygen,
  verifyBallotBox,
  verifyKeyShare,
  type BallotBox,
  type EncryptedBallot,
} from "./ballot-crypto.ts";

const election = "seance-1/point-1.1/0123456789abcdef";
const options = ["for", "against", "abstain", "none"];

function trustees() {
  const p = trusteeKeygen(election, "president");
  const s = trusteeKeygen(election, "secretaire");
  return { p, s, shares: [p.share, s.share], pk: electionKey(election, [p.share, s.share]) };
}

/** A whole vote, as the room and the browsers play it: the published box. */
function vote(choices: number[]): BallotBox {
  const t = trustees();
  const ballots = choices.map((c) => encryptBallot(election, t.pk, options.length, c)).sort((a, b) => (ballotTracker(a) < ballotTracker(b) ? -1 : 1));
  const tally = homomorphicTally(ballots, options.length);
  const partials = [partialDecrypt(election, t.p.secret, tally), partialDecrypt(election, t.s.secret, tally)];
  const counts = combine(election, t.shares, tally, partials, ballots.length);
  return {
    version: 1,
    election,
    options,
    trustees: t.shares,
    publicKey: t.pk,
    ballots,
    voters: ballots.length,
    partials,
    result: Object.fromEntries(options.map((o, k) => [o, counts[k]!])),
  };
}

describe("trustees' keys", () => {
  it("a key share proves knowledge of its secret; a share without it is refused", () => {
    const { p, s } = trustees();
    expect(verifyKeyShare(election, p.share)).toBe(true);
    // Rogue key: the second trustee publishes the first one's key as its own (or any key it cannot prove).
    expect(verifyKeyShare(election, { ...s.share, publicKey: p.share.publicKey })).toBe(false);
    // A proof made for another election does not carry over.
    expect(verifyKeyShare("autre-election", p.share)).toBe(false);
    expect(() => electionKey(election, [p.share])).toThrow("tooFewTrustees");
    expect(() => electionKey(election, [p.share, { ...s.share, publicKey: p.share.publicKey }])).toThrow("badKeyShare");
  });
});

describe("ballots", () => {
  it("a valid ballot passes; each choice encrypts differently every time", () => {
    const { pk } = trustees();
    const a = encryptBallot(election, pk, 4, 0);
    const b = encryptBallot(election, pk, 4, 0);
    expect(checkBallot(a, election, pk, 4)).toBeNull();
    expect(a.choices[0]!.a).not.toBe(b.choices[0]!.a);
    expect(ballotTracker(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(ballotTracker(a)).not.toBe(ballotTracker(b));
  });

  it("refuses « 2 pour », a ballot of nothing, a proof moved to another ballot, a ballot for another election", () => {
    const { pk } = trustees();
    const one = encryptBallot(election, pk, 4, 0);
    const other = encryptBallot(election, pk, 4, 1);
    // Doubling the "for" ciphertext (g^2·h^2r) and keeping its proof: refused.
    const twice: EncryptedBallot = structuredClone(one);
    twice.choices[0] = { ...twice.choices[0]!, b: other.choices[1]!.b };
    expect(checkBallot(twice, election, pk, 4)).toBe("badProof");
    // Swapping two components (the proofs are bound to their position).
    const swapped: EncryptedBallot = {
      ...one,
      choices: [one.choices[1]!, one.choices[0]!, ...one.choices.slice(2)],
      proofs: [one.proofs[1]!, one.proofs[0]!, ...one.proofs.slice(2)],
    };
    expect(checkBallot(swapped, election, pk, 4)).toBe("badProof");
    // Two ballots spliced: each component is 0/1, but the sum proof belongs to another ballot.
    const spliced: EncryptedBallot = {
      ...one,
      choices: [one.choices[0]!, other.choices[1]!, ...one.choices.slice(2)],
      proofs: [one.proofs[0]!, other.proofs[1]!, ...one.proofs.slice(2)],
    };
    expect(checkBallot(spliced, election, pk, 4)).toBe("badProof");
    // The same nonce reused with another ballot's proofs.
    expect(checkBallot({ ...other, nonce: one.nonce }, election, pk, 4)).toBe("badProof");
    expect(checkBallot(one, "autre", pk, 4)).toBe("wrongElection");
    expect(checkBallot({ ...one, election: "autre" }, "autre", pk, 4)).toBe("badProof");
    expect(checkBallot(one, election, pk, 3)).toBe("malformed");
    expect(checkBallot({ ...one, choices: [{ a: "zz", b: "00" }, ...one.choices.slice(1)] }, election, pk, 4)).toBe("malformed");
    expect(() => encryptBallot(election, pk, 4, 4)).toThrow("badChoice");
  });
});

describe("tally", () => {
  it("decrypts the homomorphic sum with both trustees; one missing: the vote cannot be decrypted", () => {
    const box = vote([0, 0, 1, 2, 0, 3, 1]);
    expect(box.result).toEqual({ for: 3, against: 2, abstain: 1, none: 1 });
    const tally = homomorphicTally(box.ballots, 4);
    expect(() => combine(election, box.trustees, tally, box.partials.slice(0, 1), box.ballots.length)).toThrow("missingTrustee");
    // A partial decryption made with another secret is caught by its proof.
    const intruder = trusteeKeygen(election, "secretaire");
    const forged = partialDecrypt(election, intruder.secret, tally);
    expect(() => combine(election, box.trustees, tally, [box.partials[0]!, forged], box.ballots.length)).toThrow("badPartial");
  });

  it("an empty box decrypts to zero everywhere", () => {
    expect(vote([]).result).toEqual({ for: 0, against: 0, abstain: 0, none: 0 });
  });
});

describe("the published box (universal verifiability)", () => {
  it("an honest box verifies and gives the proclaimed result", () => {
    const box = vote([0, 1, 1, 3]);
    expect(verifyBallotBox(box)).toEqual({ ok: true, counts: box.result, problems: [] });
  });

  it("catches a changed, a dropped, an added, a copied ballot and a false result", () => {
    const box = vote([0, 1, 1, 3, 2]);
    const t = trustees();
    const changed = structuredClone(box);
    changed.ballots[2] = encryptBallot(election, box.publicKey, 4, 0);
    changed.ballots.sort((a, b) => (ballotTracker(a) < ballotTracker(b) ? -1 : 1));
    expect(verifyBallotBox(changed).problems.join("\n")).toMatch(/badPartial/);

    const dropped = structuredClone(box);
    dropped.ballots.splice(1, 1);
    const d = verifyBallotBox(dropped);
    expect(d.ok).toBe(false);
    expect(d.problems.join("\n")).toMatch(/4 bulletins pour 5 votants/);

    const added = structuredClone(box);
    added.ballots.push(encryptBallot(election, box.publicKey, 4, 0));
    added.voters += 1;
    expect(verifyBallotBox(added).problems.join("\n")).toMatch(/badPartial/);

    const copied = structuredClone(box);
    copied.ballots.push(structuredClone(box.ballots[0]!));
    copied.voters += 1;
    expect(verifyBallotBox(copied).problems.join("\n")).toMatch(/copié/);

    const lied = structuredClone(box);
    lied.result = { ...box.result!, for: box.result!.for + 1, against: box.result!.against - 1 };
    expect(verifyBallotBox(lied).problems).toEqual(["result: le résultat proclamé n’est pas celui que donne le déchiffrement"]);

    // A ballot under a key the trustees did not make: refused by its proofs.
    const foreign = structuredClone(box);
    foreign.ballots[0] = encryptBallot(election, t.pk, 4, 0);
    foreign.ballots.sort((a, b) => (ballotTracker(a) < ballotTracker(b) ? -1 : 1));
    expect(verifyBallotBox(foreign).problems.join("\n")).toMatch(/badProof/);
  });
});
