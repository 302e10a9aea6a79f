/**
 * The site's security headers as production sends them (ADR 0018): the built site is served with
 * the rules of its own `_headers` file (site-server.ts). Every page has a CSP without inline
 * scripts and refuses to be framed; the map portal alone can be framed by another site; pages
 * work under that policy in Chromium with no violation reported.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { root } from "../setup/bundle.ts";
import { launchChromium } from "../setup/browser-platform.ts";
import { headersFile, inlineStyleHashes } from "../../site/security-headers.ts";

const base = inject("siteUrl");
let browser: Browser;
let violations: string[];

beforeAll(async () => {
  ({ browser, cspViolations: violations } = await launchChromium());
});

afterAll(async () => {
  await browser?.close();
});

const PAGES = [
  "/",
  "/cclvd/",
  "/liancourt/",
  "/cauffry/",
  "/cclvd/connexion/",
  "/cclvd/carte/",
  "/cclvd/carte/integrer/",
  "/cclvd/sentiers/",
  "/cclvd/commerces/",
  "/cclvd/espace/",
  "/cclvd/espace/carte/",
  "/cclvd/conseil/",
];

describe("security headers of the site", () => {
  it("the build's _headers file is the one the module writes", () => {
    // Built from the platform's API: its origin is in the CSP (the pages show the API's photos).
    const api = inject("siteApiOrigin");
    // Its style-src lists the hashes of the pages' own <style> blocks, and only those.
    const dist = path.join(root, "site", "dist");
    const pages = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html"));
    const hashes = [...new Set(pages.flatMap((f) => inlineStyleHashes(readFileSync(path.join(dist, f), "utf8"))))].sort();
    expect(hashes.length).toBeGreaterThan(0);
    expect(readFileSync(path.join(dist, "_headers"), "utf8")).toBe(headersFile({ ...process.env, COMMUNA_API_ORIGIN: api ?? undefined }, hashes));
  });

  it("every page: a CSP with scripts from the site only, not framable, nosniff, referrer policy, HSTS", async () => {
    for (const p of PAGES.filter((x) => x !== "/cclvd/carte/")) {
      const res = await fetch(`${base}${p}`);
      expect(res.status, p).toBe(200);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, p).toMatch(/(^|; )script-src 'self'(;|$)/);
      expect(csp, p).not.toContain("unsafe-inline");
      expect(csp, p).toMatch(/frame-ancestors 'none'/);
      expect(csp.split(",")).toHaveLength(1);
      expect(res.headers.get("x-frame-options"), p).toBe("DENY");
      expect(res.headers.get("x-content-type-options"), p).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), p).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("strict-transport-security"), p).toMatch(/max-age=\d{8}/);
    }
  });

  it("the map portal, and it alone, may be framed by another site", async () => {
    const res = await fetch(`${base}/cclvd/carte/`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/frame-ancestors \*/);
    expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(csp.split(",")).toHaveLength(1);
    expect(res.headers.get("x-frame-options")).toBeNull();

    // Another site (another origin: another port) embeds the portal, as the embed code does, and
    // tries the back office. It is served from this machine: Chromium refuses a public page's
    // frames on a local address anyway (Local Network Access), which would prove nothing.
    const embedder = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        `<!doctype html><html lang="fr"><title>Site d’une commune</title><iframe id="carte" title="Carte" width="800" height="600" src="${base}/cclvd/carte/?embed=1"></iframe><iframe id="espace" title="Espace" src="${base}/cclvd/espace/"></iframe></html>`,
      );
    });
    await new Promise<void>((r) => embedder.listen(0, "127.0.0.1", r));
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${(embedder.address() as AddressInfo).port}/`);
    const portal = page.frameLocator("#carte");
    await portal.locator('#carte[data-map-ready="true"]').waitFor({ timeout: 30_000 });
    expect(await portal.locator("html").getAttribute("class")).toContain("embed");
    // The framed back office is refused: Chromium shows its error page in that frame instead.
    const espace = (await (await page.$("#espace"))!.contentFrame())!;
    await expect.poll(() => espace.url(), { timeout: 10_000 }).not.toMatch(/^about:blank$/);
    expect(await espace.locator("#contenu").count()).toBe(0);
    await context.close();
    embedder.close();
    // That refusal is the policy working, not a page breaking it.
    violations.splice(0);
  });

  it("pages work under the policy: scripts run, maps draw, nothing is blocked", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    for (const p of ["/cclvd/", "/cclvd/carte/", "/cclvd/sentiers/", "/cclvd/carte/integrer/#l=abc", "/cclvd/commerces/", "/cclvd/connexion/"]) {
      await page.goto(`${base}${p}`);
      await page.waitForLoadState("networkidle");
      // The home page loads MapLibre when asked (ADR 0024): what it loads then meets the policy too.
      if (p === "/cclvd/") await page.getByRole("button", { name: "Afficher la carte interactive" }).click();
      if (p === "/cclvd/" || p === "/cclvd/carte/") await page.waitForSelector('#carte[data-map-ready="true"]', { timeout: 30_000 });
      if (p.startsWith("/cclvd/carte/integrer/")) expect(await page.locator("#code").inputValue()).toContain("?embed=1#l=abc");
    }
    await context.close();
    expect(violations).toEqual([]);
  });
});
