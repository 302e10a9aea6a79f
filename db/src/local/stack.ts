/**
 * The local database stack in one call: Postgres (embedded, or DATABASE_URL), the database
 * migrated (and seeded), and the relay that lets Workers reach it as they reach Neon.
 */
import path from "node:path";
import { randomBytes } from "node:crypto";
import { startPostgres, localSecret } from "./postgres.ts";
import { startRelay } from "./relay.ts";
import { prepareDatabase, dropDatabase, withDatabase } from "../admin/prepare.ts";

export interface LocalStack {
  /** Owner connection to the prepared database. */
  adminUrl: string;
  /** Application-role connection (what Workers use). */
  appUrl: string;
  /** `host:port` of the relay, for the Workers' NEON_WS_PROXY setting. */
  relayAddress: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export interface LocalStackOptions {
  /** Folder for the embedded cluster and local secrets. */
  stateDir: string;
  pgPort: number;
  relayPort?: number;
  seed?: boolean;
  /** A throw-away database (tests): a unique name, dropped by stop(). */
  ephemeral?: boolean;
  /** A prepared database of the same server to copy instead of migrating and seeding (see prepareDatabase). */
  template?: string;
  verbose?: boolean;
}

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const server = await startPostgres({ dataDir: path.join(opts.stateDir, "postgres"), port: opts.pgPort, verbose: opts.verbose });
  try {
    const database = opts.ephemeral
      ? `communa_test_${randomBytes(4).toString("hex")}`
      : server.embedded
        ? "communa"
        : decodeURIComponent(new URL(server.adminUrl).pathname.slice(1)) || "communa";
    const appPassword = process.env.APP_DATABASE_PASSWORD ?? (await localSecret(path.join(opts.stateDir, "secrets", "app-db-password")));
    const prepared = await prepareDatabase({ adminUrl: server.adminUrl, database, appPassword, seed: opts.seed ?? true, template: opts.template });
    const relay = await startRelay({ port: opts.relayPort, allow: [`${server.host}:${server.port}`] });
    return {
      adminUrl: prepared.adminUrl,
      appUrl: prepared.appUrl,
      relayAddress: `127.0.0.1:${relay.port}`,
      embedded: server.embedded,
      stop: async () => {
        await relay.close();
        if (opts.ephemeral) await dropDatabase(withDatabase(server.adminUrl, "postgres"), database).catch(() => {});
        await server.stop();
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
