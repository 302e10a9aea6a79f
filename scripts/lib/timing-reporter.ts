/**
 * vitest reporter: where the run's time goes, per project (issue #13). For each test file, vitest's
 * own diagnostic splits its time into start-up (environment and harness: a fresh workerd isolate or
 * Node worker), setup files, import (collecting the file) and the tests with their hooks; this
 * reporter adds them up per project, with the project's wall time (its first file began starting
 * up → its last file ended; the project's globalSetup, before, is not included) and writes them as JSON for `npm test`
 * (scripts/test.ts) to print. Nothing is printed here.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Reporter, SerializedError, TestModule } from "vitest/node";

export interface ProjectTiming {
  project: string;
  files: number;
  tests: number;
  /** Sum over files, in ms. */
  startupMs: number;
  setupMs: number;
  importMs: number;
  testsMs: number;
  /** startup + setup + import + tests: what the files cost, summed (more than wall time when files run in parallel). */
  filesMs: number;
  /** First file started → last file ended, in ms (undefined if no file ran). */
  wallMs?: number;
  /** When the project's first file started, counted from the start of the run, in ms. */
  firstStartMs?: number;
}

export interface TimingReport {
  runMs: number;
  projects: ProjectTiming[];
  /** Errors outside any test (e.g. "Timeout starting cloudflare-pool runner": its files never ran). */
  unhandledErrors: string[];
}

export default class TimingReporter implements Reporter {
  private runStart = performance.now();
  private spans = new Map<string, { first: number; last: number }>();

  private readonly file = process.env.COMMUNA_TIMING_REPORT ?? path.join(process.cwd(), ".state", "vitest-timing.json");

  onTestRunStart() {
    this.runStart = performance.now();
  }

  onTestModuleEnd(m: TestModule) {
    // The file began its start-up (isolate, harness, setup files, import) this long before it ended.
    const d = m.diagnostic();
    const end = performance.now();
    const start = end - (d.environmentSetupDuration + d.prepareDuration + d.setupDuration + d.collectDuration + d.duration);
    const span = this.spans.get(m.project.name) ?? { first: Number.POSITIVE_INFINITY, last: 0 };
    span.first = Math.min(span.first, start);
    span.last = Math.max(span.last, end);
    this.spans.set(m.project.name, span);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>) {
    const byProject = new Map<string, ProjectTiming>();
    for (const m of modules) {
      const name = m.project.name;
      const t = byProject.get(name) ?? { project: name, files: 0, tests: 0, startupMs: 0, setupMs: 0, importMs: 0, testsMs: 0, filesMs: 0 };
      const d = m.diagnostic();
      t.files += 1;
      t.tests += [...m.children.allTests()].length;
      t.startupMs += d.environmentSetupDuration + d.prepareDuration;
      t.setupMs += d.setupDuration;
      t.importMs += d.collectDuration;
      t.testsMs += d.duration;
      t.filesMs += d.environmentSetupDuration + d.prepareDuration + d.setupDuration + d.collectDuration + d.duration;
      const span = this.spans.get(name);
      if (span && span.last > 0) {
        t.wallMs = span.last - span.first;
        t.firstStartMs = span.first - this.runStart;
      }
      byProject.set(name, t);
    }
    const report: TimingReport = {
      runMs: performance.now() - this.runStart,
      projects: [...byProject.values()].sort((a, b) => b.filesMs - a.filesMs),
      unhandledErrors: unhandledErrors.map((e) => String(e.message ?? e)),
    };
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify(report, null, 2));
  }
}

const seconds = (ms: number | undefined) => (ms === undefined ? "—" : (ms / 1000).toFixed(1));

/** The table `npm test` prints after the run (French, like the rest of its output). */
export function timingTable(r: TimingReport): string {
  const head = ["projet", "fichiers", "tests", "démarrage s", "setup s", "import s", "tests s", "Σ fichiers s", "mur s", "début à s"];
  const rows = r.projects.map((p) => [
    p.project,
    String(p.files),
    String(p.tests),
    seconds(p.startupMs),
    seconds(p.setupMs),
    seconds(p.importMs),
    seconds(p.testsMs),
    seconds(p.filesMs),
    seconds(p.wallMs),
    seconds(p.firstStartMs),
  ]);
  const total = r.projects.reduce(
    (s, p) => ({
      files: s.files + p.files,
      tests: s.tests + p.tests,
      startupMs: s.startupMs + p.startupMs,
      setupMs: s.setupMs + p.setupMs,
      importMs: s.importMs + p.importMs,
      testsMs: s.testsMs + p.testsMs,
      filesMs: s.filesMs + p.filesMs,
    }),
    { files: 0, tests: 0, startupMs: 0, setupMs: 0, importMs: 0, testsMs: 0, filesMs: 0 },
  );
  rows.push([
    "total",
    String(total.files),
    String(total.tests),
    seconds(total.startupMs),
    seconds(total.setupMs),
    seconds(total.importMs),
    seconds(total.testsMs),
    seconds(total.filesMs),
    seconds(r.runMs),
    "0.0",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [
    "Temps par projet — démarrage : environnement et harnais dans le processus de test de chaque fichier (le lancement de ce processus, workerd pour les Workers, n’y est pas : il se voit dans l’écart entre Σ fichiers et mur, et dans « début à », qui compte aussi le globalSetup) ; Σ fichiers : somme des fichiers (plus que le mur quand ils tournent en parallèle) ; mur : du premier fichier commencé au dernier fini ; total, colonne mur : durée de la campagne.",
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
  ].join("\n");
}
