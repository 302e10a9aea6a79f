import { describe, expect, it } from "vitest";
import { addressOf } from "./tenant.ts";

describe("tenant address", () => {
  const base = "communa.fr";
  it("reads the slug from the host name", () => {
    expect(addressOf(new URL("https://liancourt.communa.fr/api/territory/communes"), base)).toEqual({
      slug: "liancourt",
      path: "/api/territory/communes",
      via: "host",
    });
  });
  it("reads the slug from the /t/<slug> prefix locally", () => {
    expect(addressOf(new URL("http://127.0.0.1:8787/t/cclvd/api/territory/communes"), base)).toEqual({
      slug: "cclvd",
      path: "/api/territory/communes",
      via: "path",
    });
  });
  it("has no tenant on the bare domain or reserved names", () => {
    expect(addressOf(new URL("https://communa.fr/api/health"), base).slug).toBeNull();
    expect(addressOf(new URL("https://www.communa.fr/"), base).slug).toBeNull();
    expect(addressOf(new URL("https://evil.example/t/"), base).slug).toBeNull();
  });
  it("does not take a look-alike domain for ours", () => {
    expect(addressOf(new URL("https://liancourt.notcommuna.fr/x"), base).slug).toBeNull();
  });
});
