/**
 * `npm run drill:restore` (issue #25, ADR 0034): the backup and restore drill on a platform's data —
 * by default the one `npm run dev` keeps under .state/ (its Postgres must be running: start
 * `npm run dev` first) — or DRILL_DATABASE_URL (an owner connection) and DRILL_R2_DIR (a local R2
 * persistence). Dumps Postgres and lists R2, restores both into a fresh database and folder,
 * compares row counts, checksums and objects, runs the archive integrity check on the restored copy,
 * prints the restore time, and exits 1 on any difference. The fresh copies are removed afterwards.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runDrill } from "./lib/restore-drill.ts";

const root = path.resolve(import.meta.dirname, "..");
const devUrl = () => {
  const port = process.env.PG_PORT ?? "54329";
  const secret = path.join(root, ".state", "postgres", "superuser-password");
  const password = existsSync(secret) ? readFileSync(secret, "utf8").trim() : "";
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/communa`;
};
const sourceUrl = process.env.DRILL_DATABASE_URL ?? devUrl();
const r2Dir = process.env.DRILL_R2_DIR ?? path.join(root, ".state", "wrangler");

const work = await mkdtemp(path.join(tmpdir(), "communa-drill-"));
try {
  const r = await runDrill({ sourceUrl, r2Dir: existsSync(r2Dir) ? r2Dir : undefined, workDir: work });
  console.table({
    tables: r.tables,
    lignes: r.rows,
    "objets R2": r.objects,
    "objets d’archive vérifiés": r.archiveObjectsChecked,
    "sauvegarde (s)": r.seconds.dump,
    "restauration (s)": r.seconds.restore,
    "vérification (s)": r.seconds.verify,
    "total (s)": r.seconds.total,
  });
  if (r.differences.length) {
    console.error(`La copie restaurée diffère (${r.differences.length}) :\n${r.differences.map((d) => `- ${d}`).join("\n")}`);
    process.exitCode = 1;
  } else console.log(`Restauration vérifiée en ${r.seconds.total} s : mêmes lignes, mêmes sommes de contrôle, mêmes objets, archives intègres.`);
} finally {
  await rm(work, { recursive: true, force: true });
}
