/**
 * setupFile for projects that run the gateway: its one-line request logs (asserted by their own
 * test) would bury the test output. Everything else still prints.
 *
 * It also reads every error and warning line written while a file's tests ran, and fails the file
 * if one carries a failed query's parameters (drizzle's "params: …"): logs leave the tenant
 * boundary, the data must not (issue #14, item 11).
 */
import { afterAll, expect } from "vitest";

const printLine: (...args: unknown[]) => void = console.log.bind(console);
console.log = (...args: unknown[]) => {
  if (typeof args[0] === "string" && args[0].includes('"msg":"requête"')) return;
  printLine(...args);
};

const leaks: string[] = [];
for (const level of ["error", "warn"] as const) {
  const print: (...args: unknown[]) => void = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    const text = args.map(String).join(" ");
    if (/Failed query:[\s\S]*params:|\nparams: /.test(text)) leaks.push(text.slice(0, 300));
    print(...args);
  };
}

afterAll(() => {
  expect(leaks, "paramètres de requête SQL dans les journaux").toEqual([]);
});
