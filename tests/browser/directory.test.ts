/**
 * The directory's public pages in a real browser, on the platform `npm run dev` starts: a published
 * listing gets its page at its French address with JSON-LD search engines can read, its "open now"
 * agrees with the API, the sitemap lists it and forgets it once unpublished; axe finds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { type Ports } from "../setup/dev-platform.ts";
import { axe, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from "../setup/browser-platform.ts";

let platform: BrowserPlatform;
let browser: Browser;
let ports: Ports;
let stateDir: string;
let site: string;
let db: pg.Client;

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, ports, stateDir, site } = platform);
  const password = readFileSync(path.join(stateDir, "postgres", "superuser-password"), "utf8").trim();
  db = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${ports.pg}/communa` });
  await db.connect();
}, 780_000);

afterAll(async () => {
  await db?.end();
  await stopBrowserPlatform(platform);
}, 60_000);

/** A listing written as the directory Worker would store it (in the EPCI, placed in Liancourt). */
async function listing(slug: string, status: string, hours: string, email: string | null = null) {
  await db.query("BEGIN");
  const { rows } = await db.query<{ id: string }>("SELECT id FROM tenants WHERE slug = 'cclvd'");
  await db.query("SELECT set_config('app.tenant_id', $1, true)", [rows[0].id]);
  const res = await db.query<{ id: string }>(
    `INSERT INTO directory_businesses (id, tenant_id, slug, name, siret, category, address, commune_insee, commune_name, lon, lat, phone, email, opening_hours, status, published_at)
     VALUES (gen_random_uuid(), $1, $2, $3, '73282932000074', 'boulangerie', '12 rue de la République', '60360', 'Liancourt', 2.463, 49.3305, '03 44 73 00 00', $6, $4, $5, now()) RETURNING id`,
    [rows[0].id, slug, `Boulangerie ${slug}`, hours, status, email],
  );
  await db.query("COMMIT");
  return res.rows[0].id;
}

