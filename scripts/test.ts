/**
 * `npm test`: types, deployable bundles, then every test project (Workers inside workerd with real
 * bindings and Postgres, Node-side tests including the `npm run dev` smoke test, browser tests in
 * Debian's Chromium). Extra arguments go to vitest (e.g. `npm test -- --project gateway`).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { bin, root, toolEnv } from "./lib/processes.ts";

const step = (title: string, cmd: string, args: string[]) => {
  console.log(`\n▶ ${title}`);
  execFileSync(cmd, args, { cwd: root, env: toolEnv, stdio: "inherit" });
};

const report = path.join(root, ".state", "vitest-report.json");

/** The plain closing line CI reads: "Tests: N passed, N failed, N skipped". */
function summary(): void {
  if (!existsSync(report)) return;
  const r = JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  console.log(`\nTests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
}

let status = 0;
try {
  step("Vérification des types", process.execPath, ["scripts/typecheck.ts"]);
  step("Bundles des Workers", process.execPath, ["scripts/deploy-check.ts"]);
  rmSync(report, { force: true });
  step("Tests", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)]);
} catch (err) {
  status = (err as { status?: number }).status ?? 1;
}
summary();
process.exit(status);
