/**
 * The kit's components on real back-office pages (issue #26), in Chromium on the platform
 * `npm run dev` starts: the waste registry's tabs (ARIA tabs pattern, arrow keys; without
 * JavaScript its panels are plain sections), its premises list read as a table on a desktop
 * (1280 px) and as one card per row on a phone (390 px), each cell after its column's name, and
 * the public council page's empty state. Each page is checked with axe in the light and the dark
 * theme.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Ports } from "../setup/dev-platform.ts";
import { axe, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform, signInDemo } from "../setup/browser-platform.ts";

let platform: BrowserPlatform;
let browser: Browser;
let ports: Ports;
let site: string;
let db: pg.Client;

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, ports, site } = platform);
  const password = readFileSync(path.join(platform.stateDir, "postgres", "superuser-password"), "utf8").trim();
  db = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${ports.pg}/communa` });
  await db.connect();
  const cclvd = (await db.query<{ id: string }>("SELECT id FROM tenants WHERE slug = 'cclvd'")).rows[0].id;
  // Two premises of the registry the list shows (Liancourt's INSEE code: the list names the commune).
  for (const [reference, address] of [
    ["LOC-KIT-001", "3 rue des Acacias"],
    ["LOC-KIT-002", "5 rue des Acacias"],
  ])
    await db.query(
      `INSERT INTO waste_premises (id, tenant_id, reference, address, postcode, commune_insee, rental_value_cents)
       SELECT gen_random_uuid(), $1, $2::text, $3, '60140', '60360', 280000 WHERE NOT EXISTS (SELECT 1 FROM waste_premises WHERE tenant_id = $1 AND reference = $2::text)`,
      [cclvd, reference, address],
    );
}, 780_000);

afterAll(async () => {
  await db?.end();
  await stopBrowserPlatform(platform);
});

const signIn = (page: Page) => signInDemo(page, platform, "Bastien Agent déchets");

/** The registry searched for the two premises above, its list filled. */
async function registry(page: Page) {
  await page.goto(`${site}/cclvd/espace/dechets/?q=Acacias`);
  await page.locator("#outils:not([hidden])").waitFor();
  await page.locator("#t-locaux tbody tr", { hasText: "LOC-KIT-002" }).waitFor();
}

const cellStyle = (page: Page, reference: string, column: number) =>
  page
    .locator("#t-locaux tbody tr", { hasText: reference })
    .locator("td")
    .nth(column)
    .evaluate((td) => ({ display: getComputedStyle(td).display, before: getComputedStyle(td, "::before").content, label: (td as HTMLElement).dataset.label }));

