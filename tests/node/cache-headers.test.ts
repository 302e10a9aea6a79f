/**
 * Browser caching in the production host's `_headers` file (site/security-headers.ts, Cloudflare
 * Workers static assets rules, read the way site-server.ts reads them for the browser tests): the
 * hashed build files for a year, immutable; every other address briefly, then revalidated.
 */
import { describe, expect, it } from "vitest";
import { CACHE, headersFile } from "../../site/security-headers.ts";
import { headersOf, parseHeadersFile } from "../browser/site-server.ts";

const rules = parseHeadersFile(headersFile({}));

describe("cache rules of the _headers file", () => {
  it("hashed /_astro/ files: one year, immutable, and only that (no second Cache-Control joined to it)", () => {
    for (const p of ["/_astro/maplibre-gl.D5cISCQU.js", "/_astro/index.astro_astro_type_script_index_0_lang.Cy9QSqzi.js", "/_astro/maplibre-gl.8qRUISz9.css"])
      expect(headersOf(rules, p)["cache-control"], p).toBe("public, max-age=31536000, immutable");
  });

  it("the page policy goes on pages, not on each hashed script or stylesheet (its style hashes would weigh on every request)", () => {
    expect(headersOf(rules, "/_astro/maplibre-gl.D5cISCQU.js")["content-security-policy"]).toBeUndefined();
    expect(headersOf(rules, "/_astro/maplibre-gl.8qRUISz9.css")["content-security-policy"]).toBeUndefined();
    expect(headersOf(rules, "/cclvd/")["content-security-policy"]).toMatch(/^default-src 'self'/);
    expect(headersOf(rules, "/cclvd/carte/")["content-security-policy"]).toMatch(/frame-ancestors \*/);
  });

  it("pages and unhashed files: a short lifetime, revalidated", () => {
    for (const p of ["/", "/cclvd/", "/cclvd/carte/", "/cclvd/sentiers/sw.js", "/embed-mode.js", "/sitemap.xml"]) {
      const cache = headersOf(rules, p)["cache-control"];
      expect(cache, p).toBe(CACHE.other);
      expect(Number(/max-age=(\d+)/.exec(cache)?.[1]), p).toBeLessThanOrEqual(3600);
      expect(cache, p).not.toMatch(/immutable/);
    }
  });

  it("the map portal keeps its own policy and the short cache", () => {
    const h = headersOf(rules, "/cclvd/carte/");
    expect(h["content-security-policy"]).toMatch(/frame-ancestors \*/);
    expect(h["x-frame-options"]).toBeUndefined();
  });
});
