/**
 * `npm run db:migrate`: creates the application role if needed and applies the committed
 * migrations. Target: DATABASE_URL (owner role; production: Neon's owner role, with
 * APP_DATABASE_PASSWORD set to the application role's password), or the local embedded cluster
 * under .state/ (started for the occasion, then stopped).
 * `npm run db:seed` (same file, with --seed): also loads the territory open data; idempotent.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startLocalStack } from "../local/stack.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const seed = process.argv.includes("--seed");

const stack = await startLocalStack({
  stateDir: path.resolve(process.env.COMMUNA_STATE_DIR ?? path.join(root, ".state")),
  pgPort: Number(process.env.PG_PORT ?? 54329),
  seed,
});
await stack.stop();
console.log(seed ? "Migrations appliquées, territoire chargé." : "Migrations appliquées.");
