/**
 * The tenant's identity in the back office, on the platform `npm run dev` starts (issue #26): an
 * administrator opens "Identité visuelle" from Mon espace, finds the seed's accent, sees a too-pale
 * colour refused at its field with its measured ratio, saves a dark enough one, and uploads a logo
 * — refused without its alternative text, then re-encoded to 240 px high and shown — and removes
 * it. Each state is checked with axe. A role that may not edit the tenant gets no card for it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { readFileSync } from "node:fs";
import path from "node:path";
import { root } from "../setup/bundle.ts";
import type { Ports } from "../setup/dev-platform.ts";
import { png } from "../setup/png.ts";
import { axe, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform, signInDemo } from "../setup/browser-platform.ts";

let platform: BrowserPlatform;
let browser: Browser;
let ports: Ports;
let site: string;

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, ports, site } = platform);
}, 780_000);

afterAll(() => stopBrowserPlatform(platform), 60_000);

const seeded = (
  JSON.parse(readFileSync(path.join(root, "db", "seed", "data", "identity-demo.json"), "utf8")) as { identities: Array<{ tenant: string; accent: string }> }
).identities;

const signInAs = (page: Page, account: string) => signInDemo(page, platform, account);

describe("the tenant's identity", () => {
  it("an administrator sets the accent (a pale one refused with its ratio) and uploads, then removes, a logo with its text", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signInAs(page, "Alix Administratrice");
    await page.getByRole("link", { name: "Identité visuelle" }).click();
    await page.waitForURL(`${site}/cclvd/espace/identite/`);
    await page.locator("#outils:not([hidden])").waitFor();
    const code = page.getByLabel("Code de la couleur");
    expect(await code.inputValue()).toBe(seeded.find((s) => s.tenant === "cclvd")!.accent);
    expect(await page.locator("#apercu-ratios").textContent()).toMatch(/^Lien sur fond blanc : 6,7:1/);
    expect(await axe(page), "identité visuelle").toEqual([]);

    // Too pale: named at its field, with the ratio the API measured; the preview says so first.
    await code.fill("#7fb3e6");
    expect(await page.locator("#apercu-ratios").textContent()).toContain("2,2:1, insuffisant");
    await page.getByRole("button", { name: "Enregistrer la couleur" }).click();
    const form = page.locator("#f-couleur");
    await form.locator('#f-accent[aria-invalid="true"]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-problem-summary"))).toBe(true);
    expect(await form.locator("#f-accent-erreur").textContent()).toMatch(/^Contraste 2,2:1 sur fond blanc, 4,5:1 au moins/);
    expect(await code.getAttribute("aria-describedby")).toContain("f-accent-erreur");

    // Dark enough: saved; the palette follows the code.
    await code.fill("#6b4e00");
    expect(await page.getByLabel("Choisir dans la palette").inputValue()).toBe("#6b4e00");
    await page.getByRole("button", { name: "Enregistrer la couleur" }).click();
    await page.locator("#f-couleur-statut", { hasText: "Couleur enregistrée" }).waitFor();
    expect(await form.locator("[aria-invalid]").count()).toBe(0);
    expect(await page.locator("#couleur-actuelle").textContent()).toContain("#6b4e00");
    expect(await axe(page), "identité visuelle, couleur enregistrée").toEqual([]);

    // A logo without its text is refused at the text's field; with it, re-encoded and shown.
    const logos = page.locator("#f-logo");
    await page
      .getByLabel("Image (PNG, JPEG ou WebP, 2 Mo au plus)")
      .setInputFiles({ name: "blason.png", mimeType: "image/png", buffer: Buffer.from(await png(600, 480)) });
    await page.getByRole("button", { name: "Envoyer le logo" }).click();
    await logos.locator('#f-alt[aria-invalid="true"]').waitFor();
    expect(await logos.locator("#f-alt-erreur").textContent()).toContain("Le texte de remplacement est obligatoire");
    await page.getByLabel("Texte de remplacement").fill("Blason de la CCLVD");
    await page.getByRole("button", { name: "Envoyer le logo" }).click();
    await page.locator("#f-logo-statut", { hasText: "Logo enregistré." }).waitFor();
    const img = page.getByRole("img", { name: "Blason de la CCLVD" });
    await img.waitFor();
    expect(await img.getAttribute("src")).toMatch(/^\/t\/cclvd\/api\/territory\/logos\/[0-9a-f]{64}\.webp$/);
    await page.waitForFunction(() => (document.getElementById("logo-image") as HTMLImageElement | null)?.complete === true);
    expect(await img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight])).toEqual([300, 240]);
    expect(await axe(page), "identité visuelle, logo enregistré").toEqual([]);

    await page.getByRole("button", { name: "Retirer le logo" }).click();
    await page.locator("#f-logo-statut", { hasText: "Logo retiré." }).waitFor();
    expect(await page.locator("#logo-actuel").isHidden()).toBe(true);
    // Back to the seed's colour, for the other files sharing this platform.
    await code.fill(seeded.find((s) => s.tenant === "cclvd")!.accent);
    await page.getByRole("button", { name: "Enregistrer la couleur" }).click();
    await page.locator("#f-couleur-statut", { hasText: "Couleur enregistrée" }).waitFor();
    await context.close();
  });

  it("offers no identity card to a role that may not edit the tenant, and refuses its page", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signInAs(page, "Bastien Agent déchets");
    expect(await page.locator("#modules strong").allTextContents()).not.toContain("Identité visuelle");
    await page.goto(`${site}/cclvd/espace/identite/`);
    await page.locator("#etat", { hasText: "Votre rôle ne permet pas" }).waitFor();
    expect(await page.locator("#outils").isHidden()).toBe(true);
    await context.close();
  });
});
