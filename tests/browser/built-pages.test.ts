/**
 * Every page of the built site, with the headers production sends it (the build's `_headers` file,
 * read as the host reads it): a CSP whose scripts come from files only, HSTS, nosniff, a referrer
 * policy, framing refused (the map portal aside); no inline script, handler or javascript: link in
 * the HTML; and `/.well-known/security.txt` (RFC 9116). Files only, no browser: this project is where
 * the site is built (site-server.ts); security-headers.test.ts checks the policy in Chromium.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { root } from "../setup/bundle.ts";
import { headersOf, parseHeadersFile } from "./site-server.ts";
import { EMBEDDABLE, inlineStyleHashes } from "../../site/security-headers.ts";
import { SECURITY_TXT } from "../../site/security-txt.ts";
import { commonHeaderProblems, cspProblems, pageProblems, securityTxtProblems } from "../security/headers-check.ts";

const dist = process.env.SITE_DIST ?? path.join(root, "site", "dist");
const rules = parseHeadersFile(readFileSync(path.join(dist, "_headers"), "utf8"));
const files = readdirSync(dist, { recursive: true, encoding: "utf8" });

/** A built file's address: `cclvd/carte/index.html` → `/cclvd/carte/`. */
const addressOf = (file: string) => `/${file.split(path.sep).join("/")}`.replace(/index\.html$/, "");

describe("every built page and its production headers", () => {
  const pages = files.filter((f) => f.endsWith(".html"));

  it("headers: CSP with scripts from files only, HSTS, nosniff, referrer policy, framing refused", () => {
    expect(pages.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const file of pages) {
      const p = addressOf(file);
      const h = headersOf(rules, p);
      // Styles: the pages' own <style> blocks by hash, no 'unsafe-inline' (ADR 0018).
      for (const problem of [...cspProblems(h["content-security-policy"]), ...commonHeaderProblems(h)]) failures.push(`${p} : ${problem}`);
      const csp = h["content-security-policy"] ?? "";
      for (const hash of inlineStyleHashes(readFileSync(path.join(dist, file), "utf8")))
        if (!csp.includes(`'${hash}'`)) failures.push(`${p} : bloc <style> ${hash} absent de la CSP`);
      if (!EMBEDDABLE.test(p) && h["x-frame-options"] !== "DENY") failures.push(`${p} : X-Frame-Options ${h["x-frame-options"]}`);
      if (!EMBEDDABLE.test(p) && !/frame-ancestors 'none'/.test(h["content-security-policy"] ?? "")) failures.push(`${p} : peut être encadrée`);
    }
    expect(failures).toEqual([]);
  });

  it("HTML: no inline script, no handler attribute, no javascript: link, no style attribute", () => {
    const failures = pages.flatMap((file) => pageProblems(readFileSync(path.join(dist, file), "utf8")).map((problem) => `${addressOf(file)} : ${problem}`));
    expect(failures).toEqual([]);
  });

  it("other files get HSTS and nosniff too", () => {
    for (const file of files.filter((f) => /\.(js|css|xml|txt|json|webmanifest|svg)$/.test(f)).slice(0, 200)) {
      expect(commonHeaderProblems(headersOf(rules, addressOf(file))), file).toEqual([]);
    }
  });

  it("/.well-known/security.txt: a contact, and an Expires within a year of the configured review", () => {
    const text = readFileSync(path.join(dist, ".well-known", "security.txt"), "utf8");
    expect(securityTxtProblems(text, new Date(SECURITY_TXT.reviewed))).toEqual([]);
    expect(text).toMatch(/^Preferred-Languages: fr/m);
  });
});
