/**
 * Signing in and "Mon espace" in a real browser, on the platform `npm run dev` starts: the sign-in
 * page, the local OpenID provider's login page, back to the tenant's space with the modules the
 * person's roles open and their sessions (one closed from another browser), sign-out here and at
 * the provider. Each page is checked with axe (WCAG 2.1 A/AA).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import path from "node:path";
import { root } from "../setup/bundle.ts";
import type { Ports } from "../setup/dev-platform.ts";
import { axe, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from "../setup/browser-platform.ts";

let platform: BrowserPlatform;
let browser: Browser;
let ports: Ports;
let site: string;

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, ports, site } = platform);
}, 780_000);

afterAll(() => stopBrowserPlatform(platform), 60_000);

const newPage = async (): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ locale: "fr-FR" });
  return { context, page: await context.newPage() };
};

/** From the tenant's sign-in page, through the provider's login page, back to "Mon espace". */
async function signIn(page: Page, button: string, account: string, opts: { checkA11y?: boolean } = {}) {
  await page.goto(`${site}/cclvd/connexion/`);
  const link = page.getByRole("link", { name: button });
  await link.waitFor();
  if (opts.checkA11y) expect(await axe(page), "page de connexion").toEqual([]);
  await link.click();
  await page.waitForURL(`http://127.0.0.1:${ports.oidc}/interaction/**`);
  if (opts.checkA11y) expect(await axe(page), "page du fournisseur d’identité local").toEqual([]);
  await page.getByLabel(account).check();
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(`${site}/cclvd/espace/`);
  await page.locator("#connecte:not([hidden])").waitFor();
}

