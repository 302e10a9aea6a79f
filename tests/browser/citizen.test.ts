/**
 * The citizen relations pages in a real browser (issue #17, « Done when »), on the platform
 * `npm run dev` starts, with the seeded (fictional) services of Rantigny's mairie and the CCLVD:
 * a resident of Rantigny, without an account, books a visio appointment at the EPCI and a desk
 * appointment at the mairie in one visit of /rantigny/rendez-vous/, downloads both .ics, and moves
 * the desk one through its signed link; the EPCI's adviser sees the banner of his next visio
 * appointment; the mairie's reception agent marks the desk appointment a no-show and logs a phone
 * call, which becomes a request with its receipt; the caller follows it by its code. Every page is
 * checked with axe (WCAG 2.1 A/AA).
 *
 * Dates: the motifs accept bookings from one day to sixty days ahead of the Worker's clock, so the
 * test takes the days the page offers (never a date of its own), and looks for the 16:00 visio slot
 * among them; what it checks afterwards is read from the page (the day it chose, the time it moved to).
 */
import { readFile } from "node:fs/promises";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { axe, ownerQuery, signInDemo, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from "../setup/browser-platform.ts";

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

const resident = { name: "Félix Habitant", email: `felix.${crypto.randomUUID().slice(0, 8)}@example.invalid` };
/** What the resident's part leaves for the agents': the visio day, and the desk appointment once moved. */
const booked = { visioDay: "", deskDay: "", deskTime: "" };

/** The event of the .ics the link downloads, read with ical.js (through its own VTIMEZONE, as a mail client does). */
async function downloadIcs(page: Page, link: string) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
  const text = await readFile((await download.path())!, "utf8");
  const cal = new ICAL.Component(ICAL.parse(text));
  const tz = cal.getFirstSubcomponent("vtimezone");
  if (tz) ICAL.TimezoneService.register(tz);
  const ev = cal.getFirstSubcomponent("vevent")!;
  return { method: cal.getFirstPropertyValue("method"), sequence: ev.getFirstPropertyValue("sequence"), start: new ICAL.Event(ev).startDate, text };
}

const times = (page: Page) => page.locator("#creneaux fieldset").nth(1).getByRole("radio");
const days = (page: Page) => page.locator("#creneaux fieldset").first().getByRole("radio");

