/**
 * Kiosks and the station screen in a real browser (issue #18, ADR 0046), on the platform `npm run
 * dev` starts. The administrator registers a kiosk and a screen; the France services agent sees
 * them in the display editor and gives the kiosk a 2-minute idle reset; the kiosk page (opened with its credentials in the address's fragment, as the kiosk
 * browser's policy does) gets that setting with its heartbeat, returns to its home after 2 idle
 * minutes on Playwright's clock (no sleep), sets no cookie, and its help button lands a request an
 * agent sees in the GRU queue. The station screen shows what the France services agent publishes
 * (the permanences taken from France services' places, an announcement), without a reload. Each page passes axe.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { axe, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform, signInDemo } from "../setup/browser-platform.ts";

let platform: BrowserPlatform;
let browser: Browser;
let site: string;

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, site } = platform);
}, 780_000);

afterAll(() => stopBrowserPlatform(platform), 60_000);

interface Device {
  id: string;
  keyId: string;
  secret: string;
}

/** Registers a device on the devices page and reads its credentials from the secret panel. */
async function register(page: Page, kind: string, name: string): Promise<Device> {
  const form = page.locator("#f-enregistrer");
  await form.getByLabel("Type d’équipement").selectOption({ label: kind });
  await form.getByLabel(/^Nom/).fill(name);
  await form.getByRole("button", { name: "Enregistrer" }).click();
  await page.getByText(`Équipement « ${name} » enregistré : copiez son secret maintenant.`).waitFor();
  const shown = (label: string) => page.locator("[data-secret]").getByLabel(label, { exact: true }).inputValue();
  return { id: await shown("Identifiant de l’équipement"), keyId: await shown("Identifiant de la clé"), secret: await shown("Secret de signature") };
}

const fragment = (d: Device) => `#appareil=${encodeURIComponent(`${d.id}.${d.keyId}.${d.secret}`)}`;

/** Today in Paris, and a day later (the announcement's dates, computed from now). */
const parisDay = (offsetDays = 0) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" });

