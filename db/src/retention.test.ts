/**
 * The register of personal data (retention.ts) against the database itself: each purge function
 * deletes from the table the register says, after the period it states, and every table with a
 * personal column is in the register (or named as holding nothing about a person, with why).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startLocalStack, type LocalStack } from "./local/stack.ts";
import { NOT_PERSONAL, PERSONAL_COLUMNS, RETENTION_REGISTER } from "./retention.ts";
import { freePort } from "../../tests/setup/database.ts";

let stack: LocalStack;
let dir: string;
let db: pg.Client;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "communa-retention-"));
  stack = await startLocalStack({ stateDir: dir, pgPort: await freePort(), ephemeral: true, seed: false });
  db = new pg.Client({ connectionString: stack.adminUrl });
  await db.connect();
}, 120_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** One statement of a purge function's body: the DELETE that names `table`. */
async function deleteOf(fn: string, table: string): Promise<string | undefined> {
  const { rows } = await db.query<{ def: string }>("SELECT pg_get_functiondef($1::regproc) AS def", [`app.${fn}`]);
  return rows[0].def.split(";").find((s) => new RegExp(`DELETE FROM public\\.${table}\\b`).test(s));
}

describe("register of personal data", () => {
  it.each(RETENTION_REGISTER.filter((e) => e.purgedBy).map((e) => [e.table, e]))(
    "%s: its purge function deletes it after the stated period",
    async (_t, entry) => {
      const statement = await deleteOf(entry.purgedBy!, entry.table);
      expect(statement, `app.${entry.purgedBy}() ne supprime rien de ${entry.table}`).toBeDefined();
      if (entry.interval) expect(statement).toContain(`'${entry.interval}'`);
    },
  );

  it("names every table that has a personal column", async () => {
    const { rows } = await db.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'",
    );
    const personal = [...new Set(rows.filter((r) => PERSONAL_COLUMNS.test(r.column_name)).map((r) => r.table_name))].sort();
    const known = new Set([...RETENTION_REGISTER.map((e) => e.table), ...Object.keys(NOT_PERSONAL)]);
    expect(personal.filter((t) => !known.has(t))).toEqual([]);
    const tables = new Set(rows.map((r) => r.table_name));
    expect(RETENTION_REGISTER.map((e) => e.table).filter((t) => !tables.has(t))).toEqual([]);
  });
});
