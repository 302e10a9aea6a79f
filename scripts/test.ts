/**
 * `npm test`: types, deployable bundles, then every test project (Workers inside workerd with real
 * bindings and Postgres, Node-side tests including the `npm run dev` smoke test, browser tests in
 * Debian's Chromium). Extra arguments go to vitest (e.g. `npm test -- --project gateway`).
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { dropDatabase, prepareDatabase, startPostgres, withDatabase } from "@communa/db/local";
import { freePort } from "../tests/setup/database.ts";
import { bin, root, toolEnv } from "./lib/processes.ts";
import { timingTable, type TimingReport } from "./lib/timing-reporter.ts";

/**
 * Steps that do not depend on each other, side by side (each is mostly one process on one core;
 * CI has two): each one's output is printed whole when it ends, in order, and any failure fails.
 */
async function parallelSteps(steps: Array<{ title: string; args: string[] }>): Promise<void> {
  const results = await Promise.all(
    steps.map(
      ({ title, args }) =>
        new Promise<{ title: string; out: string; code: number | null; seconds: number }>((resolve) => {
          const started = Date.now();
          const child = spawn(process.execPath, args, { cwd: root, env: toolEnv, stdio: ["ignore", "pipe", "pipe"] });
          let out = "";
          child.stdout.on("data", (d) => (out += d));
          child.stderr.on("data", (d) => (out += d));
          child.once("close", (code) => resolve({ title, out, code, seconds: (Date.now() - started) / 1000 }));
        }),
    ),
  );
  for (const r of results) console.log(`\n▶ ${r.title} (${r.seconds.toFixed(0)} s)\n${r.out.trimEnd()}`);
  const failed = results.filter((r) => r.code !== 0);
  if (failed.length) throw Object.assign(new Error(`échec : ${failed.map((r) => r.title).join(", ")}`), { status: 1 });
}

/** How long vitest may take to exit once both its reports are written (teardowns of the setups). */
const EXIT_GRACE_MS = 180_000;

/**
 * vitest, judged afterwards from its reports (below). Once both are written the run is over: if the
 * process is still there EXIT_GRACE_MS later (a setup's teardown waiting on a connection that
 * never closes was seen once), it is stopped and that is said, rather than CI waiting for its limit.
 */
function runVitest(args: string[]): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(bin("vitest"), args, { cwd: root, env: toolEnv, stdio: "inherit" });
    let grace: NodeJS.Timeout | undefined;
    const watch = setInterval(() => {
      if (grace || !existsSync(report) || !existsSync(timing)) return;
      grace = setTimeout(() => {
        console.error(`\nvitest ne s’est pas arrêté ${EXIT_GRACE_MS / 1000} s après ses rapports : arrêté (le verdict vient des rapports).`);
        child.kill("SIGTERM");
      }, EXIT_GRACE_MS);
    }, 1000);
    child.once("exit", () => {
      clearInterval(watch);
      clearTimeout(grace);
      resolve();
    });
  });
}

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
  console.error(
    `\n${t.unhandledErrors.length} erreur(s) hors des tests (des fichiers n’ont peut-être pas tourné) :\n${t.unhandledErrors.map((e) => `- ${e}`).join("\n")}`,
  );
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

/**
 * One PostgreSQL for the whole run (the embedded one, or DATABASE_URL's) and one database migrated
 * and seeded there as a template: each test project's database is a copy of it (tests/setup/
 * database.ts), made in a second, where each project used to start its own server, run every
 * migration and load the territory seed.
 */
async function testDatabaseServer(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), "communa-test-pg-"));
  const server = await startPostgres({ dataDir: path.join(dir, "postgres"), port: await freePort() });
  const template = `communa_test_template_${randomBytes(4).toString("hex")}`;
  const appPassword = process.env.APP_DATABASE_PASSWORD ?? randomBytes(24).toString("base64url");
  try {
    await prepareDatabase({ adminUrl: server.adminUrl, database: template, appPassword, seed: true });
  } catch (err) {
    await server.stop();
    throw err;
  }
  // The projects' setups (in vitest's process) find the server, the template and the application
  // role's password (one role for the server: every project must give it the same) here.
  toolEnv.DATABASE_URL = server.adminUrl;
  toolEnv.COMMUNA_TEST_TEMPLATE = template;
  toolEnv.APP_DATABASE_PASSWORD = appPassword;
  return async () => {
    await dropDatabase(withDatabase(server.adminUrl, "postgres"), template).catch(() => {});
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

let status = 0;
let stopDatabase: (() => Promise<void>) | undefined;
try {
  await parallelSteps([
    { title: "Vérification des types", args: ["scripts/typecheck.ts"] },
    { title: "Bundles des Workers", args: ["scripts/deploy-check.ts"] },
    { title: "Format et règles du code (Biome)", args: ["node_modules/@biomejs/biome/bin/biome", "ci", ".", "--colors=off", "--diagnostic-level=error"] },
  ]);
  const dbStarted = Date.now();
  stopDatabase = await testDatabaseServer();
  console.log(`\n▶ Base de données des tests : un serveur, un modèle migré et chargé (${((Date.now() - dbStarted) / 1000).toFixed(0)} s)`);
  rmSync(report, { force: true });
  rmSync(timing, { force: true });
  toolEnv.COMMUNA_TIMING_REPORT = timing;
  console.log("\n▶ Tests");
  await runVitest([
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    `--reporter=${path.join(root, "scripts", "lib", "timing-reporter.ts")}`,
    ...process.argv.slice(2),
  ]);
  const outside = timingVerdict();
  status = verdict() || outside;
} catch (err) {
  if ((err as { status?: number }).status === undefined) console.error(err);
  status = (err as { status?: number }).status ?? 1;
}
await stopDatabase?.().catch((err) => console.error(err));
process.exit(status);