describe("directory pages", () => {
  it("a published listing has its page, JSON-LD, open-now as the API says, and is in the sitemap", async () => {
    const id = await listing("dupont", "published", "Mo-Su 00:00-12:00,12:00-24:00");
    await listing("brouillon", "draft", "Mo-Fr 08:00-18:00");
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    const res = await page.goto(`${site}/liancourt/commerces/dupont/`);
    expect(res?.status()).toBe(200);
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
    expect(ld).toMatchObject({ "@context": "https://schema.org", "@type": "Bakery", name: "Boulangerie dupont", address: { addressLocality: "Liancourt" }, geo: { latitude: 49.3305, longitude: 2.463 }, telephone: "03 44 73 00 00" });
    expect(ld.openingHoursSpecification.length).toBeGreaterThan(0);
    expect(await page.locator('link[rel="canonical"]').getAttribute("href")).toMatch(/\/liancourt\/commerces\/dupont\/$/);
    expect(await page.locator('meta[property="og:type"]').getAttribute("content")).toBe("business.business");

    const api = (await (await fetch(`${site}/t/cclvd/api/directory/businesses/${id}`)).json()) as { openNow: boolean };
    await page.locator(".ouvert[data-state]").first().waitFor();
    expect(await page.locator(".ouvert").first().getAttribute("data-state")).toBe(api.openNow ? "ouvert" : "ferme");
    expect(await axe(page), "fiche commerce").toEqual([]);

    await page.goto(`${site}/cclvd/commerces/`);
    expect(await page.getByRole("link", { name: "Boulangerie dupont" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "Boulangerie brouillon" }).count()).toBe(0);
    expect(await axe(page), "annuaire").toEqual([]);

    const sitemap = await (await fetch(`${site}/sitemap.xml`)).text();
    expect(sitemap).toContain("/liancourt/commerces/dupont/</loc>");
    expect(sitemap).not.toContain("brouillon");
    const unknown = await page.goto(`${site}/liancourt/commerces/brouillon/`);
    expect(unknown?.status()).toBe(404);

    await db.query("BEGIN");
    await db.query("SELECT set_config('app.tenant_id', (SELECT id::text FROM tenants WHERE slug = 'cclvd'), true)");
    await db.query("UPDATE directory_businesses SET status = 'unpublished' WHERE id = $1", [id]);
    await db.query("COMMIT");
    await new Promise((r) => setTimeout(r, 10_500));
    expect(await (await fetch(`${site}/sitemap.xml`)).text()).not.toContain("/liancourt/commerces/dupont/");
    const robots = await (await fetch(`${site}/robots.txt`)).text();
    expect(robots).toMatch(/Sitemap: .*\/sitemap\.xml/);
    await context.close();
  });

  it("searches the directory (words, activity, open now) and shows the listings on the territory map", async () => {
    await listing("martin", "published", "24/7");
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${site}/cclvd/commerces/`);
    await page.getByLabel("Mots (nom, activité, commune)").fill("martin");
    await page.getByLabel("Activité", { exact: true }).selectOption("boulangerie");
    await page.getByLabel("Ouverts maintenant", { exact: true }).check();
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.getByText("1 résultat.").waitFor();
    expect(await page.locator("#r-resultats a").getAttribute("href")).toBe("/liancourt/commerces/martin/");
    expect(await axe(page), "recherche dans l’annuaire").toEqual([]);

    await page.goto(`${site}/cclvd/carte/`);
    await page.waitForSelector('#carte[data-map-ready="true"]', { timeout: 30_000 });
    await page.getByLabel(/Commerces, artisans et producteurs \(/).waitFor();
    await page.getByLabel("Rechercher un lieu").fill("martin");
    await page.getByRole("button", { name: "Rechercher", exact: true }).click();
    await page.getByRole("button", { name: "Boulangerie martin" }).click();
    expect(await page.locator("#fiche a", { hasText: "Fiche dans l’annuaire" }).getAttribute("href")).toBe("/liancourt/commerces/martin/");
    await context.close();
  });

  it("a merchant claims their listing with the e-mailed code and edits it; an agent withdraws a listing with a reason", async () => {
    await listing("leroy", "published", "Mo-Sa 07:00-19:00; PH off", "contact@leroy.invalid");
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    // A resident signs in through the residents' provider (FranceConnect's role locally).
    await page.goto(`${site}/cclvd/connexion/`);
    await page.getByRole("link", { name: "Compte habitant (démonstration locale)" }).click();
    await page.getByLabel("Félix Habitant").check();
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL(`${site}/cclvd/espace/`);
    await page.goto(`${site}/cclvd/espace/commerce/`);
    await page.getByText("Vous ne gérez encore aucune fiche.").waitFor();
    await page.getByLabel("Nom du commerce").fill("leroy");
    await page.getByRole("button", { name: "Chercher" }).click();
    await page.getByRole("button", { name: /Gérer « Boulangerie leroy » : Recevoir un code/ }).click();
    await page.getByText("Un code a été envoyé à l’adresse de l’entreprise.").waitFor();
    const { rows } = await db.query<{ body: string }>("SELECT body FROM outbox WHERE recipient = 'contact@leroy.invalid' ORDER BY created_at DESC LIMIT 1");
    const code = /\b(\d{6})\b/.exec(rows[0].body)![1];
    await page.getByLabel("Code reçu (6 chiffres)").fill(code);
    await page.getByRole("button", { name: "Valider le code" }).click();
    await page.getByText("C’est fait : vous gérez cette fiche.").waitFor();
    await page.getByRole("form", { name: "Boulangerie leroy" }).waitFor();
    await page.getByLabel("Horaires (format OpenStreetMap)").fill("Mo-Sa 06:30-19:30; PH off");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Fiche enregistrée.").waitFor();
    expect(await axe(page), "ma fiche commerce").toEqual([]);
    const saved = await db.query<{ opening_hours: string }>("SELECT opening_hours FROM directory_businesses WHERE slug = 'leroy'");
    expect(saved.rows[0].opening_hours).toBe("Mo-Sa 06:30-19:30; PH off");

    const agent = await browser.newContext({ locale: "fr-FR" });
    const a = await agent.newPage();
    await a.goto(`${site}/cclvd/connexion/`);
    await a.getByRole("link", { name: "Compte agent ou élu (démonstration locale)" }).click();
    await a.getByLabel("Manon Agent annuaire").check();
    await a.getByRole("button", { name: "Se connecter" }).click();
    await a.waitForURL(`${site}/cclvd/espace/`);
    await a.getByRole("link", { name: "Annuaire des commerces" }).click();
    await a.waitForURL(`${site}/cclvd/espace/annuaire/`);
    const row = a.locator("#m-liste-publiees li", { hasText: "Boulangerie leroy" });
    await row.waitFor();
    await row.getByRole("button", { name: "Retirer : Boulangerie leroy" }).click();
    await a.getByText("Indiquez la raison : le commerçant la lira.").waitFor();
    await row.getByPlaceholder("Raison (lue par le commerçant)").fill("Fermeture annoncée.");
    await row.getByRole("button", { name: "Retirer : Boulangerie leroy" }).click();
    await a.getByText("C’est fait.").waitFor();
    expect(await axe(a), "modération de l’annuaire").toEqual([]);
    const after = await db.query<{ status: string; moderation_note: string }>("SELECT status, moderation_note FROM directory_businesses WHERE slug = 'leroy'");
    expect(after.rows[0]).toEqual({ status: "unpublished", moderation_note: "Fermeture annoncée." });
    await agent.close();
    await context.close();
  });
});