describe("kit components on the back office", () => {
  it("tabs: a tablist over the registry's panels, moved with the arrow keys, Home and End", async () => {
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page);
    await registry(page);
    const tablist = page.getByRole("tablist", { name: "Locaux" });
    const find = tablist.getByRole("tab", { name: "Rechercher un local" });
    const create = tablist.getByRole("tab", { name: "Créer un local" });
    expect(await find.getAttribute("aria-selected")).toBe("true");
    expect(await create.getAttribute("aria-selected")).toBe("false");
    // Only the selected tab is in the tab order; its panel is named by it and shown alone.
    expect(await find.getAttribute("tabindex")).toBe("0");
    expect(await create.getAttribute("tabindex")).toBe("-1");
    await page.getByRole("tabpanel", { name: "Rechercher un local" }).getByRole("table").waitFor();
    expect(await page.getByRole("tabpanel", { name: "Créer un local" }).count()).toBe(0);

    await find.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => create.getAttribute("aria-selected")).toBe("true");
    expect(await create.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.getByRole("tabpanel", { name: "Créer un local" }).getByLabel("Référence", { exact: true }).waitFor();
    expect(await page.locator("#onglet-rechercher").isHidden()).toBe(true);
    // Right wraps around to the first tab, Left to the last; Home and End go to the ends.
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => find.getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => create.getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("Home");
    await expect.poll(() => find.getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("End");
    await expect.poll(() => create.getAttribute("aria-selected")).toBe("true");
    // A click selects too.
    await find.click();
    await page.locator("#onglet-rechercher:not([hidden])").waitFor();
    expect(await page.locator("#onglet-creer").isHidden()).toBe(true);
    expect(await axe(page), "onglets").toEqual([]);
    await context.close();
  });

  it("tabs without JavaScript: the panels are sections one after the other, each with its heading", async () => {
    const context = await browser.newContext({ locale: "fr-FR", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site}/cclvd/espace/dechets/`);
    expect(await page.locator('[role="tablist"]').count()).toBe(0);
    const panels = page.locator("#onglets-locaux > section[data-tab]");
    expect(await panels.count()).toBe(2);
    for (const id of ["onglet-rechercher", "onglet-creer"]) {
      const section = page.locator(`#${id}`);
      expect(await section.getAttribute("hidden")).toBeNull();
      expect(await section.getAttribute("role")).toBeNull();
    }
    expect(await page.locator("#onglet-rechercher > h2").textContent()).toBe("Rechercher un local");
    expect(await page.locator("#onglet-creer > h2").textContent()).toBe("Créer un local");
    await context.close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`the premises list: a table at 1280 px, a card per row at 390 px, names not codes (${colorScheme})`, async () => {
      const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 }, colorScheme });
      const page = await context.newPage();
      await signIn(page);
      await registry(page);
      // Desktop: a table, its column headers and cells as such; the commune by its name.
      const table = page.getByRole("table", { name: "Locaux trouvés" });
      await table.getByRole("columnheader", { name: "Adresse" }).waitFor();
      const row = table.getByRole("row").filter({ hasText: "LOC-KIT-001" });
      await row.getByRole("cell", { name: "Liancourt" }).waitFor();
      expect(await row.textContent()).not.toContain("60360");
      const wide = await cellStyle(page, "LOC-KIT-001", 1);
      expect({ ...wide, before: wide.before === "normal" ? "none" : wide.before }).toEqual({ display: "table-cell", before: "none", label: "Adresse" });
      expect(await axe(page), `liste, 1280 px (${colorScheme})`).toEqual([]);

      // Phone: each row a block (a card), each cell after its column's name; nothing wider than the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await expect.poll(() => cellStyle(page, "LOC-KIT-001", 1)).toEqual({ display: "block", before: '"Adresse"', label: "Adresse" });
      expect(await cellStyle(page, "LOC-KIT-001", 2)).toEqual({ display: "block", before: '"Commune"', label: "Commune" });
      const card = page.locator("#t-locaux tbody tr", { hasText: "LOC-KIT-001" });
      expect(await card.evaluate((tr) => getComputedStyle(tr).display)).toBe("block");
      const box = (await card.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // The two cards sit one under the other, not side by side.
      const next = (await page.locator("#t-locaux tbody tr", { hasText: "LOC-KIT-002" }).boundingBox())!;
      expect(next.y).toBeGreaterThanOrEqual(box.y + box.height);
      expect(await axe(page), `liste, 390 px (${colorScheme})`).toEqual([]);

      // An empty search says why and what to do next, across the card, without a column's name.
      await page.getByLabel("Adresse, référence ou numéro invariant").fill("Zzyzx");
      await page.getByRole("button", { name: "Rechercher" }).click();
      const empty = page.locator("#t-locaux td.vide-cellule");
      await empty.getByText("Aucun local ne correspond à « Zzyzx ».").waitFor();
      await empty.getByText(/créez le local dans l’onglet « Créer un local »/).waitFor();
      expect(await empty.getAttribute("data-label")).toBeNull();
      expect(await axe(page), `liste vide, 390 px (${colorScheme})`).toEqual([]);
      await context.close();
    });
  }

  it("the public council page of a commune without sittings says what comes next, and links home", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 390, height: 844 }, colorScheme });
      const page = await context.newPage();
      await page.goto(`${site}/rantigny/conseil/`);
      const empty = page.locator("#seances-vide:not([hidden])");
      await empty.getByText("Aucune séance n’est programmée.").waitFor();
      await empty.getByText(/paraissent ici dès leur convocation/).waitFor();
      expect(await empty.getByRole("link", { name: /^Retour à l’accueil de / }).getAttribute("href")).toBe("/rantigny/");
      expect(await page.locator("#liste-etat").textContent()).toBe("");
      expect(await axe(page), `conseil sans séance (${colorScheme})`).toEqual([]);
      await context.close();
    }
  });
});
