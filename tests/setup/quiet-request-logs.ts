/**
 * setupFile for projects that run the gateway: its one-line request logs (asserted by their own
 * test) would bury the test output. Everything else still prints.
 *
 * It also reads every error and warning line written while a file's tests ran, and fails the file
 * if one carries a failed query's parameters (drizzle's "params: …"): logs leave the tenant
 * boundary, the data must not (issue #14, item 11). And every line the gateway logs (request lines
 * included, printed or not) is read for secrets — the configured ones, credentials by their shape —
 * and personal data (tests/security/log-scan.ts, issue #25): the file that made one logged fails.
 */
import { afterAll, expect } from "vitest";
import { logLeaks, secretValuesOf } from "../security/log-scan.ts";

/** The gateway's log lines: core's logger writes one JSON object per line. */
const logged: string[] = [];
const keep = (args: unknown[]) => {
  if (typeof args[0] === "string" && args[0].startsWith('{"')) logged.push(args[0]);
};

const printLine: (...args: unknown[]) => void = console.log.bind(console);
console.log = (...args: unknown[]) => {
  keep(args);
  if (typeof args[0] === "string" && args[0].includes('"msg":"requête"')) return;
  printLine(...args);
};

const leaks: string[] = [];
for (const level of ["error", "warn"] as const) {
  const print: (...args: unknown[]) => void = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    keep(args);
    const text = args.map(String).join(" ");
    if (/Failed query:[\s\S]*params:|\nparams: /.test(text)) leaks.push(text.slice(0, 300));
    print(...args);
  };
}

/** The Worker's bindings (its configured secrets among them); this file is typechecked as Node code. */
const runtime = "cloudflare:workers";

afterAll(async () => {
  expect(leaks, "paramètres de requête SQL dans les journaux").toEqual([]);
  const { env } = (await import(/* @vite-ignore */ runtime)) as { env: Record<string, unknown> };
  const found = logLeaks(logged, secretValuesOf(env));
  logged.length = 0;
  expect(found, "secrets ou données personnelles dans les journaux").toEqual([]);
});
