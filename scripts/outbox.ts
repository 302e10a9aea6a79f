/**
 * `npm run outbox`: the latest mails of the local platform (sign-in links…), since development
 * sends no real e-mail. Reads the local database — the running one, or the embedded cluster under
 * .state/ started for the occasion — or DATABASE_URL.
 */
import path from "node:path";
import pg from "pg";
import { openOwnerDatabase } from "@communa/db/local";
import { root } from "./lib/processes.ts";
import { frenchDateTime } from "@communa/core/time";

const { url, stop } = await openOwnerDatabase({
  stateDir: path.resolve(process.env.COMMUNA_STATE_DIR ?? path.join(root, ".state")),
  port: Number(process.env.PG_PORT ?? 54329),
});
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const { rows } = await client.query(
    "SELECT o.created_at, t.slug, o.recipient, o.subject, o.body FROM outbox o JOIN tenants t ON t.id = o.tenant_id ORDER BY o.created_at DESC LIMIT $1",
    [Number(process.argv[2] ?? 5)],
  );
  if (!rows.length) console.log("Aucun courriel dans la boîte d’envoi.");
  for (const r of rows) {
    console.log(`— ${frenchDateTime(r.created_at)} · ${r.slug} · à ${r.recipient}\n  ${r.subject}\n\n${r.body}`);
  }
} finally {
  await client.end();
  await stop();
}
