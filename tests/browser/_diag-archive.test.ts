/**
 * The archives back office in a real browser, on the platform `npm run dev` starts: "Mon espace"
 * links to it; an agent deposits two files through the form (each upload shows its progress), the
 * deposit is sealed and its acceptance report linked, the unit is found by search; axe finds
 * nothing on the page, before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
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

/** Signs in with the local provider as a demo account (the administrator holds every archive right). */
async function signIn(page: Page, account: string) {
  await page.goto(`${site}/cclvd/connexion/`);
  await page.getByRole("link", { name: "Compte agent ou élu (démonstration locale)" }).click();
  await page.waitForURL(`http://127.0.0.1:${ports.oidc}/interaction/**`);
  await page.getByLabel(account).check();
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(`${site}/cclvd/espace/`);
  await page.locator("#connecte:not([hidden])").waitFor();
}

describe("archives back office", () => {
  it("deposits files with progress, seals them, finds them, with no accessibility violation", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signIn(page, "Alix Administratrice");
    await page
      .getByRole("link", { name: /Archives/ })
      .first()
      .click();
    await page.waitForURL(`${site}/cclvd/espace/archives/`);
    await page.locator("#ar-versement:not([hidden])").waitFor();
    await page.locator("#v-appraisal option").first().waitFor({ state: "attached" });
    expect(await axe(page), "page des archives").toEqual([]);

    // Nothing typed: each missing field says so beside it, and the summary on top links to them.
    await page.getByRole("button", { name: "Verser" }).click();
    const titleField = page.getByLabel("Intitulé");
    await expect.poll(() => titleField.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#v-title-erreur").textContent()).toBe("Intitulé : Ce champ est obligatoire.");
    expect(await page.locator("#v-files-erreur").textContent()).toBe("Choisissez au moins un fichier.");
    expect(await axe(page), "versement refusé, erreurs à côté des champs").toEqual([]);

    const title = `Registre des délibérations ${Date.now()}`;
    await page.getByLabel("Intitulé").fill(title);
    await page.getByLabel("Service producteur").fill("Secrétariat général");
    await page.getByLabel("Service versant").fill("Secrétariat général");
    await page.getByLabel("Date de fin des documents").fill(`${new Date().getFullYear() - 1}-12-31`);
    await page.getByLabel("Mots-clés").fill("conseil, délibérations");
    await page.getByLabel("Durée d’utilité administrative et sort final").selectOption("APP-DELIB");
    await page.getByLabel("Communicabilité").selectOption("ACC-00");
    await page.getByLabel("Fichiers").setInputFiles([
      { name: "deliberations-2025.pdf", mimeType: "application/pdf", buffer: Buffer.from(`%PDF-1.7\n% ${title}\n%%EOF\n`) },
      { name: "annexe.txt", mimeType: "text/plain", buffer: Buffer.from(`Annexe budgétaire ${"x".repeat(300_000)}`) },
    ]);
    await page.getByRole("button", { name: "Verser" }).click();
    await page.getByText(/^Versement VERS-\d{4}-\d{5} accepté et scellé\.$/).waitFor();
    const bars = page.locator("#v-progression progress");
    expect(await bars.count()).toBe(2);
    for (let i = 0; i < 2; i++) expect(await bars.nth(i).getAttribute("value")).toBe("100");
    const reply = await page.getByRole("link", { name: "Accusé de réception (SEDA)" }).getAttribute("href");
    const xml = await page.evaluate(async (u) => (await fetch(u!)).text(), reply);
    expect(xml).toContain("<ReplyCode>OK</ReplyCode>");

    await page.getByLabel("Rechercher dans les notices").fill("registre délibérations");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.getByRole("row", { name: new RegExp(title) }).waitFor();
    // The words searched are in the address: a reload shows the same results.
    expect(new URL(page.url()).searchParams.get("q")).toBe("registre délibérations");
    await page.reload();
    await page.getByRole("row", { name: new RegExp(title) }).waitFor();
    expect(await page.getByLabel("Rechercher dans les notices").inputValue()).toBe("registre délibérations");
    page.on("request", (r) => r.url().includes("journal") && console.log("DIAG request", r.url()));
    page.on("response", (r) => r.url().includes("journal") && console.log("DIAG response", r.status(), r.url()));
    page.on("pageerror", (e) => console.log("DIAG pageerror", e.message));
    page.on("console", (m) => console.log("DIAG console", m.type(), m.text()));
    await page.getByRole("button", { name: "Vérifier la chaîne du journal" }).click();
    console.log("DIAG clicked");
    await page.getByText(/^Chaîne intègre/).waitFor({ timeout: 60_000 }).catch(async () => console.log("DIAG state", await page.locator("#j-etat").evaluate((e) => e.outerHTML)));
    await page.getByText(/^Chaîne intègre/).waitFor();
    expect(await axe(page), "page des archives après un versement").toEqual([]);

    // Sort final: a deposit whose DUA has ended appears among the units to eliminate; the decision
    // is recorded; the visa cannot come from the person who decided.
    const old = `Offres non retenues ${Date.now()}`;
    await page.getByLabel("Intitulé").fill(old);
    await page.getByLabel("Service producteur").fill("Commande publique");
    await page.getByLabel("Service versant").fill("Commande publique");
    // Documents ended twelve years ago: their DUA (offers not retained) has ended.
    await page.getByLabel("Date de fin des documents").fill(`${new Date().getFullYear() - 12}-06-30`);
    await page.getByLabel("Durée d’utilité administrative et sort final").selectOption("APP-OFFRE-NR");
    await page.getByLabel("Fichiers").setInputFiles([{ name: "offre.pdf", mimeType: "application/pdf", buffer: Buffer.from(`%PDF-1.7\n% ${old}\n%%EOF\n`) }]);
    await page.getByRole("button", { name: "Verser" }).click();
    await page.getByText(/^Versement VERS-\d{4}-\d{5} accepté et scellé\.$/).waitFor();
    await page.reload();
    const box = page.getByRole("checkbox", { name: new RegExp(old) });
    await box.waitFor();
    await box.check();
    await page.getByLabel("Motif de la décision d’élimination").fill("DUA échue, sort final : élimination");
    await page.getByRole("button", { name: "Proposer l’élimination des unités cochées" }).click();
    await page.getByText(/^Décision ELIM-\d{4}-\d{5} enregistrée/).waitFor();
    await page.locator("#d-liste li", { hasText: "décidée par l’archiviste" }).first().waitFor();
    expect(await axe(page), "page des archives avec une décision en attente de visa").toEqual([]);
    await page
      .getByLabel(/^Référence du visa/)
      .first()
      .fill("VISA-TEST");
    await page.getByRole("button", { name: "Viser" }).first().click();
    await page.getByText(/^Le visa de l’autorité de contrôle doit être donné par une autre personne que l’archiviste qui a décidé l’élimination/).waitFor();
    await context.close();
  });
});
