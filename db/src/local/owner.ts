/**
 * An owner-role connection to the platform's database for operators' commands: DATABASE_URL when
 * set (production: Neon's owner role), else the local embedded cluster under the state folder —
 * the one `npm run dev` is running, or started for the occasion and stopped afterwards.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startPostgres } from "./postgres.ts";

export async function openOwnerDatabase({
  stateDir,
  port,
  databaseUrl = process.env.DATABASE_URL,
}: {
  stateDir: string;
  port: number;
  databaseUrl?: string;
}): Promise<{ url: string; stop: () => Promise<void> }> {
  if (databaseUrl) return { url: databaseUrl, stop: async () => {} };
  const passwordFile = path.join(stateDir, "postgres", "superuser-password");
  if (existsSync(passwordFile)) {
    const password = readFileSync(passwordFile, "utf8").trim();
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/communa`;
    const probe = new pg.Client({ connectionString: url });
    try {
      await probe.connect();
      await probe.end();
      return { url, stop: async () => {} };
    } catch {
      await probe.end().catch(() => {});
      /* not running: start it below */
    }
  }
  const server = await startPostgres({ dataDir: path.join(stateDir, "postgres"), port });
  const url = new URL(server.adminUrl);
  if (server.embedded) url.pathname = "/communa";
  return { url: url.toString(), stop: () => server.stop() };
}
