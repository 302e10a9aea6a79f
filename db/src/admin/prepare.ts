/**
 * Brings a database to the current schema: the application role, the database, migrations, and
 * (optionally) the territory seed. Used by `npm run dev`, `npm run db:migrate`, the test setup
 * and production deploys alike. Runs as the owner role (Node side, `pg`).
 */
import pg from "pg";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { fileURLToPath } from "node:url";
import { seedTerritory } from "../seed/seed.ts";

export const APP_ROLE = "communa_app";
const migrationsFolder = fileURLToPath(new URL("../../migrations", import.meta.url));

export interface PrepareOptions {
  /** Owner connection to any database of the server (e.g. `postgres`). */
  adminUrl: string;
  /** Database to create if missing and migrate. */
  database: string;
  /** Password to give the application role (created if missing, password reset otherwise). */
  appPassword: string;
  seed?: boolean;
  /**
   * A database already migrated and seeded on the same server to copy (`CREATE DATABASE … TEMPLATE`,
   * a file copy): the test run prepares one and each test project gets its copy in a second, instead
   * of running every migration and the seed again. Nobody may be connected to it.
   */
  template?: string;
}

export interface PreparedDatabase {
  /** Owner connection to the prepared database. */
  adminUrl: string;
  /** Application-role connection to the prepared database (subject to RLS). */
  appUrl: string;
  seeded: { tenants: number; communes: number } | null;
}

export async function prepareDatabase(opts: PrepareOptions): Promise<PreparedDatabase> {
  for (const name of [opts.database, opts.template ?? "x"]) if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Nom de base invalide : ${name}`);
  const server = new pg.Client({ connectionString: opts.adminUrl });
  await server.connect();
  try {
    await ensureRole(server, opts.appPassword);
    const exists = await server.query("SELECT 1 FROM pg_database WHERE datname = $1", [opts.database]);
    if (exists.rowCount === 0) await server.query(`CREATE DATABASE ${opts.database}${opts.template ? ` TEMPLATE ${opts.template}` : ""}`);
  } finally {
    await server.end();
  }
  const adminUrl = withDatabase(opts.adminUrl, opts.database);
  const pool = new pg.Pool({ connectionString: adminUrl, max: 2 });
  try {
    await pool.query(`GRANT CONNECT ON DATABASE ${opts.database} TO ${APP_ROLE}`);
    await migrate(drizzle(pool), { migrationsFolder });
    // A copy of a prepared template holds the seed already (the migrations above find nothing to do).
    const seeded = opts.seed && !opts.template ? await seedTerritory(pool) : null;
    const app = new URL(adminUrl);
    app.username = APP_ROLE;
    app.password = opts.appPassword;
    return { adminUrl, appUrl: app.toString(), seeded };
  } finally {
    await pool.end();
  }
}

async function ensureRole(client: pg.Client, password: string): Promise<void> {
  const found = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [APP_ROLE]);
  // Role passwords cannot be bound as parameters: quote them as a literal.
  const literal = client.escapeLiteral(password);
  if (found.rowCount === 0) {
    await client.query(`CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD ${literal}`);
  } else {
    await client.query(`ALTER ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD ${literal}`);
  }
}

/** The same connection string pointed at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Drops a database (tests clean up after themselves). */
export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
