/** The command-line verifier of a sealed secret ballot (`npm run council:verify`, ADR 0036), run as a user runs it. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ballotTracker,
  combine,
  electionKey,
  encryptBallot,
  homomorphicTally,
  partialDecrypt,
  trusteeKeygen,
  type BallotBox,
} from "../../workers/contracts/src/ballot-crypto.ts";

const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "urne-"));
const options = ["for", "against", "abstain", "none"];

function box(choices: number[]): BallotBox {
  const election = "seance/i1.1/00ff00ff00ff00ff";
  const t = [trusteeKeygen(election, "p0"), trusteeKeygen(election, "agent")];
  const shares = t.map((x) => x.share);
  const pk = electionKey(election, shares);
  const ballots = choices.map((c) => encryptBallot(election, pk, 4, c)).sort((a, b) => (ballotTracker(a) < ballotTracker(b) ? -1 : 1));
  const tally = homomorphicTally(ballots, 4);
  const partials = t.map((x) => partialDecrypt(election, x.secret, tally));
  const n = combine(election, shares, tally, partials, ballots.length);
  return {
    version: 1,
    election,
    options,
    trustees: shares,
    publicKey: pk,
    ballots,
    voters: ballots.length,
    partials,
    result: Object.fromEntries(options.map((o, k) => [o, n[k]!])),
  };
}

/** Runs `npm run council:verify -- <file>`; its exit code and output. */
function verify(b: BallotBox): { code: number; out: string } {
  const file = path.join(dir, `urne-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(b));
  try {
    return { code: 0, out: execFileSync("npm", ["run", "--silent", "council:verify", "--", file], { cwd: root, encoding: "utf8" }) };
  } catch (err) {
    const e = err as { status: number; stdout: string };
    return { code: e.status, out: e.stdout };
  }
}

describe("npm run council:verify", () => {
  const honest = box([0, 0, 1, 2, 3, 0]);

  it("recomputes the result of an honest box and exits 0", () => {
    const r = verify(honest);
    expect(r.out).toContain("Résultat recalculé : for 3, against 1, abstain 1, none 1.");
    expect(r.out).toContain("Urne vérifiée");
    expect(r.code).toBe(0);
  });

  it("exits 1 on a changed, a dropped or an added ballot", () => {
    const changed = structuredClone(honest);
    changed.ballots[0] = encryptBallot(honest.election, honest.publicKey, 4, 1);
    changed.ballots.sort((a, b) => (ballotTracker(a) < ballotTracker(b) ? -1 : 1));
    const dropped = structuredClone(honest);
    dropped.ballots.pop();
    dropped.voters -= 1;
    const added = structuredClone(honest);
    added.ballots.push(encryptBallot(honest.election, honest.publicKey, 4, 0));
    for (const tampered of [changed, dropped, added]) {
      const r = verify(tampered);
      expect(r.code).toBe(1);
      expect(r.out).toContain("Urne NON vérifiée.");
      expect(r.out).toMatch(/ÉCART /);
    }
  });
});
