/**
 * France Services in a real browser (issue #18, « Done when »), on a tablet-size window (820×1180):
 * Hugo (conseiller, CCLVD) adds a local partner, records 20 accompaniments with taps — one with
 * the keyboard only, most on the defaults his previous entry left — and the month's CSV and the
 * chart's table count exactly them; Margaux (référente) corrects one of them from the day of all
 * conseillers; a session is programmed, a resident registers on the public page and the next one
 * is told it is full. axe (WCAG 2.1 A/AA) finds nothing on any page.
 *
 * Nothing is compared with a calendar date: the entries are of the form's default day, counted in
 * the month the page itself shows; counts are taken before and after, as the platform's data
 * survives between runs.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { readCsv } from "@communa/core/csv";
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

const partner = `Navette à la demande ${crypto.randomUUID().slice(0, 6)}`;
const tablet = { viewport: { width: 820, height: 1180 }, locale: "fr-FR", hasTouch: true, acceptDownloads: true };

async function openDesk(page: Page, account: string) {
  await signInDemo(page, platform, account);
  await page.locator("#modules").getByRole("link", { name: "France Services" }).click();
  await page.waitForURL(`${site}/cclvd/espace/france-services/`);
  await page.locator("#france-services[data-ready]").waitFor();
}

/** Taps the label of a segmented choice (the radio itself is visually hidden). */
const tap = (page: Page, name: string, value: string) => page.locator(`label[for="a-${name}-${value}"]`).click();
const dayCount = async (page: Page) => Number(/(\d+)$/.exec((await page.locator("#journee caption").textContent()) ?? "")?.[1]);

