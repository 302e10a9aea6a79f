/**
 * `npm run audit:deps` (issue #25, ADR 0034): the production dependency tree's known advisories
 * (`npm audit --omit=dev`, the registry's advisory service) against scripts/audit/accepted-advisories.json,
 * and every production dependency's licence (package-lock.json) against scripts/audit/licences.json.
 * Fails on an advisory not accepted with its reason, on a licence not AGPL-3.0-compatible — and when
 * the advisory service cannot be reached: an audit that was not done is not a green audit. Only
 * COMMUNA_AUDIT_OFFLINE=1 lets that case pass, saying loudly that the audit was NOT done (a machine
 * whose registry mirror refuses the audit endpoint). `.ci/run` runs it as its own step.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { advisoriesOf, advisoryVerdict, licenceFailures, type AcceptedAdvisory, type LicencePolicy } from "./lib/dependency-audit.ts";

const root = path.resolve(import.meta.dirname, "..");
const read = <T>(p: string): T => JSON.parse(readFileSync(path.join(root, p), "utf8")) as T;

let status = 0;

const licences = licenceFailures(read("package-lock.json"), read<LicencePolicy>("scripts/audit/licences.json"));
if (licences.length) {
  console.error(`Licences incompatibles avec l’AGPL-3.0 (${licences.length}) :\n${licences.map((l) => `- ${l}`).join("\n")}`);
  status = 1;
} else console.log("Licences : toutes les dépendances de production ont une licence compatible AGPL-3.0.");

let output = "";
try {
  output = execFileSync("npm", ["audit", "--omit=dev", "--json"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
} catch (err) {
  // npm audit exits 1 when it finds something: its report is still on stdout.
  output = String((err as { stdout?: string }).stdout ?? "");
}
let report: { vulnerabilities?: Record<string, { via?: unknown[] }>; error?: unknown; message?: string; statusCode?: number };
try {
  report = JSON.parse(output);
} catch {
  report = { message: output.slice(0, 200) || "aucune réponse" };
}
if (!report.vulnerabilities) {
  const why = report.message ?? JSON.stringify(report.error ?? report).slice(0, 200);
  if (process.env.COMMUNA_AUDIT_OFFLINE === "1") {
    console.warn(
      `\n⚠ AUDIT DES AVIS DE SÉCURITÉ NON FAIT : le service d’avis du registre est injoignable (${why}). COMMUNA_AUDIT_OFFLINE=1 : étape laissée passer.`,
    );
  } else {
    console.error(`\nAudit des avis de sécurité impossible : le service d’avis du registre est injoignable (${why}).`);
    status = 1;
  }
} else {
  const accepted = read<{ accepted: AcceptedAdvisory[] }>("scripts/audit/accepted-advisories.json").accepted;
  const reported = advisoriesOf(report);
  const { failures, stale } = advisoryVerdict(reported, accepted);
  for (const s of stale) console.warn(`Avis accepté qui n’est plus signalé (à retirer de la liste) : ${s}`);
  if (failures.length) {
    console.error(`Avis de sécurité non acceptés (${failures.length}) :\n${failures.map((f) => `- ${f}`).join("\n")}`);
    status = 1;
  } else console.log(`Avis de sécurité : ${reported.length} signalé(s), tous acceptés avec leur raison.`);
}
process.exit(status);