describe("citizen relations pages", () => {
  it("a Rantigny resident books a visio at the EPCI and a desk appointment at the mairie, gets both .ics, and moves one by its link", async () => {
    const context = await browser.newContext({ locale: "fr-FR", acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${site}/rantigny/rendez-vous/`);
    // The commune's services and its EPCI's, each saying who receives.
    const visio = page.getByRole("radio", { name: "Conseil rénovation en visioconférence (45 min, en visioconférence)" });
    await visio.waitFor();
    expect(await page.getByRole("group", { name: /^Conseil habitat — France Rénov’ — / }).count()).toBe(1);
    expect(await page.getByRole("group", { name: /^Accueil de la mairie — / }).count()).toBe(1);
    expect(await axe(page), "rendez-vous, motifs").toEqual([]);

    // The visio at the EPCI, at 16:00 on the first day that still offers it.
    await visio.check();
    await page.getByRole("button", { name: "Voir les créneaux" }).click();
    await days(page).first().waitFor();
    const sixteen = page.getByRole("radio", { name: "16:00", exact: true });
    for (let i = 0; i < (await days(page).count()); i++) {
      await days(page).nth(i).check();
      if (await sixteen.count()) {
        booked.visioDay = (await days(page).nth(i).getAttribute("value"))!;
        break;
      }
    }
    expect(booked.visioDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await sixteen.check();
    expect(await axe(page), "rendez-vous, créneaux").toEqual([]);
    await page.getByLabel("Nom et prénom").fill(resident.name);
    await page.getByLabel("Adresse électronique (pour la confirmation)").fill(resident.email);
    expect(await page.getByLabel("Commune de résidence").inputValue()).toBe("60524");
    await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    await page.getByRole("heading", { name: "Rendez-vous confirmé" }).waitFor();
    expect(await page.locator("#confirmation-texte").textContent()).toMatch(
      /^Votre rendez-vous « Conseil rénovation en visioconférence » est fixé au .+ à 16:00\.$/,
    );
    expect(await page.locator("#confirmation-visio-lien").getAttribute("href")).toMatch(/^https:\/\/visio\.cclvd\.invalid\/[0-9a-f]{32}$/);
    expect(await axe(page), "rendez-vous, confirmation").toEqual([]);
    const visioIcs = await downloadIcs(page, "Ajouter à mon agenda : Conseil rénovation en visioconférence (fichier .ics)");
    expect([visioIcs.method, visioIcs.sequence]).toEqual(["REQUEST", 0]);
    expect(visioIcs.text).toContain(`DTSTART;TZID=Europe/Paris:${booked.visioDay.replace(/-/g, "")}T160000`);

    // In the same visit, the desk appointment at the mairie: its first free slot.
    await page.getByRole("button", { name: "Prendre un autre rendez-vous" }).click();
    await page.getByRole("radio", { name: "Carte d’identité ou passeport (20 min, au guichet)" }).check();
    await page.getByRole("button", { name: "Voir les créneaux" }).click();
    await times(page).first().waitFor();
    await times(page).first().check();
    // The motif's conditions must be accepted; the name and e-mail are still filled in.
    await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    await page.locator("#f-rdv [data-problem-summary]:not([hidden])").waitFor();
    expect(await page.locator("#f-rdv [data-problem-summary]").textContent()).toContain("Cochez la case pour accepter les conditions de ce rendez-vous.");
    await page.getByLabel(/^J’ai lu et j’accepte :/).check();
    await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    await page.locator("#confirmation-texte", { hasText: "Carte d’identité ou passeport" }).waitFor();
    const deskIcs = await downloadIcs(page, "Ajouter à mon agenda : Carte d’identité ou passeport (fichier .ics)");
    expect([deskIcs.method, deskIcs.sequence]).toEqual(["REQUEST", 0]);
    const manage = (await page.getByRole("link", { name: "Déplacer ou annuler : Carte d’identité ou passeport" }).getAttribute("href"))!;
    expect(manage).toMatch(/\/rantigny\/rendez-vous\/gerer\/\?rdv=[0-9a-f-]{36}&cle=/);

    // Both confirmations went to the resident, each from the tenant that receives.
    const mails = await ownerQuery<{ slug: string; subject: string }>(
      platform,
      "SELECT t.slug, o.subject FROM outbox o JOIN tenants t ON t.id = o.tenant_id WHERE o.recipient = $1 ORDER BY t.slug",
      [resident.email],
    );
    expect(mails.map((m) => [m.slug, m.subject.split(",")[0]])).toEqual([
      ["cclvd", "Rendez-vous confirmé : Conseil rénovation en visioconférence"],
      ["rantigny", "Rendez-vous confirmé : Carte d’identité ou passeport"],
    ]);

    // The signed link: the appointment, then moved to the last slot the page offers.
    await page.goto(manage);
    await page.getByRole("heading", { name: "Votre rendez-vous" }).waitFor();
    await days(page).first().waitFor();
    expect(await axe(page), "gérer mon rendez-vous").toEqual([]);
    await days(page).last().check();
    booked.deskDay = (await days(page).last().getAttribute("value"))!;
    const last = times(page).last();
    const label = (await page.locator(`label[for="${await last.getAttribute("id")}"]`).textContent())!;
    booked.deskTime = label;
    await last.check();
    await page.getByRole("button", { name: "Déplacer à ce créneau" }).click();
    await page.locator("#rdv-statut", { hasText: "Rendez-vous déplacé au" }).waitFor();
    expect(await page.locator("#rdv-quand").textContent()).toMatch(new RegExp(` à ${label}$`));
    const moved = await downloadIcs(page, "Ajouter à mon agenda : Carte d’identité ou passeport (fichier .ics)");
    expect([moved.method, moved.sequence]).toEqual(["REQUEST", 1]);
    expect(moved.start.toString().slice(0, 10)).toBe(booked.deskDay);
    expect(await axe(page), "rendez-vous déplacé").toEqual([]);
    await context.close();
  });

  it("the EPCI's adviser sees the banner of his next visio appointment", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signInDemo(page, platform, "Victor Conseiller habitat", { tenant: "cclvd" });
    await page.locator("#modules").getByRole("link", { name: "Accueil et rendez-vous" }).click();
    await page.waitForURL(`${site}/cclvd/espace/accueil/`);
    // Today's agenda first (the page's own start), then the day of the visio.
    await page.locator("#agenda tr").first().waitFor();
    await page.getByLabel("Jour", { exact: true }).fill(booked.visioDay);
    await page.getByRole("button", { name: "Afficher" }).click();
    await page.locator("#bandeau", { hasText: "Votre prochain rendez-vous commence à 16:00 (visioconférence)." }).waitFor();
    expect(await page.getByRole("link", { name: "Rejoindre la visioconférence" }).getAttribute("href")).toMatch(/^https:\/\/visio\.cclvd\.invalid\//);
    await page.locator("#agenda tr", { hasText: resident.name }).waitFor();
    expect(await axe(page), "accueil, agenda de l’EPCI").toEqual([]);
    await context.close();
  });

  it("the mairie's agent marks a no-show and logs a call that becomes a request with its receipt, which the caller follows by its code", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signInDemo(page, platform, "Nathan Agent accueil", { tenant: "rantigny" });
    await page.locator("#modules").getByRole("link", { name: "Accueil et rendez-vous" }).click();
    await page.waitForURL(`${site}/rantigny/espace/accueil/`);
    await page.locator("#agenda tr").first().waitFor();
    await page.getByLabel("Jour", { exact: true }).fill(booked.deskDay);
    await page.getByRole("button", { name: "Afficher" }).click();
    const noShow = page.getByRole("button", { name: `Absent : ${resident.name}, ${booked.deskTime}` });
    await noShow.waitFor();
    expect(await axe(page), "accueil, agenda de la mairie").toEqual([]);
    await noShow.click();
    await page.locator("#agenda-statut", { hasText: `${resident.name} : absence.` }).waitFor();
    expect(await page.locator("#agenda tr", { hasText: resident.name }).locator("td").nth(5).textContent()).toBe("absence");

    // A phone call, logged: it becomes a request with its code and its receipt.
    const form = page.getByRole("form", { name: "Consigner un contact" });
    expect(await form.getByLabel("Canal").inputValue()).toBe("phone");
    await form.getByLabel("Objet de la demande").fill("Autorisation de stationnement pour un déménagement");
    await form.getByLabel("Nom de l’usager").fill("Pauline Habitante");
    await form.getByLabel("Téléphone de l’usager").fill("06 12 34 56 78");
    await form.getByLabel("Type de demande").selectOption({ label: "Demande d’autorisation au maire" });
    await form.getByLabel("Service").selectOption({ label: "Accueil de la mairie" });
    await form.getByRole("button", { name: "Enregistrer la demande" }).click();
    const heading = page.getByRole("heading", { name: /^Accusé de réception — [A-Z]{8}$/ });
    await heading.waitFor();
    const code = (await heading.textContent())!.slice(-8);
    const receipt = (await page.locator("#accuse-texte").textContent())!;
    expect(receipt).toContain(`Accusé de réception de la demande ${code}`);
    expect(receipt).toContain("Service chargé de la demande : Accueil de la mairie");
    expect(receipt).toMatch(/Sans réponse de notre part au .+, votre demande sera réputée acceptée/);
    await page.locator("#file-mine tr", { hasText: code }).waitFor();
    expect(await page.locator("#file-mine tr", { hasText: code }).locator("td").nth(2).textContent()).toBe("Appel téléphonique");
    expect(await axe(page), "accueil, accusé de réception").toEqual([]);
    await context.close();

    // The caller follows it by its code, without an account.
    const anonymous = await browser.newContext({ locale: "fr-FR" });
    const follow = await anonymous.newPage();
    await follow.goto(`${site}/rantigny/demarches/suivi/`);
    await follow.getByLabel("Code de suivi").fill(code.toLowerCase());
    await follow.getByRole("button", { name: "Suivre la demande" }).click();
    await follow.getByRole("heading", { name: `Demande ${code}` }).waitFor();
    expect(await follow.locator("#d-etat").textContent()).toBe("enregistrée");
    expect(await follow.locator("#d-service").textContent()).toBe("Accueil de la mairie");
    expect(await axe(follow), "suivre une demande").toEqual([]);
    await anonymous.close();
  });
});
