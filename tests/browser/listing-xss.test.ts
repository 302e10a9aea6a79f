/**
 * Stored XSS (issue #14, item 1): a listing whose every text field carries markup and script —
 * `</script>`, `<img onerror>`, `<svg onload>`, quotes — renders inert wherever it shows (its public
 * page, the directory's search, the map portal, the agents' preview in the back office), in
 * Chromium on the platform `npm run dev` starts; and its page's JSON-LD still parses to the
 * listing's exact values. The payloads set `window.__pwned`: it must stay undefined, and no dialog
 * may open. A `javascript:` website or sameAs (rows stored before the API refused them) is never a link.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Ports } from "../setup/dev-platform.ts";
import { startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from "../setup/browser-platform.ts";

let platform: BrowserPlatform;
let browser: Browser;
let ports: Ports;
let stateDir: string;
let site: string;
let db: pg.Client;
let id: string;

/**
 * Markup that runs a script wherever a value reaches HTML unescaped (`field` says which one did).
 * No double quote in the scripts: they must still run once JSON.stringify has escaped the value
 * (the JSON-LD block). Then quotes, and a comment opener, to break out of attributes and blocks.
 */
const payload = (field: string) =>
  `ZZXSS ${field} </script><script>window.__pwned='${field}:script'</script><img src=x onerror='window.__pwned=\`${field}:img\`'><svg onload='window.__pwned=\`${field}:svg\`'></svg> "' --> <!--`;

