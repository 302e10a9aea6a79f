/**
 * `npm test`: types, deployable bundles, format, and every test project (Workers inside workerd
 * with real bindings and Postgres, Node-side tests including the `npm run dev` smoke test, browser
 * tests in Debian's Chromium). Extra arguments go to vitest (e.g. `npm test -- --project gateway`).
 */
import { spawn } from "node:child_process";
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
 * Steps that do not depend on each other (each is mostly one process on one core): side by side,
 * or one after the other when they share a lane with tests. Each one's output is printed whole
 * when it ends, in order, and any failure fails.
 */
async function checkSteps(steps: Array<{ title: string; args: string[] }>, together: boolean): Promise<void> {
  const run = ({ title, args }: { title: string; args: string[] }) =>
    new Promise<{ title: string; out: string; code: number | null; seconds: number }>((resolve) => {
      const started = Date.now();
      const child = spawn(process.execPath, args, { cwd: root, env: toolEnv, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      child.once("close", (code) => resolve({ title, out, code, seconds: (Date.now() - started) / 1000 }));
    });
  const results = [];
  if (together) results.push(...(await Promise.all(steps.map(run))));
  else for (const step of steps) results.push(await run(step));
  for (const r of results) console.log(`\n▶ ${r.title} (${r.seconds.toFixed(0)} s)\n${r.out.trimEnd()}`);
  const failed = results.filter((r) => r.code !== 0);
  if (failed.length) throw Object.assign(new Error(`échec : ${failed.map((r) => r.title).join(", ")}`), { status: 1 });
}

/** Types, deployable bundles, format and lint rules. */
const checks = [
  { title: "Vérification des types", args: ["scripts/typecheck.ts"] },
  { title: "Bundles des Workers", args: ["scripts/deploy-check.ts"] },
  { title: "Format et règles du code (Biome)", args: ["node_modules/@biomejs/biome/bin/biome", "ci", ".", "--colors=off", "--diagnostic-level=error"] },
];

/** How long vitest may take to exit once both its reports are written (teardowns of the setups). */
const EXIT_GRACE_MS = 180_000;

/** One vitest campaign and the two reports it writes (its verdict, its time per project). */
interface Campaign {
  title: string;
  args: string[];
  report: string;
  timing: string;
}

const stateDir = path.join(root, ".state");

function campaign(title: string, key: string, args: string[]): Campaign {
  return { title, args, report: path.join(stateDir, `vitest-report-${key}.json`), timing: path.join(stateDir, `vitest-timing-${key}.json`) };
}

/**
 * vitest, judged afterwards from its reports (below). Once both are written the run is over: if the
 * process is still there EXIT_GRACE_MS later (a setup's teardown waiting on a connection that
 * never closes was seen once), it is stopped and that is said, rather than CI waiting for its limit.
 */
function runVitest(c: Campaign): Promise<void> {
  rmSync(c.report, { force: true });
  rmSync(c.timing, { force: true });
  const args = [
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${c.report}`,
    `--reporter=${path.join(root, "scripts", "lib", "timing-reporter.ts")}`,
    ...c.args,
  ];
  return new Promise((resolve) => {
    const child = spawn(bin("vitest"), args, { cwd: root, env: { ...toolEnv, COMMUNA_TIMING_REPORT: c.timing }, stdio: "inherit" });
    let grace: NodeJS.Timeout | undefined;
    const watch = setInterval(() => {
      if (grace || !existsSync(c.report) || !existsSync(c.timing)) return;
      grace = setTimeout(() => {
        console.error(`\nvitest (${c.title}) ne s’est pas arrêté ${EXIT_GRACE_MS / 1000} s après ses rapports : arrêté (le verdict vient des rapports).`);
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

/**
 * Where the time went, per project (scripts/lib/timing-reporter.ts wrote it during the run), and
 * the errors outside any test: a file whose pool worker failed to start is counted nowhere else.
 */
function timingVerdict(c: Campaign): number {
  if (!existsSync(c.timing)) return 0;
  const t = JSON.parse(readFileSync(c.timing, "utf8")) as TimingReport;
  console.log(`\n${c.title}\n${timingTable(t)}`);
  if (!t.unhandledErrors.length) return 0;
  console.error(
    `\n${t.unhandledErrors.length} erreur(s) hors des tests (des fichiers n’ont peut-être pas tourné) :\n${t.unhandledErrors.map((e) => `- ${e}`).join("\n")}`,
  );
  return 1;
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  ok: boolean;
}

/**
 * The verdict comes from vitest's JSON report, not its exit code: with a Workers pool project in
 * the run, vitest 5 was seen exiting 0 although a test had failed. A campaign without its report
 * did not run, and fails.
 */
function counts(c: Campaign): Counts {
  if (!existsSync(c.report)) {
    console.error(`\nAucun rapport de tests pour « ${c.title} » : la campagne ne s’est pas exécutée.`);
    return { passed: 0, failed: 0, skipped: 0, ok: false };
  }
  const r = JSON.parse(readFileSync(c.report, "utf8")) as {
    success: boolean;
    numPassedTests: number;
    numFailedTests: number;
    numFailedTestSuites: number;
    numPendingTests: number;
    numTodoTests: number;
    numTotalTests: number;
  };
  const ok = r.success && r.numFailedTests === 0 && r.numFailedTestSuites === 0 && r.numTotalTests > 0;
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests, ok };
}

/**
 * The campaigns of `npm test` (ADR 0038). vitest runs a project whose files may not run in parallel
 * (the browser one: one platform, one Chromium at a time) only after every other project, and on
 * 2 cores it runs one file at a time: the browser files, ~60 % of the time, came after the rest.
 * Two lanes side by side instead: the browser project (after the `npm run dev` smoke test, which
 * needs the checkout's platform lock the browser project holds for its whole run), and every other
 * project. Extra arguments (`npm test -- --project map`) make one campaign of them, as before.
 */
function lanes(extra: string[]): Campaign[][] {
  if (extra.length) return [[campaign("Tests", "all", extra)]];
  const smoke = "tests/node/dev-smoke.test.ts";
  return [
    [campaign("Tests : npm run dev", "dev", ["--project", "node", smoke]), campaign("Tests : navigateur", "browser", ["--project", "browser"])],
    [campaign("Tests : Workers et Node", "rest", ["--project", "!browser", "--exclude", smoke])],
  ];
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
  const extra = process.argv.slice(2);
  // A targeted run checks first, all at once. The whole run checks in the shorter lane (the one
  // without the browser project, ~60 % of the other), one check after another: the checks then
  // cost no wall time, where before the tests they added ~70 s on 2 cores.
  if (extra.length) await checkSteps(checks, true);
  const dbStarted = Date.now();
  stopDatabase = await testDatabaseServer();
  console.log(`\n▶ Base de données des tests : un serveur, un modèle migré et chargé (${((Date.now() - dbStarted) / 1000).toFixed(0)} s)`);
  console.log("\n▶ Tests");
  const plan = lanes(extra);
  const started = Date.now();
  let checksFailed = false;
  await Promise.all(
    plan.map(async (lane, i) => {
      if (!extra.length && i === plan.length - 1)
        await checkSteps(checks, false).catch((err: Error) => {
          checksFailed = true;
          console.error(`\n${err.message}`);
        });
      for (const c of lane) await runVitest(c);
    }),
  );
  const all = plan.flat();
  const outside = all.map(timingVerdict).some((s) => s !== 0);
  const each = all.map(counts);
  const sum = (k: "passed" | "failed" | "skipped") => each.reduce((n, c) => n + c[k], 0);
  console.log(`\nDurée des tests : ${((Date.now() - started) / 1000).toFixed(0)} s (${plan.length} voie(s) côte à côte)`);
  console.log(`\nTests: ${sum("passed")} passed, ${sum("failed")} failed, ${sum("skipped")} skipped`);
  status = each.every((c) => c.ok) && !outside && !checksFailed ? 0 : 1;
} catch (err) {
  if ((err as { status?: number }).status === undefined) console.error(err);
  status = (err as { status?: number }).status ?? 1;
}
await stopDatabase?.().catch((err) => console.error(err));
process.exit(status);
