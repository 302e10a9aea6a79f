/**
 * The security-header judges (tests/security/headers-check.ts) on broken fixtures: each fails what
 * it is there to catch. They run on every built page (tests/browser/built-pages.test.ts) and on every
 * answer of the gateway's fuzz walk (tests/integration/role-route-matrix.test.ts).
 */
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, headersFor, inlineStyleAttributes, inlineStyleHashes } from "../../site/security-headers.ts";
import { SECURITY_TXT, securityTxt } from "../../site/security-txt.ts";
import { commonHeaderProblems, cookieProblems, cspProblems, hstsProblems, pageProblems, securityTxtProblems } from "../security/headers-check.ts";

const lower = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

describe("security header judges", () => {
  it("the site's built policy and headers pass: its own style blocks by hash, nothing inline otherwise (ADR 0018)", () => {
    const hashes = ["sha256-p0bF+un5yUb9MBO6xRb8kPHlY2BdpHVtLiFkDrZPF64="];
    expect(contentSecurityPolicy({ styleHashes: hashes })).toContain("style-src 'self' 'sha256-p0bF+un5yUb9MBO6xRb8kPHlY2BdpHVtLiFkDrZPF64='; ");
    expect(cspProblems(contentSecurityPolicy({ styleHashes: hashes }))).toEqual([]);
    expect(commonHeaderProblems(lower(headersFor("/cclvd/", {}, hashes)))).toEqual([]);
    // The development server's (Vite injects each module's CSS as a <style>): the judge says so.
    expect(cspProblems(contentSecurityPolicy())).toEqual(["style-src permet 'unsafe-inline'"]);
  });

  it("a page's style blocks hash as CSP Level 2 says (the digest of the block's text, base64: openssl's), style attributes are found", () => {
    expect(inlineStyleHashes("<head><style>p{color:red}</style><STYLE media=print>p{color:red}</STYLE></head>")).toEqual([
      "sha256-p0bF+un5yUb9MBO6xRb8kPHlY2BdpHVtLiFkDrZPF64=",
      "sha256-p0bF+un5yUb9MBO6xRb8kPHlY2BdpHVtLiFkDrZPF64=",
    ]);
    expect(inlineStyleAttributes('<p style="color:red">x</p><p data-x="a style=b">y</p><svg><rect STYLE=fill:red /></svg>')).toEqual([
      '<p style="color:red">',
      "<rect STYLE=fill:red />",
    ]);
    expect(pageProblems('<p style="color:red">x</p>')).toEqual(['attribut style : <p style="color:red">']);
  });

  it("a CSP allowing inline or eval'd scripts, or missing its guards, fails", () => {
    expect(cspProblems("default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")).toEqual([
      "script-src permet 'unsafe-inline'",
    ]);
    expect(cspProblems("script-src 'self' 'unsafe-eval' data:")).toEqual([
      "script-src permet 'unsafe-eval'",
      "script-src permet data:",
      "object-src n’est pas 'none'",
      "pas de base-uri",
      "pas de frame-ancestors",
    ]);
    expect(cspProblems("default-src 'none', script-src *")).toEqual(["plusieurs politiques jointes par une virgule"]);
    expect(cspProblems(null)).toEqual(["pas de Content-Security-Policy"]);
  });

  it("HSTS too short or without subdomains fails; missing nosniff or a leaky referrer policy fails", () => {
    expect(hstsProblems("max-age=86400")).toEqual(["HSTS max-age 86400 < 1 an", "HSTS sans includeSubDomains"]);
    expect(hstsProblems(undefined)).toEqual(["pas de Strict-Transport-Security"]);
    expect(commonHeaderProblems({ "strict-transport-security": "max-age=63072000; includeSubDomains", "referrer-policy": "unsafe-url" })).toEqual([
      "pas de X-Content-Type-Options: nosniff",
      "Referrer-Policy « unsafe-url »",
    ]);
  });

  it("cookies: Secure, HttpOnly, SameSite, and the __Host- prefix's rules", () => {
    expect(cookieProblems("__Host-communa_session=abc; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=60")).toEqual([]);
    expect(cookieProblems("sid=abc; Path=/; SameSite=None")).toEqual(["sid : sans Secure", "sid : sans HttpOnly", "sid : sans SameSite=Lax ou Strict"]);
    expect(cookieProblems("__Host-x=1; Path=/app; Domain=exemple.fr; Secure; HttpOnly; SameSite=Strict")).toEqual([
      "__Host-x : préfixe __Host- sans Path=/ ou avec Domain",
    ]);
  });

  it("a page with an inline script, a handler or a javascript: link fails", () => {
    expect(pageProblems('<script src="/_astro/a.js"></script><script type="application/ld+json">{}</script><p>onclick=1</p>')).toEqual([]);
    expect(pageProblems("<script>alert(1)</script>")).toHaveLength(1);
    expect(pageProblems('<img src="x" onerror="alert(1)">')).toHaveLength(1);
    expect(pageProblems('<a href="javascript:alert(1)">x</a>')).toHaveLength(1);
  });

  it("security.txt: the configured file passes; no contact, two Expires, a bad or too distant date fail", () => {
    const reviewed = new Date(SECURITY_TXT.reviewed);
    expect(securityTxtProblems(securityTxt({}), reviewed)).toEqual([]);
    expect(securityTxtProblems("Expires: 2027-01-01T00:00:00Z\n", reviewed)).toEqual(["pas de Contact"]);
    expect(securityTxtProblems("Contact: securite\nExpires: 2027-01-01T00:00:00Z\nExpires: 2027-02-01T00:00:00Z\n", reviewed)).toEqual([
      "Contact « securite » n’est pas une URI mailto:, https: ou tel:",
      "2 champs Expires au lieu d’un",
    ]);
    expect(securityTxtProblems("Contact: mailto:a@b.fr\nExpires: 1 décembre 2027\n", reviewed)).toEqual([
      "Expires « 1 décembre 2027 » n’est pas une date RFC 3339",
    ]);
    expect(securityTxtProblems("Contact: mailto:a@b.fr\nExpires: 2026-01-01T00:00:00Z\n", reviewed)[0]).toMatch(/n’est pas après la revue/);
    expect(securityTxtProblems("Contact: mailto:a@b.fr\nExpires: 2029-01-01T00:00:00Z\n", reviewed)[0]).toMatch(/plus d’un an après/);
    expect(securityTxtProblems(securityTxt({ SECURITY_TXT_EXPIRES: "2030-01-01T00:00:00Z" }), reviewed)).toHaveLength(1);
  });
});
