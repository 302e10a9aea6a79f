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
import { axe, deviceCall, signInDemo, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from "../setup/browser-platform.ts";

let platform: BrowserPlatform;
let browser: Browser;
let site: string;

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, site } = platform);
}, 780_000);

afterAll(() => stopBrowserPlatform(platform), 60_000);

type Row = Record<string, unknown>;
const recorded = JSON.parse(readFileSync(path.join(root, "workers/core/src/testing/hubeau-recorded.json"), "utf8")) as {
  communes_udi: Row[];
  resultats_dis: Row[];
  chroniques: Row[];
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

describe("the water service's own monitoring", () => {
  it("an agent enters a self-check and imports a file of them; the commune's water page shows them beside, not instead of, the ARS's", async () => {
    const stamp = Date.now().toString(36).toUpperCase();
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signInDemo(page, platform, "Zoé Agent eau et énergie");
    await page.goto(`${site}/cclvd/espace/eau-energie/`);
    const own = page.getByRole("form", { name: "Autosurveillance du service" });
    // A commune other than Liancourt, whose counts the test above checks.
    const commune = own.getByLabel("Commune du prélèvement");
    await commune.waitFor();
    const choice = (await commune.locator("option").evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? ""]))).find(
      ([, name]) => name !== "Liancourt",
    )!;
    await commune.selectOption(choice[0]);
    await own.getByLabel("Référence du contrôle").fill(`AS-${stamp}`);
    // An hour ago, on the Paris clock (the input has no zone).
    const anHourAgo = new Date(Date.now() - 3_600_000).toLocaleString("sv-SE", { timeZone: "Europe/Paris" }).replace(" ", "T").slice(0, 16);
    await own.getByLabel("Date et heure du prélèvement (heure de Paris)").fill(anHourAgo);
    await own.getByLabel("Nitrates (mg/L)").fill("abc");
    await own.getByRole("button", { name: "Enregistrer le contrôle" }).click();
    await own.locator("[data-problem-summary]").getByText("Nombre attendu, par exemple 12,5.").first().waitFor();
    await own.getByLabel("Nitrates (mg/L)").fill("11,2");
    await own.getByLabel("E. coli (n/100mL)").fill("0");
    await own.getByRole("button", { name: "Enregistrer le contrôle" }).click();
    await own.getByText(`Contrôle « AS-${stamp} » enregistré : il paraît sur la page publique de l’eau.`).waitFor();
    const rows = page.getByRole("table", { name: "Derniers contrôles de l’autosurveillance" }).locator("tbody tr");
    await rows
      .filter({ hasText: `AS-${stamp}` })
      .getByText("Nitrates 11,2 mg/L ; E. coli 0 n/100mL")
      .waitFor();

    // A file with a wrong line is refused whole, the line named; the corrected file goes in.
    const file = page.getByRole("form", { name: "Importer un fichier d’autosurveillance (CSV)" });
    const csv = (value: string) =>
      Buffer.from(`reference;commune;date;parametre;valeur\nASF-${stamp};${choice[0]};${new Date(Date.now() - 3_600_000).toISOString()};pesticides;${value}\n`);
    await file.getByLabel("Fichier CSV").setInputFiles({ name: "autosurveillance.csv", mimeType: "text/csv", buffer: csv("beaucoup") });
    await file.getByRole("button", { name: "Importer" }).click();
    await file.locator("[data-problem-summary]").getByText("Ligne 2 : « valeur » doit être un nombre positif.").first().waitFor();
    expect(await rows.filter({ hasText: `ASF-${stamp}` }).count()).toBe(0);
    await file.getByLabel("Fichier CSV").setInputFiles({ name: "autosurveillance.csv", mimeType: "text/csv", buffer: csv("0,03") });
    await file.getByRole("button", { name: "Importer" }).click();
    await file.getByText("Import terminé : 1 contrôle(s), 1 résultat(s) enregistrés.").waitFor();
    await rows.filter({ hasText: `ASF-${stamp}` }).waitFor();
    expect(await axe(page), "espace eau et énergie, autosurveillance").toEqual([]);
    await context.close();

    const visitor = await browser.newContext({ locale: "fr-FR" });
    const water = await visitor.newPage();
    await water.goto(`${site}/cclvd/eau/?commune=${choice[0]}`);
    const section = water.getByRole("region", { name: "Autosurveillance du service de l’eau" });
    await section.waitFor();
    expect(await section.getByText("seul ce dernier établit la conformité").count()).toBe(1);
    const nitratesTable = water.getByRole("table", { name: "Nitrates — valeurs mesurées" });
    expect(await nitratesTable.locator("tr", { hasText: "11,2 mg/L" }).filter({ hasText: "Autosurveillance du service" }).count()).toBeGreaterThan(0);
    expect(await axe(water), "page de l’eau, autosurveillance").toEqual([]);
    await visitor.close();
  });
});

