/**
 * The dependency audit's judges (issue #25), pure so that each can be shown to fail on a fixture
 * (tests/node/dependency-audit.test.ts): known advisories in the production dependency tree against
 * the accepted list, and every production dependency's licence against the AGPL-compatible list.
 * `scripts/audit-deps.ts` feeds them `npm audit --omit=dev --json` and package-lock.json.
 */

export interface AcceptedAdvisory {
  /** GHSA id (GHSA-xxxx-xxxx-xxxx) or the advisory's URL. */
  advisory: string;
  package: string;
  reason: string;
}

/** One advisory as `npm audit --json` reports it (a `via` entry that is an object). */
export interface ReportedAdvisory {
  package: string;
  id: string;
  url: string;
  title: string;
  severity: string;
}

/** The advisories of an `npm audit --json` report (format 2: `vulnerabilities.<name>.via[]`). */
export function advisoriesOf(report: { vulnerabilities?: Record<string, { via?: unknown[] }> }): ReportedAdvisory[] {
  const out = new Map<string, ReportedAdvisory>();
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    for (const via of v.via ?? []) {
      if (typeof via !== "object" || via === null) continue; // a name: the advisory is listed under that package
      const a = via as { source?: number; url?: string; title?: string; severity?: string; name?: string };
      const url = a.url ?? "";
      const id = /GHSA-[\w-]+/.exec(url)?.[0] ?? String(a.source ?? url);
      out.set(`${a.name ?? name} ${id}`, { package: a.name ?? name, id, url, title: a.title ?? "", severity: a.severity ?? "" });
    }
  }
  return [...out.values()];
}

/** Advisories reported and not accepted (fail the audit), and accepted ones no longer reported (stale). */
export function advisoryVerdict(reported: ReportedAdvisory[], accepted: AcceptedAdvisory[]): { failures: string[]; stale: string[] } {
  const matches = (r: ReportedAdvisory, a: AcceptedAdvisory) => a.package === r.package && (a.advisory === r.id || a.advisory === r.url);
  const failures = reported
    .filter((r) => !accepted.some((a) => matches(r, a) && a.reason.trim().length >= 10))
    .map((r) => `${r.package} : ${r.id} (${r.severity}) ${r.title} ${r.url}`.trim());
  const stale = accepted.filter((a) => !reported.some((r) => matches(r, a))).map((a) => `${a.package} : ${a.advisory}`);
  return { failures, stale };
}

export interface LockPackage {
  version?: string;
  license?: unknown;
  dev?: boolean;
  link?: boolean;
}

export interface LicencePolicy {
  compatible: string[];
  corrections: Array<{ package: string; version: string; licence: string; reason: string }>;
}

/** A package's name from its lockfile key (`node_modules/a/node_modules/@b/c` → `@b/c`). */
const nameOf = (key: string) => key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);

/**
 * Whether an SPDX expression is acceptable: `A OR B` needs one side, `A AND B` both; `WITH` exceptions
 * are read as their licence; parentheses are flattened (npm's expressions are shallow).
 */
export function spdxAccepted(expression: string, compatible: readonly string[]): boolean {
  const e = expression
    .replace(/[()]/g, " ")
    .replace(/\s+WITH\s+\S+/g, "")
    .trim();
  return e.split(/\s+OR\s+/).some((alt) => alt.split(/\s+AND\s+/).every((l) => compatible.includes(l.trim())));
}

/** Every production package (not `dev`, not a workspace link or the workspaces themselves) whose licence is not acceptable. */
export function licenceFailures(lock: { packages: Record<string, LockPackage> }, policy: LicencePolicy): string[] {
  const failures: string[] = [];
  for (const [key, p] of Object.entries(lock.packages)) {
    if (!key.includes("node_modules/") || p.dev || p.link) continue;
    const name = nameOf(key);
    const fix = policy.corrections.find((c) => c.package === name && c.version === p.version);
    const licence = fix?.licence ?? (typeof p.license === "string" ? p.license : undefined);
    if (!licence) failures.push(`${name}@${p.version} : aucune licence déclarée`);
    else if (!spdxAccepted(licence, policy.compatible)) failures.push(`${name}@${p.version} : ${licence} n’est pas dans la liste compatible AGPL-3.0`);
  }
  return failures;
}