describe("France Services desk on a tablet", () => {
  it("records 20 accompaniments; the monthly CSV and the chart count exactly them; a referent corrects one", async () => {
    const context = await browser.newContext(tablet);
    const page = await context.newPage();
    await openDesk(page, "Hugo Agent France Services");
    expect(await axe(page), "bureau France Services").toEqual([]);

    // A local partner, offered at once in the operator choices.
    await page.getByLabel("Nom", { exact: true }).fill(partner);
    await page.getByLabel("Type", { exact: true }).selectOption("operateur-local");
    await page.getByRole("button", { name: "Ajouter le partenaire" }).click();
    await page.locator("#f-partenaire [data-notice]").getByText(`Partenaire « ${partner} » ajouté.`).waitFor();
    const partnerLabel = page.locator("#a-organismes label", { hasText: partner });
    await partnerLabel.waitFor();
    const partnerValue = await page.locator(`#${await partnerLabel.getAttribute("for")}`).getAttribute("value");

    const month = (await page.locator("#s-du").inputValue()).slice(0, 7);
    const monthCell = page.locator("#s-courbe table tbody tr", { has: page.locator("th", { hasText: month }) }).locator("td");
    const before = Number(await monthCell.textContent());
    const communes = await page.locator("#a-commune option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(communes.length).toBeGreaterThanOrEqual(2);
    const missions = ["information", "accompagnement", "orientation"] as const;
    const expected = new Map<string, number>();
    const mine = await dayCount(page);

    for (let i = 0; i < 20; i++) {
      const commune = communes[i % 2];
      let mission: (typeof missions)[number] = missions[Math.floor(i / 7) % 3];
      if (i === 0) {
        await tap(page, "minutes", "15");
        await tap(page, "channel", "accueil");
        await page.locator(`label[for="${await partnerLabel.getAttribute("for")}"]`).click();
        await tap(page, "family", "transports");
        await tap(page, "outcome", "resolu");
        await tap(page, "autonomy", "2");
        await tap(page, "mission", mission);
      } else if (i === 7) {
        // Keyboard only: the mission group's arrow key moves from « information » to « accompagnement »,
        // the commune is chosen with the arrow key, and Enter on the button records.
        await page.locator('input[name="mission"]:checked').focus();
        await page.keyboard.press("ArrowRight");
        mission = "accompagnement";
        await page.locator("#a-commune").focus();
        await page.keyboard.press("ArrowDown");
        await page.locator("#a-enregistrer").focus();
      } else if (mission !== (await page.locator('input[name="mission"]:checked').getAttribute("value"))) await tap(page, "mission", mission);
      if (i !== 7) await page.locator("#a-commune").selectOption(commune);
      if (i === 7) {
        expect(await page.locator('input[name="mission"]:checked').getAttribute("value")).toBe("accompagnement");
        // The previous entry left the first commune; the down arrow picks the second, this entry's.
        expect(await page.locator("#a-commune").inputValue()).toBe(commune);
        expected.set(`${commune}|${mission}`, (expected.get(`${commune}|${mission}`) ?? 0) + 1);
        await page.keyboard.press("Enter");
      } else {
        // The previous entry's choices are the defaults: only what changes is tapped.
        if (i > 0) expect(await page.locator('input[name="operator"]:checked').getAttribute("value")).toBe(partnerValue);
        expected.set(`${commune}|${mission}`, (expected.get(`${commune}|${mission}`) ?? 0) + 1);
        await page.locator("#a-enregistrer").click();
      }
      await page
        .locator("#f-accompagnement [data-notice]")
        .getByText(`Accompagnement enregistré (${mine + i + 1} aujourd’hui).`)
        .waitFor();
    }
    expect(await dayCount(page)).toBe(mine + 20);

    // The chart's table and the drawn chart show the 20 more.
    await expect.poll(async () => Number(await monthCell.textContent())).toBe(before + 20);
    expect(await page.locator('#s-courbe svg[role="img"]').count()).toBe(1);

    // The month's CSV (default format: month × operator × commune × mission) counts exactly them.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger le CSV" }).click()]);
    const csv = readCsv(await readFile((await download.path())!, "utf8"));
    expect(csv.meta.fields).toEqual(["mois", "organisme", "commune_insee", "mission", "accompagnements", "minutes"]);
    const ours = csv.data.filter((r) => r.organisme === partner);
    expect(new Map(ours.map((r) => [`${r.commune_insee}|${r.mission}`, Number(r.accompagnements)]))).toEqual(expected);
    expect(ours.every((r) => r.mois === month && Number(r.minutes) === 15 * Number(r.accompagnements))).toBe(true);
    await context.close();

    // The referent corrects one of Hugo's records; the day of all conseillers is hers only.
    const refContext = await browser.newContext(tablet);
    const ref = await refContext.newPage();
    await openDesk(ref, "Margaux Référente France Services");
    await ref.locator("#referent:not([hidden])").waitFor();
    await ref.locator("#f-jour").getByRole("button", { name: "Afficher" }).click();
    const rows = ref.locator("#tous tbody tr", { hasText: partner });
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(20);
    await rows
      .first()
      .getByRole("button", { name: /^Corriger/ })
      .click();
    await ref.locator("#a-titre", { hasText: "Corriger l’accompagnement" }).waitFor();
    await ref.locator('label[for="a-outcome-reoriente"]').click();
    await ref.getByRole("button", { name: "Enregistrer la correction" }).click();
    await ref.locator("#f-accompagnement [data-notice]").getByText("Correction enregistrée et journalisée.").waitFor();
    await expect.poll(() => ref.locator("#tous tbody tr", { hasText: partner }).filter({ hasText: "Réorienté" }).count()).toBe(1);
    expect(await axe(ref), "bureau France Services, référente").toEqual([]);
    await refContext.close();
  });

  it("programs a session; a resident registers on the public page, the next is told it is full", async () => {
    const context = await browser.newContext(tablet);
    const page = await context.newPage();
    await openDesk(page, "Hugo Agent France Services");
    const title = `Soirée Educonnect ${crypto.randomUUID().slice(0, 6)}`;
    const form = page.locator("#f-atelier");
    await form.getByLabel("Partenaire").selectOption({ label: partner });
    await form.getByLabel("Intitulé").fill(title);
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel("Début (heure de Paris)").fill(`${inAWeek}T18:30`);
    await form.getByLabel("Places").fill("1");
    await form.getByLabel("Adresse du lieu").fill("Collège, 3 rue des Écoles");
    await form.getByRole("button", { name: "Programmer l’atelier" }).click();
    await form.getByText(`Atelier « ${title} » programmé.`).waitFor();
    await context.close();

    const resident = await browser.newContext({ ...tablet, hasTouch: false });
    const pub = await resident.newPage();
    await pub.goto(`${site}/cclvd/france-services/`);
    await pub.locator("#france-services-public[data-ready]").waitFor();
    await pub.getByText(title, { exact: false }).first().waitFor();
    expect(await axe(pub), "page publique France Services").toEqual([]);
    const register = async (name: string) => {
      await pub.getByLabel("Atelier", { exact: true }).selectOption({ label: (await pub.locator("#i-atelier option", { hasText: title }).textContent())! });
      await pub.getByLabel("Nom", { exact: true }).fill(name);
      await pub.getByLabel("Téléphone", { exact: true }).fill("06 12 34 56 78");
      await pub.getByRole("button", { name: "M’inscrire" }).click();
    };
    await register("Nadia Parent");
    await pub.getByText(/^Vous êtes inscrit à « Soirée Educonnect/).waitFor();
    await pub.locator("#ateliers li", { hasText: title }).getByText("Complet").waitFor();
    await register("Paul Parent");
    await pub.locator("#f-inscription [data-problem-summary]").getByText("Cet atelier est complet : plus aucune place n’est disponible.").waitFor();
    expect(await axe(pub), "page publique, atelier complet").toEqual([]);
    await resident.close();
  });

  it("a permanence is booked online: each motif links to the appointment page with that place's slots only; tablets lent link to their loan", async () => {
    const context = await browser.newContext(tablet);
    const page = await context.newPage();
    await openDesk(page, "Hugo Agent France Services");
    // The back office shows where the permanence is booked, and saves it again unchanged.
    const row = page
      .locator("#lieux tbody tr")
      .filter({ has: page.locator("th", { hasText: /^Permanence de / }) })
      .first();
    const permanence = (await row.locator("th").textContent())!.trim();
    const choice = row.getByRole("combobox", { name: `Rendez-vous en ligne pour « ${permanence} »` });
    expect(await choice.locator("option:checked").textContent()).toMatch(/^Permanence de .+ \(2 motifs\)$/);
    await row.getByRole("button", { name: `Enregistrer le rendez-vous en ligne de « ${permanence} »` }).click();
    await page.locator("#f-lieu [data-notice]").getByText(`« ${permanence} » : rendez-vous en ligne au lieu « ${permanence} ».`).waitFor();
    expect(await axe(page), "bureau France Services, lieux").toEqual([]);
    await context.close();

    const resident = await browser.newContext({ ...tablet, hasTouch: false });
    const pub = await resident.newPage();
    await pub.goto(`${site}/cclvd/france-services/`);
    await pub.locator("#france-services-public[data-ready]").waitFor();
    const place = pub.locator("#lieux > li", { hasText: permanence });
    const link = place.getByRole("link", { name: /^Démarches en ligne \(CAF, impôts, ANTS…\) à la permanence \(30 min\) : prendre rendez-vous/ });
    const tablets = pub.locator("#prets").getByRole("link", { name: "Tablettes adaptées (prêt France services)" });
    await tablets.waitFor();
    expect(await axe(pub), "page publique France Services, permanences et prêts").toEqual([]);

    // The appointment page opens on that motif, at that place: every day offered is a Tuesday.
    await link.click();
    await pub.waitForURL(/\/cclvd\/rendez-vous\/\?motif=/);
    await pub.locator("#creneau-motif").getByText(`à « ${permanence} »`, { exact: false }).waitFor();
    const days = pub.locator("#creneaux fieldset").first().locator("label");
    await days.first().waitFor();
    const labels = await days.allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.every((l) => l.startsWith("mardi"))).toBe(true);
    expect(await pub.getByRole("radio", { name: "Démarches en ligne (CAF, impôts, ANTS…) à la permanence (30 min, au guichet)" }).isChecked()).toBe(true);
    expect(await axe(pub), "rendez-vous à la permanence").toEqual([]);

    // The tablets: the reservations page opens with them chosen.
    await pub.goBack();
    await tablets.click();
    await pub.waitForURL(/\/cclvd\/reservations\/\?ressource=/);
    await expect.poll(() => pub.locator("#d-ressource option:checked").textContent()).toBe("Tablettes adaptées (prêt France services)");

    // A member commune's page shows its intercommunality's desk, and says whose it is.
    await pub.goto(`${site}/liancourt/france-services/`);
    await pub.locator("#france-services-public[data-ready]").waitFor();
    await pub.locator("#lieux > li", { hasText: permanence }).waitFor();
    expect(await pub.getByRole("link", { name: "La page France services de la CCLVD" }).getAttribute("href")).toBe("/cclvd/france-services/");
    expect(await axe(pub), "page France services d’une commune membre").toEqual([]);
    await resident.close();
  });
});