const values = {
  name: payload("name"),
  description: payload("description"),
  address: payload("address"),
  phone: payload("phone"),
  email: `x"><img src=x onerror="window.__pwned='email'">@exemple.invalid`,
  website: "javascript:window.__pwned='website'",
  labels: [payload("label")],
  languages: [payload("language")],
  sameAs: ["javascript:window.__pwned='sameAs'", payload("sameAs")],
  products: [payload("product-1"), payload("product-2")],
};

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, ports, stateDir, site } = platform);
  const password = readFileSync(path.join(stateDir, "postgres", "superuser-password"), "utf8").trim();
  db = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${ports.pg}/communa` });
  await db.connect();
  // Written as a row, not through the API: the API now refuses some of these values, and the
  // pages must stay safe for rows stored before (and for whatever a future field lets through).
  await db.query("BEGIN");
  const { rows } = await db.query<{ id: string }>("SELECT id FROM tenants WHERE slug = 'cclvd'");
  await db.query("SELECT set_config('app.tenant_id', $1, true)", [rows[0].id]);
  const res = await db.query<{ id: string }>(
    `INSERT INTO directory_businesses (id, tenant_id, slug, name, siret, category, description, address, commune_insee, commune_name, lon, lat, phone, email, website, opening_hours, labels, languages, same_as, status, published_at)
     VALUES (gen_random_uuid(), $1, 'piege', $2, '73282932000074', 'boulangerie', $3, $4, '60360', 'Liancourt', 2.463, 49.3305, $5, $6, $7, 'Mo-Sa 07:00-19:00', $8, $9, $10, 'published', now()) RETURNING id`,
    [rows[0].id, values.name, values.description, values.address, values.phone, values.email, values.website, values.labels, values.languages, values.sameAs],
  );
  id = res.rows[0].id;
  for (const name of values.products)
    await db.query("INSERT INTO directory_products (id, tenant_id, business_id, name) VALUES (gen_random_uuid(), $1, $2, $3)", [rows[0].id, id, name]);
  await db.query("COMMIT");
}, 780_000);

afterAll(async () => {
  await db?.end();
  await stopBrowserPlatform(platform);
}, 60_000);

/** A page that records any dialog; `pwned()` reads what a payload would have set. */
async function watched(p: Page) {
  const dialogs: string[] = [];
  p.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { dialogs, pwned: () => p.evaluate(() => (window as unknown as { __pwned?: string }).__pwned) };
}

/** Every link on the page goes somewhere harmless: a relative path, http(s), mailto: or tel:. */
async function hrefs(p: Page): Promise<string[]> {
  return p.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href")!).filter((h) => !/^(\/|#|\?|https?:\/\/|mailto:|tel:)/i.test(h)));
}

describe("a listing full of markup", () => {
  it("renders inert on its public page, and its JSON-LD parses to its exact values", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    const w = await watched(page);
    const res = await page.goto(`${site}/liancourt/commerces/piege/`);
    expect(res?.status()).toBe(200);
    expect(await w.pwned()).toBeUndefined();
    expect(w.dialogs).toEqual([]);
    // The dev server sends the production policy too: an injected script would not run anyway.
    expect(res?.headers()["content-security-policy"]).toMatch(/(^|; )script-src 'self'(;|$)/);
    // The page's own script still runs (the markup did not break it).
    await page.locator(".ouvert[data-state]").first().waitFor();
    // The payloads are shown as text, where they belong.
    expect(await page.locator("h1").textContent()).toBe(values.name);
    expect(await page.locator("dl.fiche-commerce").textContent()).toContain(values.address);
    expect(await page.locator("#produits + ul").textContent()).toContain(values.products[1]);
    // One JSON-LD block, whole, with the listing's values exactly.
    const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
    expect(blocks).toHaveLength(1);
    const ld = JSON.parse(blocks[0]);
    expect(ld).toMatchObject({
      name: values.name,
      description: values.description,
      address: { streetAddress: values.address, addressLocality: "Liancourt" },
      telephone: values.phone,
      email: values.email,
      makesOffer: values.products.map((name) => ({ itemOffered: { name } })),
    });
    // Search engines are not handed a script as the business's address or profiles.
    expect(ld.url).toBe(ld["@id"]);
    expect(ld.sameAs ?? []).toEqual([]);
    expect(await hrefs(page)).toEqual([]);
    expect(await page.getByRole("link", { name: values.website }).count()).toBe(0);
    await context.close();
  });

  it("renders inert in the directory's search and on the map portal", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    const w = await watched(page);
    await page.goto(`${site}/cclvd/commerces/`);
    await page.getByLabel("Mots (nom, activité, commune)").fill("ZZXSS");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.getByText("1 résultat.").waitFor();
    expect(await page.locator("#r-resultats a").textContent()).toBe(values.name);

    // The listing was written as a row, behind the API: no write purged the gateway's cache, where
    // an earlier file's visit to the portal may have left the directory's list (ADR 0004). The
    // portal asks for it fresh, as a client's `Cache-Control: no-cache` may.
    await page.route("**/api/directory/businesses?*", (route) => route.continue({ headers: { ...route.request().headers(), "cache-control": "no-cache" } }));
    await page.goto(`${site}/cclvd/carte/`);
    await page.waitForSelector('#carte[data-map-ready="true"]', { timeout: 30_000 });
    await page.getByLabel("Rechercher un lieu").fill("ZZXSS");
    await page.getByRole("button", { name: "Rechercher", exact: true }).click();
    await page.getByRole("button", { name: values.name }).click();
    await page.locator("#fiche a", { hasText: "Fiche dans l’annuaire" }).waitFor();
    expect(await w.pwned()).toBeUndefined();
    expect(w.dialogs).toEqual([]);
    expect(await hrefs(page)).toEqual([]);
    await context.close();
  });

  it("renders inert in the agents' preview in the back office", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const a = await context.newPage();
    const w = await watched(a);
    await a.goto(`${site}/cclvd/connexion/`);
    await a.getByRole("link", { name: "Compte agent ou élu (démonstration locale)" }).click();
    await a.getByLabel("Manon Agent annuaire").check();
    await a.getByRole("button", { name: "Se connecter" }).click();
    await a.waitForURL(`${site}/cclvd/espace/`);
    await a.goto(`${site}/cclvd/espace/annuaire/`);
    const row = a.locator("#m-liste-publiees li", { hasText: "ZZXSS name" });
    await row.waitFor();
    await row.getByRole("button", { name: /^Aperçu de la page : / }).click();
    const preview = a.getByRole("region", { name: `Aperçu de la page publique : ${values.name}` });
    await preview.waitFor();
    expect(await preview.textContent()).toContain(values.description);
    expect(await w.pwned()).toBeUndefined();
    expect(w.dialogs).toEqual([]);
    expect(await hrefs(a)).toEqual([]);
    await context.close();
  });
});
