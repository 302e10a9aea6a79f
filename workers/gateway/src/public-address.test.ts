import { describe, expect, it } from "vitest";
import { publicAddress } from "./public-address.ts";

describe("a tenant's public address comes from configuration", () => {
  it("in production: <slug>.<BASE_DOMAIN> over HTTPS, pages under /<slug>/", () => {
    expect(publicAddress({ BASE_DOMAIN: "communa.fr" }, { slug: "liancourt" })).toEqual({
      origin: "https://liancourt.communa.fr",
      baseUrl: "https://liancourt.communa.fr",
      siteUrl: "https://liancourt.communa.fr/liancourt",
    });
  });

  it("locally: the configured origin, tenants by path", () => {
    expect(publicAddress({ BASE_DOMAIN: "communa.localhost", PUBLIC_ORIGIN: "http://127.0.0.1:4321/" }, { slug: "cclvd" })).toEqual({
      origin: "http://127.0.0.1:4321",
      baseUrl: "http://127.0.0.1:4321/t/cclvd",
      siteUrl: "http://127.0.0.1:4321/cclvd",
    });
  });
});
