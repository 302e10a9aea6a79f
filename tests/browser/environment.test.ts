/**
 * Water (issue #22), on the platform `npm run dev` starts: the EPCI's water and energy agent
 * imports saved Hub'Eau answers from the back office (the recorded answers for Liancourt), and a
 * resident opening Liancourt's water page reads the network of the year, the latest sanitary
 * conclusion in plain French, what the codes mean, and each key parameter as a chart with its
 * limit and as a table. Both pages are checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { readFileSync } from "node:fs";
import path from "node:path";
import { root } from "../setup/bundle.ts";
import { axe, signInDemo, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from "../setup/browser-platform.ts";

let platform: BrowserPlatform;
let browser: Browser;
let site: string;

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, site } = platform);
}, 780_000);

afterAll(() => stopBrowserPlatform(platform), 60_000);

type Row = Record<string, unknown>;
const recorded = JSON.parse(readFileSync(path.join(root, "workers/environment/src/fixtures/hubeau-recorded.json"), "utf8")) as {
  communes_udi: Row[];
  resultats_dis: Row[];
};
const liancourt = {
  year: 2026,
  communes_udi: recorded.communes_udi.filter((r) => r.code_commune === "60360" && r.annee === "2026"),
  resultats_dis: recorded.resultats_dis.filter((r) => r.code_commune === "60360"),
};
const newest = [...liancourt.resultats_dis].sort((a, b) => (String(a.date_prelevement) < String(b.date_prelevement) ? 1 : -1))[0];
const nitrates = liancourt.resultats_dis.filter((r) => r.code_parametre === "1340");

describe("drinking water", () => {
  it("an agent imports Hub'Eau answers; Liancourt's water page shows the latest conformity, the codes and each parameter with its limit", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signInDemo(page, platform, "Zoé Agent eau et énergie");
    await page.getByRole("link", { name: "Eau et énergie" }).click();
    await page.waitForURL(`${site}/cclvd/espace/eau-energie/`);
    const form = page.getByRole("form", { name: "Importer des réponses Hub'Eau enregistrées" });
    await form
      .getByLabel("Fichier JSON")
      .setInputFiles({ name: "hubeau-liancourt.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(liancourt)) });
    await form.getByRole("button", { name: "Importer" }).click();
    const samples = new Set(liancourt.resultats_dis.map((r) => r.code_prelevement)).size;
    await form
      .getByText(`Import terminé : ${samples} prélèvement(s) nouveau(x), 0 mis à jour, ${liancourt.resultats_dis.length} résultat(s) nouveau(x).`)
      .waitFor();
    expect(await axe(page), "espace eau et énergie").toEqual([]);
    await context.close();

    const visitor = await browser.newContext({ locale: "fr-FR" });
    const water = await visitor.newPage();
    await water.goto(`${site}/liancourt/eau/`);
    const conclusion = water.locator("#conclusion");
    await conclusion.waitFor();
    expect(await conclusion.textContent()).toBe(`Conclusion de l’ARS : ${newest.conclusion_conformite_prelevement}`);
    expect(await water.locator("#reseau").textContent()).toMatch(/^En \d{4}( \(dernière année connue\))? : LIANCOURT \(060000412\)$/);
    expect(await water.locator("#codes-controle dd").first().textContent()).toBe("C — conforme");
    await water.getByText("Que signifient les codes C, N, D et S ?").click();
    await water.getByText("sans objet : ces paramètres n’ont pas été recherchés dans ce prélèvement").waitFor();
    // Nitrates: a chart naming the limit, and the table of every measure (the July 2025 exceedance included).
    const chart = water.getByRole("img", { name: /^Nitrates : 35 mesures, limite de qualité 50 mg\/L\./ });
    expect(await chart.locator("line.limite").count()).toBe(1);
    const table = water.getByRole("table", { name: "Nitrates — valeurs mesurées" });
    expect(await table.locator("tbody tr").count()).toBe(nitrates.length);
    expect(await table.getByText("52,3 mg/L").count()).toBe(1);
    expect(await water.getByRole("img", { name: /^Pesticides \(total\) : \d+ mesures, limite de qualité 0,5 µg\/l/i }).count()).toBe(1);
    expect(await axe(water), "page de l’eau de Liancourt").toEqual([]);
    await visitor.close();
  });
});
