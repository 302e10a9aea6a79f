/**
 * The site's public origin (site/site-url.ts): canonical links, sitemap.xml and robots.txt are
 * written from SITE_URL; a build from a remote API without it stops instead of publishing local
 * addresses, a local build gets the dev server's address.
 */
import { describe, expect, it } from "vitest";
import { LOCAL_SITE, siteUrl } from "../../site/site-url.ts";

describe("siteUrl", () => {
  it("is SITE_URL's origin when set", () => {
    expect(siteUrl({ SITE_URL: "https://communa.fr", COMMUNA_API_ORIGIN: "https://communa.fr" })).toBe("https://communa.fr");
    expect(siteUrl({ SITE_URL: " https://www.communa.fr/ " })).toBe("https://www.communa.fr");
  });

  it("refuses a SITE_URL that is not an http(s) origin", () => {
    for (const bad of ["communa.fr", "ftp://communa.fr", "https://communa.fr/cclvd/", "https://communa.fr/?x=1"])
      expect(() => siteUrl({ SITE_URL: bad }), bad).toThrow(/SITE_URL doit être l’origine publique du site/);
  });

  it("stops a build from a remote API without SITE_URL, saying what to set", () => {
    expect(() => siteUrl({ COMMUNA_API_ORIGIN: "https://api.communa.fr" })).toThrow(
      /SITE_URL n’est pas défini.*https:\/\/api\.communa\.fr.*SITE_URL=https:\/\/communa\.fr/s,
    );
  });

  it("gives a build from this machine's API (dev, tests, benches) the dev server's address", () => {
    for (const api of ["http://127.0.0.1:8787", "http://localhost:8787", "http://[::1]:8787", "http://cclvd.communa.localhost:8787", undefined])
      expect(siteUrl({ COMMUNA_API_ORIGIN: api }), String(api)).toBe(LOCAL_SITE);
  });
});
