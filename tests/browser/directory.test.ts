/**
 * The directory's public pages in a real browser, on the platform `npm run dev` starts: a published
 * listing gets its page at its French address with JSON-LD search engines can read, its "open now"
 * agrees with the API, the sitemap lists it and forgets it once unpublished; axe finds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Ports } from "../setup/dev-platform.ts";
import { axe, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from "../setup/browser-platform.ts";
import { png } from "../setup/png.ts";

let platform: BrowserPlatform;
let browser: Browser;
let ports: Ports;
let stateDir: string;
let site: string;
let db: pg.Client;
let leroy: string;

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, ports, stateDir, site } = platform);
  const password = readFileSync(path.join(stateDir, "postgres", "superuser-password"), "utf8").trim();
  db = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${ports.pg}/communa` });
  await db.connect();
  // Before any page is asked for: the dev server then knows this listing's page.
  leroy = await listing("leroy", "published", "Mo-Sa 07:00-19:00; PH off", "contact@leroy.invalid");
}, 780_000);

afterAll(async () => {
  await db?.end();
  await stopBrowserPlatform(platform);
});

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
    expect(ld).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Bakery",
      name: "Boulangerie dupont",
      address: { postalCode: "60140", addressLocality: "Liancourt" },
      geo: { latitude: 49.3305, longitude: 2.463 },
      telephone: "03 44 73 00 00",
    });
    expect(ld.openingHoursSpecification.length).toBeGreaterThan(0);
    // The hours in words (the same list as the map's), not the OSM rule.
    expect(await page.locator("ul.horaires li").first().textContent()).toMatch(/^Tous les jours\u00a0: /);
    expect(await page.locator("main").textContent()).not.toContain("Mo-Su");
    expect(await page.locator('link[rel="canonical"]').getAttribute("href")).toMatch(/\/liancourt\/commerces\/dupont\/$/);
    expect(await page.locator('meta[property="og:type"]').getAttribute("content")).toBe("business.business");
    expect(await page.locator("dl.fiche-commerce div", { hasText: "Langues parlées" }).textContent()).toContain("français");
    expect(await page.getByRole("link", { name: "Vous tenez ce commerce ? Gérer cette fiche" }).getAttribute("href")).toBe(
      `/cclvd/espace/commerce/?fiche=${id}`,
    );

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
    // Changed behind the API's back (no build hook): the dev server reads the directory again when
    // its 10 s window turns. Waited for, not slept through.
    await expect.poll(async () => (await fetch(`${site}/sitemap.xml`)).text(), { interval: 500 }).not.toContain("/liancourt/commerces/dupont/");
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
    await page.waitForSelector('#carte[data-map-ready="true"]');
    await page.getByLabel(/Commerces, artisans et producteurs \(/).waitFor();
    await page.getByLabel("Rechercher un lieu").fill("martin");
    await page.getByRole("button", { name: "Rechercher", exact: true }).click();
    await page.getByRole("button", { name: "Boulangerie martin" }).click();
    expect(await page.locator("#fiche a", { hasText: "Fiche dans l’annuaire" }).getAttribute("href")).toBe("/liancourt/commerces/martin/");
    await context.close();
  });

  it("a merchant comes from their listing's page, claims it with the e-mailed code, edits it, adds a photo and previews the page; an agent withdraws a listing with a reason", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    // A resident signs in through the residents' provider (FranceConnect's role locally).
    await page.goto(`${site}/cclvd/connexion/`);
    await page.getByRole("link", { name: "Compte habitant (démonstration locale)" }).click();
    await page.getByLabel("Pauline Habitante").check();
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL(`${site}/cclvd/espace/`);
    // "Gérer cette fiche" on the public page leads to the back office with that listing ready to claim.
    await page.goto(`${site}/liancourt/commerces/leroy/`);
    await page.getByRole("link", { name: "Vous tenez ce commerce ? Gérer cette fiche" }).click();
    await page.waitForURL(`${site}/cclvd/espace/commerce/?fiche=${leroy}`);
    await page.getByText("Vous ne gérez encore aucune fiche.").waitFor();
    const claim = page.getByRole("button", { name: /Gérer « Boulangerie leroy » : Recevoir un code/ });
    await claim.waitFor();
    // The listing to claim is shown in the picker (chosen by name, not by identifier).
    expect(await page.getByRole("combobox", { name: "Nom du commerce" }).inputValue()).toBe("Boulangerie leroy");
    await claim.click();
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
    // The Worker's build hook reaches the dev server, which drops what it knew of the directory:
    // the public page shows the new hours (without it, the page's data would stay as first read).
    const visitor = await context.newPage();
    await expect
      .poll(
        async () => {
          await visitor.goto(`${site}/liancourt/commerces/leroy/`);
          return (await visitor.locator("ul.horaires").textContent())?.replaceAll("\u00a0", " ");
        },
        { interval: 500 },
      )
      .toBe("Du lundi au samedi : de 6 h 30 à 19 h 30Fermé dimancheFermé les jours fériés");
    await visitor.close();
    // A photo: refused without its text, then added; the preview shows the page as it will be.
    await page.getByLabel("Photo (JPEG, PNG ou WebP)").setInputFiles({ name: "vitrine.png", mimeType: "image/png", buffer: Buffer.from(await png(900, 600)) });
    await page.getByRole("button", { name: "Ajouter la photo" }).click();
    // The refusal is said beside the field it is about (and in the summary above).
    await page.locator(".erreur-champ", { hasText: "Décrivez la photo en quelques mots" }).waitFor();
    expect(await page.getByLabel("Ce que montre la photo").getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("Ce que montre la photo").fill("La vitrine de la boulangerie");
    await page.getByRole("button", { name: "Ajouter la photo" }).click();
    await page.getByRole("button", { name: "Retirer : La vitrine de la boulangerie" }).waitFor();
    await page.getByRole("button", { name: "Aperçu de la page" }).click();
    const preview = page.getByRole("region", { name: "Aperçu de la page publique : Boulangerie leroy" });
    await preview.waitFor();
    await preview.getByRole("img", { name: "La vitrine de la boulangerie" }).waitFor();
    expect((await preview.locator("ul.horaires").textContent())?.replaceAll("\u00a0", " ")).toContain("de 6 h 30 à 19 h 30");
    // Loaded from the API's stored variants (the browser picks one from the srcset).
    await expect
      .poll(() =>
        preview.getByRole("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && /\/(480|900)\.webp$/.test(img.currentSrc)),
      )
      .toBe(true);
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

    // Creating a listing: the wrong field is named; then it is created and can be previewed.
    await a.getByLabel("Nom", { exact: true }).fill("Fromagerie du Marché");
    await a.getByLabel("SIRET (14 chiffres)").fill("12345678901234");
    await a.getByLabel("Activité").selectOption({ label: "Épicerie, alimentation" });
    await a.getByLabel("Adresse").fill("3 place du Marché");
    await a.getByLabel("Longitude (degrés décimaux)").fill("2,463");
    await a.getByLabel("Latitude (degrés décimaux)").fill("49.3305");
    await a.getByLabel("Horaires (format OpenStreetMap)").fill("We,Sa 08:00-12:30");
    await a.getByRole("button", { name: "Créer la fiche" }).click();
    // The problem reader: the message beside the field (aria-invalid) and in the summary, a link to it.
    await a
      .locator("#m-creation [data-problem-summary]")
      .getByRole("link", { name: /SIRET invalide/ })
      .waitFor();
    expect(await a.getByLabel("SIRET (14 chiffres)").getAttribute("aria-invalid")).toBe("true");
    expect(await a.locator("#n-siret-erreur").textContent()).toContain("SIRET invalide");
    await a.getByLabel("SIRET (14 chiffres)").fill("732 829 320 00074");
    await a.getByRole("button", { name: "Créer la fiche" }).click();
    // Saved without « Publier tout de suite »: a draft the agents still see, and can publish (it vanished from every list).
    await a.getByText("Fiche « Fromagerie du Marché » créée en brouillon").waitFor();
    await a.locator("#m-liste-brouillons li", { hasText: "Fromagerie du Marché" }).waitFor();
    await a.locator("#m-liste-brouillons li", { hasText: "Boulangerie leroy" }).waitFor();
    await a.locator("#n-suite").getByRole("button", { name: "Aperçu de la page" }).click();
    await a.getByRole("region", { name: "Aperçu de la page publique : Fromagerie du Marché" }).waitFor();
    expect(await axe(a), "création d’une fiche").toEqual([]);
    const made = await db.query<{ status: string; commune_name: string }>(
      "SELECT status, commune_name FROM directory_businesses WHERE name = 'Fromagerie du Marché'",
    );
    expect(made.rows).toEqual([{ status: "draft", commune_name: "Liancourt" }]);
    const after = await db.query<{ status: string; moderation_note: string }>("SELECT status, moderation_note FROM directory_businesses WHERE slug = 'leroy'");
    expect(after.rows[0]).toEqual({ status: "unpublished", moderation_note: "Fermeture annoncée." });
    await agent.close();
    await context.close();
  });
});
