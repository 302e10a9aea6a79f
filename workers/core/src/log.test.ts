import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "./log.ts";

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
