/**
 * `npm run outbox`: the latest mails of the local platform (sign-in links…), since development
 * sends no real e-mail. Reads the local database — the running one, or the embedded cluster under
 * .state/ started for the occasion — or DATABASE_URL.
 */
import path from "node:path";
import { existsSync, readFileSync } from "node:fs";
import pg from "pg";
import { startPostgres } from "@communa/db/local";
import { root } from "./lib/processes.ts";

const stateDir = path.resolve(process.env.COMMUNA_STATE_DIR ?? path.join(root, ".state"));
const port = Number(process.env.PG_PORT ?? 54329);
const passwordFile = path.join(stateDir, "postgres", "superuser-password");

async function connect(): Promise<{ client: pg.Client; stop: () => Promise<void> }> {
  if (!process.env.DATABASE_URL && existsSync(passwordFile)) {
    // `npm run dev` may be running: use its server rather than start a second one.
    const password = readFileSync(passwordFile, "utf8").trim();
    const client = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/communa` });
    try {
      await client.connect();
      return { client, stop: async () => {} };
    } catch {
      /* not running: start it below */
    }
  }
  const server = await startPostgres({ dataDir: path.join(stateDir, "postgres"), port });
  const url = new URL(server.adminUrl);
  if (server.embedded) url.pathname = "/communa";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return { client, stop: () => server.stop() };
}

const { client, stop } = await connect();
try {
  const { rows } = await client.query(
    "SELECT o.created_at, t.slug, o.recipient, o.subject, o.body FROM outbox o JOIN tenants t ON t.id = o.tenant_id ORDER BY o.created_at DESC LIMIT $1",
    [Number(process.argv[2] ?? 5)],
  );
  if (!rows.length) console.log("Aucun courriel dans la boîte d’envoi.");
  for (const r of rows) {
    console.log(`— ${new Date(r.created_at).toLocaleString("fr-FR")} · ${r.slug} · à ${r.recipient}\n  ${r.subject}\n\n${r.body}`);
  }
} finally {
  await client.end();
  await stop();
}
