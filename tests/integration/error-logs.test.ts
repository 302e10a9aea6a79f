/**
 * Error logs never carry a query's parameters (issue #14, item 11): drizzle's "Failed query: …
 * params: …" held names, e-mail addresses and API-key hashes, and logs leave the tenant boundary.
 * Real failing queries against the real database, logged by core's logger, whose output is read.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { apiKeys } from "@communa/db";
import { log, openDb, type Db } from "@communa/core";
import { createTestTenant, testContext } from "@communa/core/testing";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string; DATABASE_URL: string };

async function caught(fn: (db: Db) => Promise<unknown>): Promise<unknown> {
  const db = openDb(testEnv);
  try {
    await fn(db);
  } catch (err) {
    return err;
  } finally {
    await db.close();
  }
  throw new Error("la requête aurait dû échouer");
}

function logged(error: unknown): string {
  const spy = vi.spyOn(console, "error").mockImplementation(() => {});
  log("error", "erreur de traitement", { requestId: "test", error });
  const line = String(spy.mock.calls[0][0]);
  spy.mockRestore();
  return line;
}

describe("error logs", () => {
  afterEach(() => vi.restoreAllMocks());

  it("a failed write is logged as its statement and SQLSTATE, never with its values", async () => {
    const t = await createTestTenant(testEnv);
    const email = `fuite-${crypto.randomUUID()}@example.org`;
    const hash = crypto.getRandomValues(new Uint8Array(32));
    const err = await caught((db) =>
      db.write(testContext(t), async (tx) => {
        // expires_at is NOT NULL: the insert fails (SQLSTATE 23502) with every value in its parameters.
        await tx.insert(apiKeys).values({
          tenantId: t.id,
          name: email,
          prefix: "secretprefix",
          hash,
          permissions: ["territory:write"],
          createdBy: email,
          expiresAt: null as unknown as Date,
        });
      }),
    );
    expect(String((err as Error).message)).toContain(email); // what drizzle would have printed
    const line = logged(err);
    const entry = JSON.parse(line) as { error: Record<string, unknown> };
    expect(entry.error).toMatchObject({ statement: "insert into api_keys" });
    expect(JSON.stringify(entry.error)).toContain("23502");
    expect(line).not.toContain(email);
    expect(line).not.toContain("secretprefix");
    expect(line).not.toContain(Array.from(hash).join(","));
    expect(line).not.toContain(Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join(""));
    expect(line).not.toMatch(/params/i);
  });

  it("a failed read likewise", async () => {
    const t = await createTestTenant(testEnv);
    const email = `lecture-${crypto.randomUUID()}@example.org`;
    const err = await caught((db) => db.withTenant(t.id, (tx) => tx.execute(sql`select ${email}::text as e, 1 / 0 as boom from tenants`)));
    const line = logged(err);
    expect(line).toContain("22012");
    expect(line).toContain("select … from tenants");
    expect(line).not.toContain(email);
  });
});
