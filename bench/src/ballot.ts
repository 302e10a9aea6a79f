/**
 * `npm run bench:ballot`: a sealed secret vote of 60 councillors (ADR 0036) beside a public vote,
 * in the same run. In this machine's Chromium (the browsers' side): a councillor's ballot
 * (encryption of the 4 options + proofs) against a public ballot (its message built and
 * serialised), and a trustee's partial decryption. In Node (the room's side, the same code the
 * Durable Object runs): checking one sealed ballot's proofs, the homomorphic tally, the combination
 * and the count search, against counting 60 public ballots. Prints a table; writes
 * bench/results/ballot.json.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { loadavg } from "node:os";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import * as bc from "@communa/contracts/ballot-crypto";
import { root } from "../../scripts/lib/processes.ts";

const VOTERS = 60;
const OPTIONS = ["for", "against", "abstain", "none"];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
const round = (x: number) => Math.round(x * 100) / 100;

const bundle = await build({
  entryPoints: [path.join(root, "workers/contracts/src/ballot-crypto.ts")],
  bundle: true,
  format: "iife",
  globalName: "BallotCrypto",
  write: false,
  minify: true,
  platform: "browser",
});
const code = bundle.outputFiles[0]!.text;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();
await page.setContent("<!doctype html><title>bench</title>");
await page.addScriptTag({ content: code });
const inBrowser = await page.evaluate(
  ({ voters, options }) => {
    const B = (globalThis as unknown as { BallotCrypto: typeof bc }).BallotCrypto;
    const election = "bench/i1.1/0011223344556677";
    const t = [B.trusteeKeygen(election, "m0"), B.trusteeKeygen(election, "m1")];
    const pk = B.electionKey(
      election,
      t.map((x) => x.share),
    );
    const sealed: number[] = [];
    const publicMs: number[] = [];
    const ballots = [];
    for (let i = 0; i < voters; i++) {
      const t0 = performance.now();
      ballots.push(B.encryptBallot(election, pk, options.length, i % options.length));
      sealed.push(performance.now() - t0);
      const t1 = performance.now();
      JSON.stringify({ type: "ballot", voteId: "i1.1", choice: options[i % options.length], ref: `c${i}` });
      publicMs.push(performance.now() - t1);
    }
    const checkMs: number[] = [];
    for (const b of ballots) {
      const t3 = performance.now();
      B.checkBallot(b, election, pk, options.length);
      checkMs.push(performance.now() - t3);
    }
    const tally = B.homomorphicTally(ballots, options.length);
    const t2 = performance.now();
    B.partialDecrypt(election, t[0]!.secret, tally);
    const partialMs = performance.now() - t2;
    return { sealed, publicMs, partialMs, checkMs, bytes: JSON.stringify(ballots[0]).length };
  },
  { voters: VOTERS, options: OPTIONS },
);
const chromiumVersion = browser.version();
await browser.close();

// The room's side, in Node: the same module the Durable Object runs.
const election = "bench/i1.1/8899aabbccddeeff";
const t = [bc.trusteeKeygen(election, "m0"), bc.trusteeKeygen(election, "m1")];
const shares = t.map((x) => x.share);
const pk = bc.electionKey(election, shares);
const ballots = Array.from({ length: VOTERS }, (_, i) => bc.encryptBallot(election, pk, OPTIONS.length, i % OPTIONS.length));
const check: number[] = [];
for (const b of ballots) {
  const t0 = performance.now();
  if (bc.checkBallot(b, election, pk, OPTIONS.length)) throw new Error("bulletin refusé");
  check.push(performance.now() - t0);
}
let t0 = performance.now();
const tally = bc.homomorphicTally(ballots, OPTIONS.length);
const tallyMs = performance.now() - t0;
const partials = t.map((x) => bc.partialDecrypt(election, x.secret, tally));
t0 = performance.now();
const counts = bc.combine(election, shares, tally, partials, VOTERS);
const combineMs = performance.now() - t0;
t0 = performance.now();
const plain = new Map<string, number>();
for (let i = 0; i < VOTERS; i++) plain.set(OPTIONS[i % 4]!, (plain.get(OPTIONS[i % 4]!) ?? 0) + 1);
const publicCountMs = performance.now() - t0;
if (OPTIONS.some((o, k) => plain.get(o) !== counts[k])) throw new Error("décompte différent");

const rows: Array<[string, string, string]> = [
  [
    "ballot in the browser (median / p95 ms)",
    `${round(median(inBrowser.sealed))} / ${round(p95(inBrowser.sealed))}`,
    `${round(median(inBrowser.publicMs))} / ${round(p95(inBrowser.publicMs))}`,
  ],
  ["ballot size (bytes of JSON)", String(inBrowser.bytes), String(JSON.stringify({ type: "ballot", voteId: "i1.1", choice: "for" }).length)],
  ["one ballot's proofs checked, in Chromium (median ms)", String(round(median(inBrowser.checkMs))), "—"],
  ["room: check one ballot, Node (median ms)", String(round(median(check))), "—"],
  ["room: 60 ballots checked (total ms)", String(round(check.reduce((a, b) => a + b, 0))), "—"],
  ["trustee's partial decryption in the browser (ms)", String(round(inBrowser.partialMs)), "—"],
  ["room: tally (ms)", String(round(tallyMs)), String(round(publicCountMs))],
  ["room: combine + count search (ms)", String(round(combineMs)), "—"],
];
const w = [Math.max(...rows.map((r) => r[0].length)), 16, 16];
console.log(`${"".padEnd(w[0]!)} | ${"secret (sealed)".padEnd(w[1]!)} | public`);
for (const r of rows) console.log(`${r[0].padEnd(w[0]!)} | ${r[1].padEnd(w[1]!)} | ${r[2]}`);
const result = { date: new Date().toISOString(), voters: VOTERS, chromium: chromiumVersion, node: process.version, load: loadavg()[0], rows };
await writeFile(path.join(root, "bench/results/ballot.json"), `${JSON.stringify(result, null, 2)}\n`);
