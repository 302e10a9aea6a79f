/**
 * Visual regression (issue #26): a handful of pages — a commune's home, a back-office list, the
 * legal notice — at 1280 px and 390 px in Chromium, compared with the baselines committed under
 * tests/browser/visual/ (pixelmatch, tests/setup/visual-compare.ts: a per-pixel threshold and a
 * share of pixels allowed to differ; another page size always fails). What changes from run to run
 * (dates, times, counters, live regions) is masked. A failure writes the screenshot and the
 * difference beside the baseline (`*.actual.png`, `*.diff.png`, not committed).
 *
 * Regenerate every baseline after an intended change of the look: `npm run visual:update`
 * (UPDATE_VISUAL=1). The baselines hold for Debian's Chromium and the system fonts of this image.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Ports } from "../setup/dev-platform.ts";
import { startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform, signInDemo } from "../setup/browser-platform.ts";
import { compareScreenshots, optimisePng } from "../setup/visual-compare.ts";

const DIR = path.join(import.meta.dirname, "visual");
const UPDATE = process.env.UPDATE_VISUAL === "1";
/** What differs between two runs of the same page (today's hours line differs by day): masked (painted over) before comparing. */
const MASK = "time, [data-visual-mask], [aria-live]:not(:empty), .compte, .aujourdhui";
const WIDTHS = [
  { name: "bureau", width: 1280, height: 900 },
  { name: "telephone", width: 390, height: 844 },
] as const;

let platform: BrowserPlatform;
let browser: Browser;
let ports: Ports;
let site: string;

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, ports, site } = platform);
  const password = readFileSync(path.join(platform.stateDir, "postgres", "superuser-password"), "utf8").trim();
  const db = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${ports.pg}/communa` });
  await db.connect();
  // The back-office list shows these two premises only (searched by their reference): other test
  // files add premises of their own to the same registry.
  const cclvd = (await db.query<{ id: string }>("SELECT id FROM tenants WHERE slug = 'cclvd'")).rows[0].id;
  for (const [reference, address] of [
    ["LOC-VIS-001", "1 allée des Peupliers"],
    ["LOC-VIS-002", "3 allée des Peupliers"],
  ])
    await db.query(
      `INSERT INTO waste_premises (id, tenant_id, reference, address, postcode, commune_insee, rental_value_cents)
       SELECT gen_random_uuid(), $1, $2::text, $3, '60140', '60360', 310000 WHERE NOT EXISTS (SELECT 1 FROM waste_premises WHERE tenant_id = $1 AND reference = $2::text)`,
      [cclvd, reference, address],
    );
  await db.end();
}, 780_000);

afterAll(async () => {
  await stopBrowserPlatform(platform);
});

const signIn = (page: Page) => signInDemo(page, platform, "Bastien Agent déchets");

/** The page's full-length screenshot, masked, compared with (or, UPDATE_VISUAL=1, written as) its baseline. */
async function matchesBaseline(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  const shot = optimisePng(await page.screenshot({ fullPage: true, animations: "disabled", caret: "hide", mask: [page.locator(MASK)], maskColor: "#808080" }));
  const file = path.join(DIR, `${name}.png`);
  const actual = path.join(DIR, `${name}.actual.png`);
  const diff = path.join(DIR, `${name}.diff.png`);
  rmSync(actual, { force: true });
  rmSync(diff, { force: true });
  if (UPDATE) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, shot);
    return;
  }
  if (!existsSync(file)) throw new Error(`Pas de référence pour ${name} : npm run visual:update`);
  const result = compareScreenshots(readFileSync(file), shot);
  if (!result.same) {
    writeFileSync(actual, shot);
    if (result.reason === "pixels") writeFileSync(diff, result.diff);
  }
  expect(
    result.same
      ? "identique"
      : result.reason === "size"
        ? `taille ${result.actual.width}×${result.actual.height} au lieu de ${result.expected.width}×${result.expected.height}`
        : `${(result.ratio * 100).toFixed(2)} % de pixels différents`,
    `${name} (voir ${path.relative(process.cwd(), actual)})`,
  ).toBe("identique");
}

describe("visual regression", () => {
  for (const w of WIDTHS) {
    it(`public pages at ${w.width} px: a commune's home, the legal notice`, async () => {
      const context = await browser.newContext({ locale: "fr-FR", viewport: { width: w.width, height: w.height }, colorScheme: "light" });
      const page = await context.newPage();
      await page.goto(`${site}/liancourt/`);
      await page.locator("svg.territoire").waitFor();
      await matchesBaseline(page, `accueil-commune-${w.name}`);
      await page.goto(`${site}/liancourt/mentions-legales/`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await matchesBaseline(page, `mentions-legales-${w.name}`);
      await context.close();
    });

    it(`a back-office list at ${w.width} px: the waste registry's premises`, async () => {
      const context = await browser.newContext({ locale: "fr-FR", viewport: { width: w.width, height: w.height }, colorScheme: "light" });
      const page = await context.newPage();
      await signIn(page);
      await page.goto(`${site}/cclvd/espace/dechets/?q=LOC-VIS`);
      await page.locator("#outils:not([hidden])").waitFor();
      await page.locator("#t-locaux tbody tr", { hasText: "LOC-VIS-002" }).waitFor();
      await matchesBaseline(page, `dechets-locaux-${w.name}`);
      await context.close();
    });
  }
});
