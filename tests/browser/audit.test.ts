/**
 * The security audit back office in a real browser, on the platform `npm run dev` starts: the
 * collectivité's RSSI (Vera, cclvd) opens « Sécurité et RGPD » from Mon espace, records two findings
 * of a MonAideCyber diagnostic with their corrective actions — one already past its due day is
 * flagged overdue —, is told beside the form that closing needs its evidence, then closes the
 * action with it. The page reads the maturity, the homologations, the register and the incidents;
 * axe finds nothing. Dates are relative to today (Paris).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { addDays, parisDay } from "@communa/core/time";
import { axe, signInDemo, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from "../setup/browser-platform.ts";

let platform: BrowserPlatform;
let browser: Browser;
let site: string;

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, site } = platform);
}, 780_000);

afterAll(async () => {
  await stopBrowserPlatform(platform);
});

describe("security audit pages", () => {
  it("the RSSI records findings, sees the overdue action, and closes it with its evidence", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signInDemo(page, platform, "Vera Agent sécurité");
    await page.locator("#modules").getByRole("link", { name: "Sécurité et RGPD" }).click();
    await page.waitForURL(`${site}/cclvd/espace/securite/`);
    await page.locator("#securite [data-tools]:not([hidden])").waitFor();
    await page.getByText(/^Référentiel : guide d’hygiène informatique de l’ANSSI \(42 mesures\)\. \d+ mesures dont le texte est vérifié/).waitFor();
    await page.getByRole("table", { name: "Traitement « Comptes, rôles et journal d’audit »" }).waitFor();

    const form = page.getByRole("form", { name: "Enregistrer un constat" });
    const record = async (title: string, dueOn: string, severity: string) => {
      await form.getByLabel("Origine").selectOption({ label: "Diagnostic MonAideCyber" });
      await form.getByLabel("Constat").fill(title);
      await form.getByLabel("Gravité").selectOption({ label: severity });
      await form.getByLabel("Bien concerné").fill("Serveur de fichiers de la mairie");
      await form.getByLabel("Action corrective proportionnée").fill("Sauvegarde hors ligne et restauration testée");
      await form.getByLabel("Fonction responsable").fill("Prestataire informatique");
      await form.getByLabel("Échéance").fill(dueOn);
      await form.getByRole("button", { name: "Ajouter" }).click();
      await page.locator("#constats tr", { hasText: title }).waitFor();
    };
    await record("Sauvegardes jamais testées", addDays(parisDay(), -5), "Élevée");
    await record("Comptes administrateurs partagés", addDays(parisDay(), 30), "Critique");
    const late = page.locator("#constats tr", { hasText: "Sauvegardes jamais testées" });
    await late.getByText("En retard").waitFor();
    expect(await page.locator("#constats tr", { hasText: "Comptes administrateurs partagés" }).getByText("En retard").count()).toBe(0);
    await page.getByText("2 action(s) ouverte(s), dont 1 en retard ; 0 close(s).").waitFor();

    const close = page.getByRole("form", { name: "Clore une action" });
    await close.getByLabel("Action", { exact: true }).selectOption({ label: "Sauvegardes jamais testées" });
    await close.getByRole("button", { name: "Clore l’action" }).click();
    const refusal = close.locator(".erreur-champ", { hasText: "indiquez la preuve de sa réalisation" });
    await refusal.waitFor();
    expect(await close.getByLabel("Preuve de la réalisation").getAttribute("aria-invalid")).toBe("true");
    await close.getByLabel("Preuve de la réalisation").fill("Procès-verbal de test de restauration");
    await close.getByRole("button", { name: "Clore l’action" }).click();
    await close.getByText("Action close.").waitFor();
    await late.getByText("Procès-verbal de test de restauration").waitFor();
    expect(await late.getByText("Close", { exact: true }).count()).toBe(1);
    expect(await late.getByText("En retard").count()).toBe(0);
    await page.getByText("1 action(s) ouverte(s), dont 0 en retard ; 1 close(s).").waitFor();
    expect(await axe(page), "espace sécurité").toEqual([]);
    await context.close();
  });
});