describe("kiosk and station screen", () => {
  it("the kiosk resets after idle, sets no cookie and its help request reaches the GRU queue; the screen follows the back office live", async () => {
    const stamp = Date.now();
    const kioskName = `Borne France services ${stamp}`;
    const screenName = `Écran gare de Rantigny ${stamp}`;

    const adminContext = await browser.newContext({ locale: "fr-FR" });
    const adminPage = await adminContext.newPage();
    await signInDemo(adminPage, platform, "Alix Administratrice");
    await adminPage.goto(`${site}/cclvd/espace/appareils/`);
    const kiosk = await register(adminPage, "Borne ou tablette", kioskName);
    const screenDevice = await register(adminPage, "Écran d’information", screenName);
    // The kiosk's idle reset, set by the France services agent in the display editor: pushed
    // through the kiosk's device session with its next heartbeat.
    const fsContext = await browser.newContext({ locale: "fr-FR" });
    const fsPage = await fsContext.newPage();
    await signInDemo(fsPage, platform, "Hugo Agent France Services");
    await fsPage.goto(`${site}/cclvd/espace/affichage/`);
    await fsPage.locator("#f-affichage[data-loaded]").waitFor();
    const kioskRow = fsPage.locator("#bornes tr", { hasText: kioskName });
    expect(await kioskRow.textContent()).toContain("Jamais vue");
    expect(await fsPage.locator("#bornes tr", { hasText: screenName }).textContent()).toContain("Écran d’information");
    await kioskRow.getByLabel(`Minutes d’inactivité avant la remise à zéro de « ${kioskName} »`).fill("2");
    await kioskRow.getByRole("button", { name: `Régler la remise à zéro de « ${kioskName} »` }).click();
    await fsPage.getByText(`« ${kioskName} » reviendra à l’accueil après 2 min sans personne.`).waitFor();
    expect(await axe(fsPage), "éditeur de l’affichage, bornes").toEqual([]);

    // The kiosk: its own browser context, the page's clock under the test's control.
    const kioskContext = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 800 } });
    const kioskPage = await kioskContext.newPage();
    await kioskPage.clock.install();
    await kioskPage.goto(`${site}/cclvd/borne/${fragment(kiosk)}`);
    // The credentials leave the address bar at once.
    await expect.poll(() => new URL(kioskPage.url()).hash).toBe("");
    await kioskPage.locator("#liens-publics[data-loaded]").waitFor();
    expect(await kioskPage.getByRole("link", { name: /^CAF/ }).getAttribute("href")).toBe("https://www.caf.fr/");
    await kioskPage.getByText("Sans action pendant 2 min, la borne revient à l’accueil et efface ce qui a été saisi.").waitFor();
    expect(await axe(kioskPage), "borne, accueil").toEqual([]);

    // A resident starts typing, then walks away: after 2 minutes without input the page is home again.
    await kioskPage.getByRole("button", { name: "Demander de l’aide à un conseiller" }).click();
    await kioskPage.getByLabel("Prénom (facultatif)").fill("Josiane");
    expect(await axe(kioskPage), "borne, demande d’aide").toEqual([]);
    await kioskPage.clock.runFor(2 * 60_000 + 1_000);
    await kioskPage.getByText("Borne revenue à l’accueil.").waitFor();
    expect(await kioskPage.locator("#aide").isHidden()).toBe(true);
    await kioskPage.getByRole("button", { name: "Demander de l’aide à un conseiller" }).click();
    expect(await kioskPage.getByLabel("Prénom (facultatif)").inputValue()).toBe("");

    // A bad phone number is said beside its field; then the request goes.
    await kioskPage.getByLabel("Téléphone (facultatif)").fill("pas un numéro");
    await kioskPage.getByRole("button", { name: "Appeler un conseiller" }).click();
    await kioskPage.getByText("Numéro de téléphone attendu, ex. 03 44 12 34 56.").first().waitFor();
    await kioskPage.getByLabel("Prénom (facultatif)").fill("Josiane");
    await kioskPage.getByLabel("Téléphone (facultatif)").fill("03 44 12 34 56");
    await kioskPage.getByRole("button", { name: "Appeler un conseiller" }).click();
    const sent = kioskPage.getByText(/^Demande transmise \(n° [A-Z]{8}\)/);
    await sent.waitFor();
    const code = /n° ([A-Z]{8})/.exec((await sent.textContent()) ?? "")![1];
    expect(await kioskContext.cookies(), "aucun cookie posé par les pages de la borne").toEqual([]);
    await kioskContext.close();

    // The kiosk is on the devices board, online (its page sent its heartbeat).
    await adminPage.reload();
    const row = adminPage.locator("#t-flotte").getByRole("row", { name: new RegExp(kioskName) });
    await row.waitFor();
    await expect.poll(async () => row.textContent()).toContain("En ligne");
    await adminContext.close();

    // An agent finds the request in the queue, naming the kiosk.
    const agentContext = await browser.newContext({ locale: "fr-FR" });
    const agentPage = await agentContext.newPage();
    await signInDemo(agentPage, platform, "Victor Conseiller habitat");
    await agentPage.goto(`${site}/cclvd/espace/accueil/`);
    const queued = agentPage.locator("#file-others tr", { hasText: code });
    await queued.waitFor();
    expect(await queued.textContent()).toContain(`Aide demandée à la borne « ${kioskName} »`);
    expect(await queued.textContent()).toContain("Borne d’accueil");
    expect(await queued.textContent()).toContain("Josiane");
    await agentContext.close();

    // The station screen, still for people who asked for reduced motion (every panel shown).
    const screenContext = await browser.newContext({ locale: "fr-FR", viewport: { width: 1920, height: 1080 }, reducedMotion: "reduce" });
    const screenPage = await screenContext.newPage();
    await screenPage.goto(`${site}/cclvd/ecran/${fragment(screenDevice)}`);
    await screenPage.getByRole("heading", { name: "Eau et déchets : actualités" }).waitFor();
    await screenPage.evaluate(() => {
      (window as unknown as { sansRechargement: boolean }).sansRechargement = true;
    });
    expect(await axe(screenPage), "écran d’information").toEqual([]);

    // The France services agent takes the places and permanences from France services, adds an
    // announcement and publishes; the screen shows them, not reloaded.
    await fsPage.reload();
    await fsPage.locator("#f-affichage[data-loaded]").waitFor();
    expect(await axe(fsPage), "éditeur de l’affichage").toEqual([]);
    await fsPage.getByRole("button", { name: "Reprendre les lieux et permanences de France services" }).click();
    await fsPage.getByText(/^Repris de France services : \d+ services? et \d+ permanences?\. Vérifiez, puis publiez\.$/).waitFor();
    const permanences = (await fsPage.getByRole("textbox", { name: /^Permanences/ }).inputValue()).split("\n");
    // The demonstration permanence meets every Tuesday: two in the next fortnight.
    expect(permanences.filter((l) => /^\d{4}-\d{2}-\d{2} \| 14:00–16:30 \| Permanence de /.test(l)).length).toBeGreaterThanOrEqual(2);
    const title = `Coupure d’eau ${stamp}`;
    await fsPage.getByRole("textbox", { name: /^Annonces/ }).fill(`eau | ${parisDay()} | ${parisDay(1)} | ${title} | Rue de la Gare, de 9 h à 12 h.`);
    await fsPage.getByRole("textbox", { name: /^Services et horaires/ }).fill("France services de Liancourt | du lundi au vendredi, 9 h-12 h et 14 h-17 h");
    await fsPage.getByRole("button", { name: "Publier" }).click();
    await fsPage.getByText(/^Affichage publié \(version \d+\) : les écrans sont à jour\.$/).waitFor();
    await screenPage.getByText(title).waitFor();
    await screenPage.getByText("France services de Liancourt").waitFor();
    await screenPage.locator('[data-panel="permanences"] li', { hasText: "Permanence de " }).first().waitFor();
    expect(await screenPage.evaluate(() => (window as unknown as { sansRechargement?: boolean }).sansRechargement)).toBe(true);
    expect(await axe(screenPage), "écran d’information, mis à jour").toEqual([]);

    // A date out of order is refused beside the field, in French.
    await fsPage.getByRole("textbox", { name: /^Annonces/ }).fill(`eau | ${parisDay(1)} | ${parisDay()} | ${title} | Rue de la Gare.`);
    await fsPage.getByRole("button", { name: "Publier" }).click();
    await fsPage.locator("#f-affichage [data-problem-summary]:not([hidden])").waitFor();
    expect(await fsPage.locator("#f-affichage [data-problem-summary] li").allTextContents()).toEqual(["La fin de l’annonce précède son début."]);
    expect(await axe(fsPage), "éditeur de l’affichage, erreur").toEqual([]);
    await fsContext.close();
    await screenContext.close();
  });
});