describe("groundwater and drought", () => {
  it("a piezometer's readings and a Hub'Eau station share one chart with the commune's drought level and the trend alert", async () => {
    const stamp = Date.now().toString(36).toUpperCase();
    // The administrator registers the piezometer; its secret is shown once.
    const adminContext = await browser.newContext({ locale: "fr-FR" });
    const admin = await adminContext.newPage();
    await signInDemo(admin, platform, "Alix Administratrice");
    await admin.goto(`${site}/cclvd/espace/appareils/`);
    const register = admin.locator("#f-enregistrer");
    await register.getByLabel("Type d’équipement").selectOption({ label: "Piézomètre" });
    await register.getByLabel(/^Nom/).fill(`Sonde ${stamp}`);
    await register.getByRole("button", { name: "Enregistrer" }).click();
    await admin.getByText(`Équipement « Sonde ${stamp} » enregistré : copiez son secret maintenant.`).waitFor();
    const shown = (label: string) => admin.locator("[data-secret]").getByLabel(label, { exact: true }).inputValue();
    const device = { id: await shown("Identifiant de l’équipement"), keyId: await shown("Identifiant de la clé"), secret: await shown("Secret de signature") };
    await adminContext.close();

    // The service registers it as a station with its thresholds, then a Hub'Eau station.
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signInDemo(page, platform, "Zoé Agent eau et énergie");
    await page.goto(`${site}/cclvd/espace/eau-energie/`);
    const station = page.getByRole("form", { name: "Enregistrer une station" });
    await station.getByLabel("Identifiant de l’équipement ou code BSS").fill("sonde-12");
    await station.getByLabel("Nom", { exact: true }).fill(`Piézomètre de Liancourt ${stamp}`);
    await station.getByRole("button", { name: "Enregistrer la station" }).click();
    await station
      .locator("[data-problem-summary]")
      .getByText("Pour un piézomètre de la collectivité, l’identifiant de l’équipement (celui de la page « Équipements »).")
      .first()
      .waitFor();
    await station.getByLabel("Identifiant de l’équipement ou code BSS").fill(device.id);
    await station.getByLabel("Commune (facultatif)").selectOption({ label: "Liancourt" });
    await station.getByLabel("Zone d’alerte sécheresse (code VigiEau, facultatif)").fill("ZA-BRECHE");
    await station.getByLabel("Seuil de vigilance : profondeur (m, facultatif)").fill("14,5");
    await station.getByLabel("Seuil d’alerte : profondeur (m, facultatif)").fill("16");
    await station.getByRole("button", { name: "Enregistrer la station" }).click();
    await station.getByText(`Station « Piézomètre de Liancourt ${stamp} » enregistrée.`).waitFor();
    await station.getByLabel("Type de station").selectOption({ label: "Station Hub'Eau (code BSS)" });
    await station.getByLabel("Identifiant de l’équipement ou code BSS").fill("01035X0087/F1");
    await station.getByLabel("Nom", { exact: true }).fill("Station BRGM de Cauffry");
    await station.getByRole("button", { name: "Enregistrer la station" }).click();
    await station.getByText("Station « Station BRGM de Cauffry » enregistrée.").waitFor();

    // The piezometer posts a reading a day for two weeks, the water table falling 5 cm a day.
    const now = Date.now();
    const events = Array.from({ length: 14 }, (_, i) => ({
      seq: i + 1,
      at: new Date(now - (13 - i) * 86_400_000 - 60_000).toISOString(),
      metric: "nappe.profondeur",
      value: Math.round((13.6 + i * 0.05) * 100) / 100,
      unit: "m",
    }));
    const posted = await deviceCall(platform, device, "/ingest/telemetry", { events, backlog: 0 });
    expect(posted.status).toBe(202);
    // The consumer has stored them when the list shows the last one.
    const stations = page.getByRole("table", { name: "Stations suivies" });
    await expect
      .poll(
        async () => {
          await page.reload();
          return (await stations.locator("tr", { hasText: `Piézomètre de Liancourt ${stamp}` }).textContent()) ?? "";
        },
        { timeout: 120_000, interval: 1000 },
      )
      .toContain("14,25 m le");

    // The station's validated levels from a saved Hub'Eau answer, and Liancourt's drought level from VigiEau's.
    const levels = page.getByRole("form", { name: "Importer des niveaux Hub'Eau enregistrés" });
    await levels.getByLabel("Station Hub'Eau").selectOption({ label: "Station BRGM de Cauffry (01035X0087/F1)" });
    await levels.getByLabel("Fichier JSON").setInputFiles({
      name: "chroniques.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify({ count: recorded.chroniques.length, data: recorded.chroniques })),
    });
    await levels.getByRole("button", { name: "Importer" }).click();
    await levels.getByText(`Import terminé : ${recorded.chroniques.length} mesure(s) lue(s), ${recorded.chroniques.length} nouvelle(s).`).waitFor();
    const drought = page.getByRole("form", { name: "Niveau de sécheresse d’une commune" });
    await drought.getByLabel("Commune").selectOption({ label: "Liancourt" });
    const zones = [
      { code: "ZA-BRECHE", nom: "Bassin de la Brèche", type: "SOU", niveauGravite: "alerte_renforcee", arreteRestriction: { numero: `SEC-${stamp}` } },
    ];
    await drought.getByLabel("Fichier JSON").setInputFiles({ name: "vigieau.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(zones)) });
    await drought.getByRole("button", { name: "Enregistrer le niveau" }).click();
    await drought.getByText("Niveau de sécheresse enregistré : 1 zone(s) d’alerte.").waitFor();
    expect(await axe(page), "espace eau et énergie, nappes").toEqual([]);
    await context.close();

    // A resident of Liancourt: the drought level in words, both stations on one chart, the trend alert.
    const visitor = await browser.newContext({ locale: "fr-FR" });
    const water = await visitor.newPage();
    await water.goto(`${site}/liancourt/eau/`);
    const region = water.getByRole("region", { name: "Nappes et sécheresse" });
    await region.getByText("Niveau de sécheresse : Alerte renforcée (zone Bassin de la Brèche)").waitFor();
    const chart = region.getByRole("img", { name: /^Profondeur de la nappe sous le sol \(m\) pour \d+ stations/ });
    const legend = region.locator("ul.legende");
    expect(await legend.textContent()).toContain(`Piézomètre de Liancourt ${stamp} — piézomètre de la collectivité (brut)`);
    expect(await legend.textContent()).toContain("Station BRGM de Cauffry — station Hub'Eau (validé)");
    // One line per station listed, the thresholds as bands.
    expect(await chart.locator("path.serie").count()).toBe(await legend.locator("li").count());
    expect(await chart.locator("rect.bande-vigilance").count()).toBe(1);
    await region
      .getByText(new RegExp(`^Piézomètre de Liancourt ${stamp} : au rythme des 14 derniers jours, le seuil de vigilance serait atteint vers le `))
      .waitFor();
    expect(await axe(water), "page de l’eau, nappes").toEqual([]);
    await visitor.close();
  });
});

/** A day's load curve in 30-minute steps stamped at their end (Paris winter time), `watts(hour)` per step. */
function loadDay(point: string, day: string, watts: (hour: number) => number): string[] {
  const start = Date.parse(`${day}T00:00:00+01:00`);
  return Array.from({ length: 48 }, (_, i) => {
    const local = new Date(start + (i + 1) * 1_800_000 + 3_600_000).toISOString().slice(0, 19);
    return `${point};electricity;${local}+01:00;${watts(Math.floor(i / 2))};30`;
  });
}

describe("energy of public buildings", () => {
  it("an agent records the pool, imports a year of invoices and a load curve, reads the trajectory and closes the night alert; the third place keeps its room and its heating programme", async () => {
    const tag = Math.random().toString(36).slice(2, 7).toUpperCase();
    const name = `Piscine ${tag}`;
    const elec = `1460${Date.now()}`.slice(0, 14);
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signInDemo(page, platform, "Zoé Agent eau et énergie");
    await page.getByRole("link", { name: "Énergie des bâtiments" }).click();
    await page.waitForURL(`${site}/cclvd/espace/eau-energie/energie/`);

    const building = page.getByRole("form", { name: "Ajouter ou modifier un bâtiment" });
    await building.getByLabel("Référence", { exact: true }).fill(`PISC-${tag}`);
    await building.getByLabel("Nom", { exact: true }).fill(name);
    await building.getByLabel("Surface de plancher (m²)").fill("1850");
    await building.getByLabel("Catégorie d’activité (OPERAT)").fill("sport");
    await building.getByLabel("Année de référence (2010 à 2019, facultative)").fill("2019");
    await building.getByLabel("Énergie du compteur").selectOption("electricity");
    await building.getByLabel("Point de livraison (PDL, PCE…)").fill(elec);
    await building.getByRole("button", { name: "Enregistrer" }).click();
    await building.getByText(`Bâtiment « ${name} » enregistré.`).waitFor();

    // 2019: 50,000 kWh a month; 2031: 36,000 (−28 %).
    const months = (year: number, kwh: number) =>
      Array.from({ length: 12 }, (_, i) => {
        const mm = String(i + 1).padStart(2, "0");
        return `${elec};electricity;${year}-${mm}-01;${year}-${mm}-${new Date(Date.UTC(year, i + 1, 0)).getUTCDate()};${kwh}`;
      });
    const invoices = page.getByRole("form", { name: "Importer des factures" });
    await invoices.getByLabel("Fichier CSV").setInputFiles({
      name: "factures.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(["point_livraison;energie;debut;fin;kwh", ...months(2019, 50_000), ...months(2031, 36_000)].join("\n")),
    });
    await invoices.getByRole("button", { name: "Importer" }).click();
    await invoices.getByText("Import terminé : 24 ligne(s) lue(s), 24 nouvelle(s) ou modifiée(s).").waitFor();

    await page.getByRole("button", { name: `Voir la consommation de ${name}` }).click();
    await page.getByRole("heading", { name: `Consommation : ${name}` }).waitFor();
    await page.getByText(/^Année de référence 2019 : 600\s000 kWh\.$/).waitFor();
    const chart = page.getByRole("img", { name: /^Consommation annuelle en kWh sur 2 an\(s\)/ });
    expect(await chart.locator("line.limite").count()).toBe(3);
    const years = page.getByRole("table", { name: "Consommation par année" });
    const cells = await years
      .getByRole("row", { name: /^2031\b/ })
      .locator("th, td")
      .allTextContents();
    expect(cells.map((c) => c.replace(/\s/g, " "))).toEqual(["2031", "432 000", "oui", expect.stringMatching(/^[-−]28 %$/)]);
    const monthly = page.getByRole("table", { name: "Consommation par mois (kWh)" });
    expect(await monthly.locator("thead th").allTextContents()).toEqual(["Mois", "2019", "2031"]);
    expect(await axe(page), "énergie : consommation d’un bâtiment").toEqual([]);

    // A Monday with the lights left on all night, then a normal Tuesday: one alert.
    const curve = page.getByRole("form", { name: "Importer une courbe de charge" });
    await curve.getByLabel("Fichier CSV").setInputFiles({
      name: "courbe.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        [
          "point_livraison;energie;horodatage;puissance_w;pas_minutes",
          ...loadDay(elec, "2031-01-13", (h) => (h >= 8 && h < 18 ? 10_000 : 6000)),
          ...loadDay(elec, "2031-01-14", (h) => (h >= 8 && h < 18 ? 10_000 : 1500)),
        ].join("\n"),
      ),
    });
    await curve.getByRole("button", { name: "Importer" }).click();
    await curve.getByText("Import terminé : 96 point(s) ; 1 nouvelle(s) alerte(s).").waitFor();
    const alerts = page.getByRole("table", { name: "Demandes d’intervention" });
    const alert = alerts.getByRole("row", { name: new RegExp(name) });
    expect(await alert.count()).toBe(1);
    await alert.getByRole("textbox").fill("Minuterie de l’éclairage réglée");
    await alert.getByRole("button", { name: /^Marquer traitée/ }).click();
    await page.getByText("Alerte traitée.").waitFor();
    await alerts
      .getByRole("row", { name: new RegExp(name) })
      .getByRole("button", { name: /^Rouvrir/ })
      .waitFor();
    expect(await axe(page), "énergie : alertes").toEqual([]);

    // The third place: the booking module's room it houses and its heating schedule, then its programme.
    const place = `Tiers-lieu ${tag}`;
    await building.getByLabel("Référence", { exact: true }).fill(`TL-${tag}`);
    await building.getByLabel("Nom", { exact: true }).fill(place);
    await building.getByLabel("Surface de plancher (m²)").fill("300");
    await building.getByLabel("Catégorie d’activité (OPERAT)").fill("bureaux");
    await building.getByLabel("Année de référence (2010 à 2019, facultative)").fill("");
    await building.getByLabel("Point de livraison (PDL, PCE…)").fill("");
    await building.getByLabel("Salle de réunion du tiers-lieu").check();
    await building.getByLabel("Horaires d’occupation (syntaxe opening_hours)").fill("Mo-Fr 08:00-18:00");
    await building.getByLabel("Consigne de confort (°C)").fill("19,5");
    await building.getByRole("button", { name: "Enregistrer" }).click();
    await building.getByText(`Bâtiment « ${place} » enregistré.`).waitFor();
    // Its reference typed again brings back what the form would otherwise replace.
    await building.getByLabel("Salle de réunion du tiers-lieu").uncheck();
    await building.getByLabel("Horaires d’occupation (syntaxe opening_hours)").fill("");
    await building.getByLabel("Référence", { exact: true }).fill("");
    await building.getByLabel("Référence", { exact: true }).press("Tab");
    await building.getByLabel("Référence", { exact: true }).fill(`TL-${tag}`);
    await building.getByLabel("Référence", { exact: true }).press("Tab");
    expect(await building.getByLabel("Salle de réunion du tiers-lieu").isChecked()).toBe(true);
    expect(await building.getByLabel("Horaires d’occupation (syntaxe opening_hours)").inputValue()).toBe("Mo-Fr 08:00-18:00");
    await page.getByRole("button", { name: `Voir la consommation de ${place}` }).click();
    const programme = page.getByRole("table", { name: `Programme de chauffage des 7 prochains jours : ${place}` });
    // Seven days hold five weekdays: comfort at 19.5 °C for the occupied hours, reduced around them.
    await expect.poll(() => programme.getByRole("row", { name: /19,5 °C horaires d’occupation/ }).count()).toBe(5);
    expect(await programme.getByRole("row", { name: /16 °C réduit$/ }).count()).toBeGreaterThanOrEqual(5);
    await page.getByRole("link", { name: "Télécharger ce programme pour les régulateurs (CSV)" }).waitFor();
    expect(await axe(page), "énergie : programme de chauffage").toEqual([]);

    // The OPERAT file of 2031: the pool's electricity, raw.
    await page.getByLabel("Année", { exact: true }).fill("2031");
    const link = page.getByRole("link", { name: "Télécharger le fichier OPERAT 2031 (CSV)" });
    const csv = await (await page.request.get(new URL((await link.getAttribute("href"))!, site).href)).text();
    expect(csv).toMatch(new RegExp(`2031;PISC-${tag};${name};;1850;sport;oui;2019;Électricité;432000;365;`));
    await context.close();
  });
});
