import { afterEach, describe, expect, it, vi } from "vitest";
import { log, statementOf } from "./log.ts";

describe("structured logs", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes one JSON line and masks secrets, whatever the caller passes", () => {
    const spy = vi.spyOn(console, "log").mockImplementation(() => {});
    log("info", "requête", {
      tenant: "liancourt",
      password: "hunter2",
      headers: { authorization: "Bearer abc", cookie: "__Host-s=1" },
      url: "postgres://communa_app:s3cret@127.0.0.1:5432/communa",
    });
    expect(spy).toHaveBeenCalledTimes(1);
    const line = spy.mock.calls[0][0] as string;
    expect(line).not.toContain("\n");
    expect(line).not.toMatch(/hunter2|Bearer abc|__Host-s|s3cret/);
    expect(JSON.parse(line)).toMatchObject({ level: "info", msg: "requête", tenant: "liancourt" });
  });
});

describe("errors in logs", () => {
  afterEach(() => vi.restoreAllMocks());

  it("a failed query is its statement and SQLSTATE: no parameters, no server message quoting values", async () => {
    const { DrizzleQueryError } = await import("drizzle-orm/errors");
    const server = Object.assign(new Error('null value in column "expires_at" violates not-null constraint'), {
      code: "23502",
      severity: "ERROR",
      table: "api_keys",
      column: "expires_at",
      detail: "Failing row contains (claude@example.org, \\x0a0b)",
    });
    const err = new DrizzleQueryError('insert into "api_keys" ("name", "hash") values ($1, $2)', ["claude@example.org", "\\x0a0b"], server);
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    log("error", "erreur de traitement", { error: err });
    const line = spy.mock.calls[0][0] as string;
    expect(line).not.toMatch(/claude@example\.org|x0a0b|params|Failing row/);
    expect(JSON.parse(line).error).toMatchObject({ statement: "insert into api_keys", cause: { sqlstate: "23502", table: "api_keys", column: "expires_at" } });
  });

  it("names a statement by its kind and first table", () => {
    expect(statementOf('select "id" from "people" where "email" = $1')).toBe("select … from people");
    expect(statementOf('update "sessions" set "last_seen_at" = now()')).toBe("update sessions");
    expect(statementOf('delete from "magic_links" where true')).toBe("delete from magic_links");
    expect(statementOf("vacuum")).toBe("requête");
  });

  it("a message that quotes a failed query loses the parameters", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    log("error", "x", { error: new Error('Failed query: insert into "people" ("email") values ($1)\nparams: eve@example.org') });
    expect(spy.mock.calls[0][0]).not.toContain("eve@example.org");
    expect(JSON.parse(spy.mock.calls[0][0] as string).error.message).toBe("Failed query: insert into people");
  });
});
