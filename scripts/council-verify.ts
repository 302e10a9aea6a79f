/**
 * `npm run council:verify -- <ballot-box.json>`: universal verifiability of a sealed secret ballot
 * (ADR 0036). Recomputes everything the exported ballot box claims — the election key from the
 * trustees' proven shares, every ballot's proofs, the canonical order, ballots against the number
 * of voters, the homomorphic sum, the trustees' partial decryptions and the result — and exits 1 on
 * any discrepancy (a changed, dropped, added or copied ballot; a false result).
 */
import { readFileSync } from "node:fs";
import { verifyBallotBox, type BallotBox } from "@communa/contracts/ballot-crypto";

export function verifyFile(file: string): { ok: boolean; lines: string[] } {
  const box = JSON.parse(readFileSync(file, "utf8")) as BallotBox;
  const check = verifyBallotBox(box);
  const lines = [`Scrutin ${box.election} : ${box.ballots.length} bulletins, ${box.voters} votants, ${box.trustees.length} garants.`];
  if (check.counts) lines.push(`Résultat recalculé : ${box.options.map((o) => `${o} ${check.counts![o]}`).join(", ")}.`);
  lines.push(...check.problems.map((p) => `ÉCART ${p}`));
  lines.push(check.ok ? "Urne vérifiée : le résultat proclamé est celui des bulletins publiés." : "Urne NON vérifiée.");
  return { ok: check.ok, lines };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error("Usage : npm run council:verify -- <urne.json>");
    process.exit(2);
  }
  const { ok, lines } = verifyFile(file);
  for (const l of lines) console.log(l);
  process.exit(ok ? 0 : 1);
}
