/**
 * The suite's accessibility check itself (tests/setup/axe.ts): it must still find what it is
 * there to find, in the page and in a frame of the page, with the options that make it cheaper.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium } from "../setup/browser-platform.ts";
import { axe } from "../setup/axe.ts";

let browser: Browser;
beforeAll(async () => {
  ({ browser } = await launchChromium());
});
afterAll(() => browser?.close());

describe("the axe check", () => {
  it("finds a missing text alternative, a low contrast and an unlabelled field in a frame", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Served from one origin, as the site's own frame (the map embedded by /carte/integrer/) is.
    const pages: Record<string, string> = {
      "/": `<!doctype html><html lang="fr"><head><title>Essai</title></head><body><main>
        <h1>Essai</h1>
        <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        <p style="color:#bbb;background:#fff">Texte trop pâle</p>
        <iframe title="Cadre" src="/cadre"></iframe>
      </main></body></html>`,
      "/cadre": `<!doctype html><html lang="fr"><head><title>Cadre</title></head><body><form><input type="text"></form></body></html>`,
    };
    await page.route("http://essai.invalid/**", (route) =>
      route.fulfill({ contentType: "text/html; charset=utf-8", body: pages[new URL(route.request().url()).pathname] }),
    );
    await page.goto("http://essai.invalid/");
    await page.frameLocator("iframe").locator("input").waitFor({ state: "attached" });
    const found = await axe(page);
    expect(found.map((v) => v.split(" ")[0]).sort()).toEqual(["color-contrast", "image-alt", "label"]);
    expect(found.find((v) => v.startsWith("label"))).toContain("iframe");
    await context.close();
  });

  it("finds nothing on a page without WCAG fault (axe's best practices, such as unique landmarks, are not WCAG rules)", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent(
      `<!doctype html><html lang="fr"><head><title>Essai</title></head><body><main><h1>Essai</h1><p>Lisible.</p>` +
        `<form role="search" aria-label="Rechercher"><input type="search" aria-label="Mots"></form><form role="search" aria-label="Rechercher"><input type="search" aria-label="Mots"></form></main></body></html>`,
    );
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});
