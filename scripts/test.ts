/**
 * `npm test`: types, deployable bundles, then every test project (Workers inside workerd with real
 * bindings and Postgres, Node-side tests including the `npm run dev` smoke test, browser tests in
 * Debian's Chromium). Extra arguments go to vitest (e.g. `npm test -- --project gateway`).
 */
import { execFileSync } from "node:child_process";
import { bin, root, toolEnv } from "./lib/processes.ts";

const step = (title: string, cmd: string, args: string[]) => {
  console.log(`\n▶ ${title}`);
  execFileSync(cmd, args, { cwd: root, env: toolEnv, stdio: "inherit" });
};

try {
  step("Vérification des types", process.execPath, ["scripts/typecheck.ts"]);
  step("Bundles des Workers", process.execPath, ["scripts/deploy-check.ts"]);
  step("Tests", bin("vitest"), ["run", ...process.argv.slice(2)]);
} catch (err) {
  process.exit((err as { status?: number }).status ?? 1);
}