describe("signing in and Mon espace", () => {
  it("an agent signs in with the provider and sees the modules of their roles, accessibly", async () => {
    const { context, page } = await newPage();
    await signIn(page, "Compte agent ou élu (démonstration locale)", "Bastien Agent déchets", { checkA11y: true });
    expect(await page.locator("#etat").textContent()).toBe("Bonjour Bastien Agent déchets");
    expect(await page.locator("#roles li").allTextContents()).toEqual(["Agent — déchets"]);
    const modules = await page.locator("#modules strong").allTextContents();
    expect(modules).toEqual(["Déchets", "Équipements connectés"]);
    // What waits for them, counted from the waste module's own lists (other files of the run may
    // have left some: the count is any, its words are exact).
    expect(await page.locator("#a-traiter-liste strong").allTextContents()).toEqual(["Messages rejetés", "Interventions demandées"]);
    const todo = await page.locator("#a-traiter-liste span").allTextContents();
    expect(todo[0]).toMatch(/^(Aucun message rejeté par les files d’événements|\d+ messages? rejetés? à examiner)$/);
    expect(todo[1]).toMatch(/^(Aucune intervention demandée en attente|\d+ interventions? demandées?, à planifier)$/);
    // This browser's session is listed and marked as this one (the account may have others open:
    // the run's files share one platform).
    expect(await page.locator("#sessions tr", { hasText: "Cette session" }).count()).toBe(1);
    expect(await axe(page), "Mon espace").toEqual([]);
    await page.screenshot({ path: path.join(root, ".state", "screenshot-espace.png"), fullPage: true });
    await context.close();
  });

  it("closes a session opened in another browser, and signs out here and at the provider", async () => {
    const first = await newPage();
    const second = await newPage();
    await signIn(first.page, "Compte agent ou élu (démonstration locale)", "Alix Administratrice");
    await signIn(second.page, "Compte agent ou élu (démonstration locale)", "Alix Administratrice");
    // Only modules that have a page get a card (the administration pages are not built yet).
    expect(await first.page.locator("#modules strong").allTextContents()).toEqual(expect.arrayContaining(["Archives", "Carte du territoire", "Conseil"]));
    expect(await first.page.locator("#modules strong").allTextContents()).not.toContain("Administration");
    // The demonstration council has a sitting ahead (seeded 30 days from the day of the seed).
    const sitting = first.page.locator("#a-traiter-liste li", { hasText: "Prochaine séance" }).locator("span");
    expect(await sitting.textContent()).toMatch(/^Prochaine séance : .+, le \d{1,2} \S+ \d{4} à \d{2}:\d{2}$/);

    await first.page.reload();
    await first.page.locator("#connecte:not([hidden])").waitFor();
    // The second browser's session is listed with a button to close it (as is any other session of
    // this account that an earlier file of the run left open): close them all from here.
    const rows = first.page.locator("#sessions tr");
    const close = first.page.getByRole("button", { name: /^Fermer la session/ });
    await close.first().waitFor();
    while ((await close.count()) > 0) {
      const before = await rows.count();
      await close.first().click();
      await expect.poll(() => rows.count()).toBe(before - 1);
    }
    await first.page.getByText("Session fermée.").waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("Cette session");
    expect(await axe(first.page), "Mon espace après fermeture").toEqual([]);

    // The other browser is signed out.
    await second.page.reload();
    await second.page.getByText("Vous n’êtes pas connecté.").waitFor();
    expect(await second.page.getByRole("link", { name: "Se connecter" }).count()).toBe(1);

    // Sign-out: here, then at the provider, then back to the sign-in page.
    await first.page.getByRole("button", { name: "Se déconnecter" }).click();
    await first.page.waitForURL(`http://127.0.0.1:${ports.oidc}/**`);
    await first.page.getByRole("button", { name: "Oui, me déconnecter" }).click();
    await first.page.waitForURL(`${site}/cclvd/connexion/**`);
    await first.page.getByText("Vous êtes déconnecté.").waitFor();
    await first.page.goto(`${site}/cclvd/espace/`);
    await first.page.getByText("Vous n’êtes pas connecté.").waitFor();
    // Signed out at the provider too: the next sign-in asks who you are again.
    await first.page.goto(`${site}/cclvd/connexion/`);
    await first.page.getByRole("link", { name: "Compte agent ou élu (démonstration locale)" }).click();
    await first.page.waitForURL(`http://127.0.0.1:${ports.oidc}/interaction/**`);
    await first.context.close();
    await second.context.close();
  });

  it("a resident's first sign-in creates them as a resident", async () => {
    const { context, page } = await newPage();
    await signIn(page, "Compte habitant (démonstration locale)", "Félix Habitant");
    expect(await page.locator("#roles li").allTextContents()).toEqual(["Habitant ou habitante"]);
    expect(await page.locator("#modules strong").allTextContents()).toEqual(["Mes déchets"]);
    expect(await page.getByRole("link", { name: "Mes déchets" }).getAttribute("href")).toBe("/cclvd/espace/mes-dechets/");
    await context.close();
  });

  it("says why a sign-in failed, and asks for an e-mail link, accessibly", async () => {
    const { context, page } = await newPage();
    await page.goto(`${site}/cclvd/connexion/?erreur=jeton`);
    await page
      .getByRole("alert")
      .getByText(/réponse invalide/)
      .waitFor();
    await page.getByLabel(/Adresse électronique/).fill("pas-une-adresse");
    await page.getByRole("button", { name: "Recevoir le lien" }).click();
    expect(await page.getByLabel(/Adresse électronique/).getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel(/Adresse électronique/).fill("boulangerie@liancourt.invalid");
    await page.getByRole("button", { name: "Recevoir le lien" }).click();
    await page.getByText(/un lien de connexion vient d’y être envoyé/).waitFor();
    expect(await axe(page), "page de connexion avec erreur").toEqual([]);
    await context.close();
  });
});

describe("map editor (back office)", () => {
  it("an agent draws a point, fills the layer's fields and saves it; imports a file with its report", async () => {
    const { context, page } = await newPage();
    await signIn(page, "Compte agent ou élu (démonstration locale)", "Léo Agent SIG");
    await page.getByRole("link", { name: "Carte du territoire" }).click();
    await page.waitForURL(`${site}/cclvd/espace/carte/`);
    await page.locator('#carte-edition[data-map-ready="true"]').waitFor();
    await page.getByLabel("Couche à modifier").selectOption({ label: "Équipements publics" });
    await page.locator("#objets-legende", { hasText: "14 objets" }).waitFor();
    const before = await page.locator("#objets tr").count();
    expect(await axe(page), "éditeur de carte").toEqual([]);

    await page.getByRole("button", { name: "Point", exact: true }).click();
    const box = (await page.locator("#carte-edition canvas").boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByLabel("Nom", { exact: true }).fill("Salle des fêtes de démonstration");
    await page.getByLabel("Type").selectOption("gymnase");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Objet enregistré.").waitFor();
    await page.getByRole("cell", { name: "Salle des fêtes de démonstration", exact: true }).waitFor();
    expect(await page.locator("#objets tr").count()).toBe(before + 1);

    // A point outside the territory (the map's corner, beyond the communes' frame) is refused by the
    // API, and the error is shown beside the map and in the form's summary.
    await page.getByRole("button", { name: "Point", exact: true }).click();
    await page.mouse.click(box.x + 4, box.y + 4);
    await page.getByLabel("Nom", { exact: true }).fill("Hors du territoire");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    const summary = page.locator("#fiche-objet [data-problem-summary]");
    await summary.getByRole("link", { name: "Ce point est hors du territoire de la collectivité." }).waitFor();
    expect(await page.locator("#carte-edition").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#carte-edition-erreur").textContent()).toBe("Ce point est hors du territoire de la collectivité.");
    await page.getByRole("button", { name: "Annuler" }).click();
    expect(await page.locator("#objets tr").count()).toBe(before + 1);

    const csv = (rows: string) => ({ name: "import.csv", mimeType: "text/csv", buffer: Buffer.from(`nom;lon;lat;type\n${rows}`) });
    await page.getByLabel("Fichier (GeoJSON ou CSV)").setInputFiles(csv("Gymnase A;2.463;49.3305;gymnase\nGymnase B;2.47;95;gymnase\n"));
    await page.getByRole("button", { name: "Importer" }).click();
    await page.getByText("Import refusé").first().waitFor();
    expect(await page.locator("#import-erreurs tbody tr").first().textContent()).toContain("ligne 3");
    expect(await page.locator("#fichier-progression").getAttribute("value")).toBe("100");
    await page.getByLabel("Fichier (GeoJSON ou CSV)").setInputFiles(csv("Gymnase A;2.463;49.3305;gymnase\nGymnase B;2.4705;49.317;gymnase\n"));
    await page.getByRole("button", { name: "Importer" }).click();
    await page.getByText("2 objet(s) importé(s).").waitFor();
    await page.getByRole("cell", { name: "Gymnase B", exact: true }).waitFor();
    expect(await axe(page), "éditeur après import").toEqual([]);
    await context.close();
  });

  it("refuses people who may not edit the map", async () => {
    const { context, page } = await newPage();
    await signIn(page, "Compte agent ou élu (démonstration locale)", "Bastien Agent déchets");
    await page.goto(`${site}/cclvd/espace/carte/`);
    await page.getByText("Cette page est réservée aux agents habilités à modifier la carte.").waitFor();
    expect(await page.locator("#editeur-outils").isHidden()).toBe(true);
    await context.close();
  });
});
