/**
 * The activity zones (issue #21) in a real browser, on the platform `npm run dev` starts, with the
 * CCLVD's two zones from the seed: the public page lists them with their land for sale and serves
 * the CNIG open data; a member commune's page shows only the zone located on it. The economic
 * service's agent opens a zone, adds a unit for sale and declares it disused (a field visit), then
 * walks an L318-8-2 inventory: consultation opened 40 days ago (so closed 11 days ago), a reply
 * recorded inside it, adoption today, transmission to the SCoT; the public page then offers the new unit.
 * axe finds nothing.
 * Every date is computed from today (Paris), none is a calendar date.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { addDays, addYears, parisDay } from "@communa/core/time";
import { axe, signInDemo, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from "../setup/browser-platform.ts";

let platform: BrowserPlatform;
let browser: Browser;
let site: string;

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, site } = platform);
}, 780_000);

afterAll(() => stopBrowserPlatform(platform), 60_000);

const SAILLEVILLE = "Parc d'activité des cailloux de Sailleville";
const CROIX_BLANCHE = "Parc d'activité de la coix blanche";
const frDay = (iso: string) => iso.split("-").reverse().join("/");

describe("activity zones", () => {
  it("the public page lists the seeded zones, their land for sale and the open data; a commune shows the zone on it", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${site}/cclvd/zones-activite/`);
    await page.getByRole("heading", { name: SAILLEVILLE, level: 3 }).waitFor();
    await page.getByRole("heading", { name: CROIX_BLANCHE, level: 3 }).waitFor();
    await page.locator("#zones-etat", { hasText: /^2 zones, \d+ terrains? disponibles?/ }).waitFor();
    const plots = page.getByRole("table", { name: `Terrains disponibles — ${SAILLEVILLE}` });
    await plots.getByRole("row", { name: /60342_TERRAIN-ECO_00003/ }).waitFor();
    expect(await page.getByRole("link", { name: "Voir les zones d’activité sur la carte du territoire" }).getAttribute("href")).toBe(
      "/cclvd/carte/#l=zones-activite",
    );
    // The open CNIG files are served (validated at both levels first).
    const csv = await page.getByRole("link", { name: "Sites économiques — les zones (CSV)" }).getAttribute("href");
    const answer = await page.request.get(`${site}${csv}`);
    expect(answer.status(), await answer.text()).toBe(200);
    expect(await answer.text()).toContain("60342_SITE-ECO_00001");
    expect(await axe(page), "zones d’activité (CCLVD)").toEqual([]);

    await page.goto(`${site}/laigneville/zones-activite/`);
    await page.getByRole("heading", { name: SAILLEVILLE, level: 3 }).waitFor();
    expect(await page.getByRole("heading", { name: CROIX_BLANCHE }).count()).toBe(0);
    expect(await page.getByRole("link", { name: /^Toutes les zones d’activité de/ }).getAttribute("href")).toBe("/cclvd/zones-activite/");
    await context.close();
  });

  it("the agent adds a unit, declares it disused, walks an inventory to adoption and transmission; the public page offers the unit", async () => {
    const today = parisDay();
    const openedOn = addDays(today, -40);
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signInDemo(page, platform, "Karima Agent développement économique");
    await page.locator("#modules").getByRole("link", { name: "Zones d’activité" }).click();
    await page.waitForURL(`${site}/cclvd/espace/zones-activite/`);
    const zones = page.getByRole("table", { name: "Zones d’activité de la collectivité" });
    await zones.getByRole("row", { name: new RegExp(SAILLEVILLE) }).waitFor();
    await page.getByRole("button", { name: `Ouvrir la fiche de ${SAILLEVILLE}` }).click();
    await page.getByRole("heading", { name: `Fiche : ${SAILLEVILLE}` }).waitFor();
    const units = page.getByRole("table", { name: `Unités foncières — ${SAILLEVILLE}` });
    await units
      .getByRole("row", { name: /60342_TERRAIN-ECO_00002/ })
      .getByText(/^vacante depuis le/)
      .waitFor();
    await page
      .getByRole("table", { name: `Établissements — ${SAILLEVILLE}` })
      .getByText("Ateliers fictifs de Sailleville")
      .waitFor();
    expect(await axe(page), "fiche de zone").toEqual([]);

    // A unit for sale, never used, found disused by a field visit three years ago.
    const parcel = `60342000ZC${String(Date.now() % 10_000).padStart(4, "0")}`;
    const unit = page.getByRole("form", { name: "Ajouter une unité foncière" });
    await unit.getByLabel("Parcelles cadastrales").fill(parcel);
    await unit.getByLabel("Surface (ha)").fill("0,8");
    await unit.getByLabel("Maîtrise foncière").selectOption("structure intercommunale");
    await unit.getByLabel("Stade d’aménagement").selectOption("viabilisé et aménagé");
    await unit.getByLabel("Stade de commercialisation").selectOption("en vente");
    await unit.getByLabel("État d’occupation").selectOption("vacant");
    await unit.getByLabel("Usage").selectOption("bâti productif");
    await unit.getByRole("button", { name: "Ajouter l’unité" }).click();
    const added = unit.getByText(/^Unité 60342_TERRAIN-ECO_\d{5} ajoutée\.$/);
    await added.waitFor();
    const code = (await added.textContent())!.match(/60342_TERRAIN-ECO_\d{5}/)![0];
    await units.getByRole("row", { name: new RegExp(code) }).waitFor();

    const since = addYears(today, -3);
    const vacancy = page.getByRole("form", { name: "Déclarer une vacance" });
    await vacancy.getByLabel("Unité foncière").selectOption({ label: `${code} (${parcel})` });
    await vacancy.getByLabel("Inutilisée depuis le").fill(since);
    await vacancy.getByLabel("Constat", { exact: true }).selectOption("field_visit");
    await vacancy.getByLabel("Date du constat").fill(today);
    await vacancy.getByRole("button", { name: "Enregistrer la déclaration" }).click();
    await vacancy.getByText(`Vacance de ${code} enregistrée.`).waitFor();
    // The notice comes once the sheet is redrawn: the unit already says so.
    expect(
      await units
        .getByRole("row", { name: new RegExp(code) })
        .getByText(`vacante depuis le ${frDay(since)}`)
        .count(),
    ).toBe(1);

    // The inventory: a draft, the consultation opened 40 days ago (closed on D + 29), a reply, adoption today.
    const draft = page.getByRole("form", { name: "Créer le projet d’inventaire" });
    await draft.getByLabel("Année d’imposition").fill(today.slice(0, 4));
    await draft.getByRole("button", { name: "Créer le projet d’inventaire" }).click();
    await draft.getByText(`Projet d’inventaire ${today.slice(0, 4)} créé.`).waitFor();
    const consult = page.getByRole("form", { name: "Ouvrir la consultation" });
    await consult.getByLabel("Ouverture de la consultation le").fill(openedOn);
    await consult.getByRole("button", { name: "Ouvrir la consultation" }).click();
    await page
      .locator("#inventaire-statut")
      .getByText(new RegExp(`^Consultation ouverte : \\d+ courrier\\(s\\), close le ${frDay(addDays(openedOn, 29))}\\.$`))
      .waitFor();
    await page.locator("#inventaire", { hasText: "Consultation close : l’inventaire peut être adopté." }).waitFor();

    const reply = page.getByRole("form", { name: "Consigner une réponse" });
    await reply.getByLabel("Réponse reçue le").fill(addDays(openedOn, 20));
    await reply.getByLabel("Réponse", { exact: true }).fill("Rien à signaler sur notre unité (réponse fictive).");
    await reply.getByLabel("Suite donnée").selectOption("no_change");
    await reply.getByRole("button", { name: "Consigner la réponse" }).click();
    await reply.getByText("Réponse consignée.").waitFor();
    await page.getByRole("table", { name: "Courriers de consultation" }).getByText("sans modification").first().waitFor();

    const adopt = page.getByRole("form", { name: "Adopter l’inventaire" });
    await adopt.getByLabel("Date de la délibération").fill(today);
    await adopt.getByLabel("Référence de la délibération").fill("DEL-FICTIVE-ZAE");
    await adopt.getByRole("button", { name: "Adopter" }).click();
    await page
      .locator("#inventaire-statut")
      .getByText(new RegExp(`^Inventaire adopté ; mise à jour au plus tard le \\d{2}/\\d{2}/${Number(today.slice(0, 4)) + 6}\\.$`))
      .waitFor();
    await page.locator("#inventaire", { hasText: "Adopté : à transmettre." }).waitFor();
    const transmit = page.getByRole("form", { name: "Transmettre l’inventaire" });
    await transmit.getByLabel("Autorité", { exact: true }).selectOption("scot");
    await transmit.getByLabel("Nom de l’autorité").fill("Syndicat mixte du SCoT (fictif)");
    await transmit.getByLabel("Envoyé le").fill(today);
    await transmit.getByLabel("Référence du document").fill("COURRIER-FICTIF-1");
    await transmit.getByRole("button", { name: "Enregistrer la transmission" }).click();
    await page.locator("#inventaire-statut").getByText("Transmission au SCoT enregistrée.").waitFor();
    await page.getByRole("table", { name: "Transmissions" }).getByText("COURRIER-FICTIF-1").waitFor();

    // The yearly dashboard: a chart and its table, one row a year.
    const dashboard = page.getByRole("table", { name: "Unités vacantes au 1er janvier, par zone" });
    await dashboard.getByRole("row", { name: new RegExp(`^${today.slice(0, 4)}\\b`) }).waitFor();
    expect(await page.getByRole("img", { name: /^Unités vacantes par zone, de \d{4} à \d{4}\./ }).count()).toBe(1);
    expect(await axe(page), "inventaire adopté et tableau de bord").toEqual([]);
    await context.close();

    // The visitor now sees the unit among the land for sale.
    const visitor = await browser.newContext({ locale: "fr-FR" });
    const pub = await visitor.newPage();
    await pub.goto(`${site}/cclvd/zones-activite/`);
    await pub
      .getByRole("table", { name: `Terrains disponibles — ${SAILLEVILLE}` })
      .getByRole("row", { name: new RegExp(code) })
      .waitFor();
    expect(await axe(pub), "zones d’activité après l’ajout").toEqual([]);
    await visitor.close();
  });
});
