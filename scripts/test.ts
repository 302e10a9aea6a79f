/**
 * `npm test`: types, deployable bundles, then every test project (Workers inside workerd with real
 * bindings and Postgres, Node-side tests including the `npm run dev` smoke test, browser tests in
 * Debian's Chromium). Extra arguments go to vitest (e.g. `npm test -- --project gateway`).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { bin, root, toolEnv } from "./lib/processes.ts";
import { timingTable, type TimingReport } from "./lib/timing-reporter.ts";

const step = (title: string, cmd: string, args: string[]) => {
  console.log(`\n▶ ${title}`);
  execFileSync(cmd, args, { cwd: root, env: toolEnv, stdio: "inherit" });
};

const report = path.join(root, ".state", "vitest-report.json");
const timing = path.join(root, ".state", "vitest-timing.json");

/**
 * Where the time went, per project (scripts/lib/timing-reporter.ts wrote it during the run), and
 * the errors outside any test: a file whose pool worker failed to start is counted nowhere else.
 */
function timingVerdict(): number {
  if (!existsSync(timing)) return 0;
  const t = JSON.parse(readFileSync(timing, "utf8")) as TimingReport;
  console.log(`\n${timingTable(t)}`);
  if (!t.unhandledErrors.length) return 0;
  console.error(`\n${t.unhandledErrors.length} erreur(s) hors des tests (des fichiers n’ont peut-être pas tourné) :\n${t.unhandledErrors.map((e) => `- ${e}`).join("\n")}`);
  return 1;
}

/**
 * The verdict comes from vitest's JSON report, not its exit code: with a Workers pool project in
 * the run, vitest 5 was seen exiting 0 although a test had failed. Prints the plain closing line
 * CI reads: "Tests: N passed, N failed, N skipped".
 */
function verdict(): number {
  if (!existsSync(report)) {
    console.error("\nAucun rapport de tests : la campagne ne s’est pas exécutée.");
    return 1;
  }
  const r = JSON.parse(readFileSync(report, "utf8")) as {
    success: boolean;
    numPassedTests: number;
    numFailedTests: number;
    numFailedTestSuites: number;
    numPendingTests: number;
    numTodoTests: number;
    numTotalTests: number;
  };
  console.log(`\nTests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  const ok = r.success && r.numFailedTests === 0 && r.numFailedTestSuites === 0 && r.numTotalTests > 0;
  return ok ? 0 : 1;
}

let status = 0;
try {
  step("Vérification des types", process.execPath, ["scripts/typecheck.ts"]);
  step("Bundles des Workers", process.execPath, ["scripts/deploy-check.ts"]);
  rmSync(report, { force: true });
  rmSync(timing, { force: true });
  toolEnv.COMMUNA_TIMING_REPORT = timing;
  try {
    step("Tests", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, `--reporter=${path.join(root, "scripts", "lib", "timing-reporter.ts")}`, ...process.argv.slice(2)]);
  } catch {
    // Judged from the report below.
  }
  const outside = timingVerdict();
  status = verdict() || outside;
} catch (err) {
  status = (err as { status?: number }).status ?? 1;
}
process.exit(status);
