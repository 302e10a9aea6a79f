import { afterEach, describe, expect, it, vi } from "vitest";
import { checkEnv, dbEnvSchema } from "./env.ts";

describe("environment check", () => {
  afterEach(() => vi.restoreAllMocks());

  it("accepts a valid configuration", () => {
    expect(() => checkEnv(dbEnvSchema, { DATABASE_URL: "postgres://u:p@h/db", NEON_WS_PROXY: "127.0.0.1:5433" }, "t")).not.toThrow();
  });

  it("names the missing or malformed binding, never its value", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    let error: unknown;
    try {
      checkEnv(dbEnvSchema, { DATABASE_URL: "mysql://root:s3cret@h/db" }, "territory");
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ kind: "unavailable" });
    expect((error as Error).message).toContain("DATABASE_URL");
    expect(spy.mock.calls[0][0]).toContain("DATABASE_URL");
    expect(spy.mock.calls[0][0]).not.toContain("s3cret");
  });
});
