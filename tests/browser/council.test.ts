/**
 * The council's live screens in a real browser, on the platform `npm run dev` starts: the
 * secretariat records arrivals, the president opens the sitting and a vote, a councillor votes
 * with the keyboard on the voting screen (axe: no violation), the result is proclaimed and
 * announced, and the public page shows it (axe: no violation).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { addDays, frenchLongDate, parisDay } from "@communa/core/time";
import type { Ports } from "../setup/dev-platform.ts";
import { axe, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform, signInDemo } from "../setup/browser-platform.ts";

let platform: BrowserPlatform;
let browser: Browser;
let ports: Ports;
let site: string;
let db: pg.Client;

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, ports, site } = platform);
  const password = readFileSync(path.join(platform.stateDir, "postgres", "superuser-password"), "utf8").trim();
  db = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${ports.pg}/communa` });
  await db.connect();
}, 780_000);

afterAll(async () => {
  await db?.end();
  await stopBrowserPlatform(platform);
});

const signIn = (page: Page, account: string) => signInDemo(page, platform, account);

const todaysTitle = () => `Séance du ${frenchLongDate(parisDay())}`;

/** A council of 3 in CCLVD (Camille Élue, signed in, among them), a room, a sitting of one item. */
async function sitting(camilleEmail: string, councilName: string, second?: { name: string; email: string }): Promise<string> {
  await db.query("BEGIN");
  const {
    rows: [t],
  } = await db.query<{ id: string }>("SELECT id FROM tenants WHERE slug = 'cclvd'");
  await db.query("SELECT set_config('app.tenant_id', $1, true)", [t.id]);
  const {
    rows: [person],
  } = await db.query<{ id: string }>("SELECT id FROM people WHERE email = $1", [camilleEmail]);
  const {
    rows: [council],
  } = await db.query<{ id: string }>("INSERT INTO council_councils (id, tenant_id, name, kind) VALUES (gen_random_uuid(), $1, $2, 'community') RETURNING id", [
    t.id,
    councilName,
  ]);
  const member = (name: string, personId: string | null, born: string) =>
    db.query<{ id: string }>(
      "INSERT INTO council_members (id, tenant_id, council_id, person_id, full_name, birth_date, mandate_start) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6) RETURNING id",
      [t.id, council.id, personId, name, born, addDays(parisDay(), -365)],
    );
  const camille = (await member("Camille Élue", person.id, "1980-04-02")).rows[0];
  if (second) {
    const {
      rows: [p2],
    } = await db.query<{ id: string }>("SELECT id FROM people WHERE email = $1", [second.email]);
    await member(second.name, p2.id, "1970-06-15");
  }
  await member("Bernard Œuvray", null, "1961-09-12");
  await member("Françoise Dupont-Ågren", null, "1958-01-30");
  const {
    rows: [room],
  } = await db.query<{ id: string }>(
    "INSERT INTO council_rooms (id, tenant_id, council_id, name, address, visio_url) VALUES (gen_random_uuid(), $1, $2, 'Salle du conseil', '1 place de la Mairie', 'https://visio.example.fr/cclvd') RETURNING id",
    [t.id, council.id],
  );
  const {
    rows: [s],
  } = await db.query<{ id: string }>(
    "INSERT INTO council_sittings (id, tenant_id, council_id, title, starts_at, status) VALUES (gen_random_uuid(), $1, $2, $3, now(), 'convened') RETURNING id",
    [t.id, council.id, todaysTitle()],
  );
  await db.query("INSERT INTO council_sitting_rooms (tenant_id, sitting_id, room_id) VALUES ($1, $2, $3)", [t.id, s.id, room.id]);
  await db.query(
    "INSERT INTO council_agenda_items (id, tenant_id, sitting_id, position, title, rapporteur_member_id) VALUES (gen_random_uuid(), $1, $2, 1, 'Création d’une aire de covoiturage', $3)",
    [t.id, s.id, camille.id],
  );
  // Convened in time, six days before (the legal delay: L2121-12, L5211-1); receipts not yet acknowledged.
  await db.query(
    "INSERT INTO council_convocations (id, tenant_id, sitting_id, member_id, sent_at, expires_at) SELECT gen_random_uuid(), $1, $2, id, now() - interval '6 days', now() + interval '6 years' FROM council_members WHERE council_id = $3",
    [t.id, s.id, council.id],
  );
  await db.query("COMMIT");
  return s.id;
}

describe("council live screens", () => {
  it("secretariat, console, keyboard vote, proclaimed result; voting screen and public page pass axe", async () => {
    const chair = await (await browser.newContext({ locale: "fr-FR" })).newPage();
    const voter = await (await browser.newContext({ locale: "fr-FR" })).newPage();
    await signIn(voter, "Camille Élue");
    await signIn(chair, "Alix Administratrice");
    // The demo seed gave the CCLVD its own council already: this test's council sits beside it.
    const councilName = `Conseil d’essai ${Date.now()}`;
    const id = await sitting("elu@liancourt.invalid", councilName);

    // Convocations: the agent convenes (after confirming), the councillor acknowledges receipt, the agent sees when.
    const title = todaysTitle();
    await chair.goto(`${site}/cclvd/espace/conseil/`);
    await chair.getByRole("button", { name: `Convoquer les membres à « ${title} »` }).click();
    const dialog = chair.getByRole("dialog", { name: "Confirmation" });
    await dialog.getByText(`Convoquer les membres en exercice à « ${title} » ?`, { exact: false }).waitFor();
    expect(await axe(chair), "confirmation de la convocation").toEqual([]);
    await dialog.getByRole("button", { name: "Confirmer" }).click();
    // A sitting held today cannot be convened any more (five clear days for an EPCI): the notice names the last day.
    await chair.getByText(/^Trop tard pour convoquer : la convocation doit être adressée 5 jours francs .* le dernier jour possible était le /).waitFor();
    await chair.getByRole("table", { name: `Convocations à « ${title} » et accusés de réception` }).waitFor();
    expect(await axe(chair), "liste des séances et préparation (agent)").toEqual([]);

    // A refused form says why beside the field: a sitting without a time.
    await chair.getByLabel("Conseil concerné").selectOption({ label: councilName });
    await chair.getByLabel("Intitulé").fill("Séance sans heure");
    await chair.getByRole("button", { name: "Créer la séance" }).click();
    const when = chair.getByLabel("Date et heure", { exact: true });
    await expect.poll(() => when.getAttribute("aria-invalid")).toBe("true");
    expect(await chair.locator(`#${await when.getAttribute("id")}-erreur`).textContent()).toBe(
      "Date et heure attendues (jour, mois, année, heures et minutes).",
    );

    // The secretariat prepares another sitting from the screen: a member, then the sitting.
    await chair.getByLabel("Nom et prénom").fill("Hélène Nouvelle");
    await chair.getByLabel("Date de naissance (règle de l’âge en cas d’égalité)").fill("1975-03-04");
    // In office from tomorrow (Paris): not a member of today’s sitting.
    const today = parisDay();
    await chair.getByLabel("Début du mandat").fill(addDays(today, 1));
    // Her account is picked by name among the tenant's councillors (no e-mail typed).
    await chair.getByRole("combobox", { name: "Compte de l’élu, pour voter en séance (facultatif)" }).fill("René Con");
    await chair.getByRole("option", { name: /René Conseiller/ }).click();
    await chair.getByRole("button", { name: "Ajouter le membre" }).click();
    await chair.getByText("Hélène Nouvelle ajouté(e).").waitFor();
    const { rows: linked } = await db.query<{ email: string }>(
      "SELECT p.email FROM council_members m JOIN people p ON p.id = m.person_id WHERE m.full_name = 'Hélène Nouvelle'",
    );
    expect(linked.map((r) => r.email)).toEqual(["conseiller@cclvd.invalid"]);
    const nextDay = addDays(today, 14);
    const nextTitle = `Séance du ${frenchLongDate(nextDay)}`;
    await chair.getByLabel("Intitulé").fill(nextTitle);
    await chair.getByLabel("Date et heure", { exact: true }).fill(`${nextDay}T18:30`);
    await chair.getByLabel("Salle du conseil", { exact: true }).check();
    await chair.getByRole("textbox", { name: "Ordre du jour" }).fill("Budget annexe des déchets\nTarifs de la piscine intercommunale");
    await chair.getByRole("button", { name: "Créer la séance" }).click();
    await chair.getByRole("link", { name: nextTitle }).waitFor();
    const { rows: items } = await db.query<{ title: string }>(
      "SELECT i.title FROM council_agenda_items i JOIN council_sittings s ON s.id = i.sitting_id WHERE s.title = $1 ORDER BY i.position",
      [nextTitle],
    );
    expect(items.map((i) => i.title)).toEqual(["Budget annexe des déchets", "Tarifs de la piscine intercommunale"]);
    await voter.goto(`${site}/cclvd/espace/conseil/`);
    await voter.getByRole("button", { name: `Accuser réception de la convocation à « ${title} »` }).click();
    await voter.getByText(/^Réception accusée le /).waitFor();
    await chair.reload();
    await chair.getByRole("button", { name: `Accusés de réception — ${title}` }).click();
    const row = chair.getByRole("row", { name: /Camille Élue/ });
    await row.waitFor();
    expect(await row.locator("td").nth(1).textContent()).not.toBe("pas encore");
    expect(
      await chair
        .getByRole("row", { name: /Bernard Œuvray/ })
        .locator("td")
        .nth(1)
        .textContent(),
    ).toBe("pas encore");

    // The administrator presides and keeps attendance (their first connection sets the room up).
    await chair.goto(`${site}/cclvd/espace/conseil/?seance=${id}`);
    await chair.getByRole("button", { name: "Arrivée de Camille Élue" }).click();
    await chair.getByRole("button", { name: "Arrivée de Bernard Œuvray" }).click();
    await chair.locator("#quorum[data-quorum='atteint']").waitFor();
    await chair.getByRole("button", { name: "Ouvrir la séance" }).click();
    await chair.getByRole("button", { name: "Ouvrir le vote" }).click();
    await chair.getByRole("button", { name: "Clore le vote et proclamer le résultat" }).waitFor();
    expect(await axe(chair), "console de présidence").toEqual([]);

    // The councillor votes with the keyboard only.
    await voter.goto(`${site}/cclvd/espace/conseil/?seance=${id}`);
    const pour = voter.getByRole("button", { name: "Pour", exact: true });
    await pour.waitFor();
    expect(await voter.getByRole("link", { name: "Rejoindre la visioconférence — Salle du conseil" }).getAttribute("href")).toBe(
      "https://visio.example.fr/cclvd",
    );
    expect(await axe(voter), "écran de vote").toEqual([]);
    await pour.focus();
    await voter.keyboard.press("Enter");
    const confirm = voter.getByRole("button", { name: "Confirmer : Pour pour vous-même" });
    await expect.poll(() => confirm.evaluate((b) => b === document.activeElement)).toBe(true);
    await voter.keyboard.press("Enter");
    await expect.poll(() => voter.locator("#annonce").textContent()).toContain("Vote enregistré pour vous-même : Pour");
    await voter.getByText("Vote déjà enregistré pour vous-même.").waitFor();
    expect(await axe(voter), "écran de vote après le vote").toEqual([]);

    await chair.getByRole("button", { name: "Clore le vote et proclamer le résultat" }).click();
    await expect.poll(() => voter.locator("#annonce").textContent()).toContain("adoptée");
    expect(await voter.locator("#annonce").getAttribute("aria-live")).toBe("assertive");

    const viewer = await (await browser.newContext({ locale: "fr-FR" })).newPage();
    await viewer.goto(`${site}/cclvd/conseil/?seance=${id}`);
    await expect.poll(() => viewer.locator("#annonces").textContent()).toContain("Point 1, Création d’une aire de covoiturage : adoptée — 1 pour, 0 contre");
    expect(await viewer.locator("#annonces").getAttribute("aria-live")).toBe("polite");
    expect(await viewer.getByRole("link", { name: /visioconférence/ }).count()).toBe(0);
    expect(await axe(viewer), "page publique du conseil").toEqual([]);
    await chair.getByRole("button", { name: "Clore la séance" }).waitFor();
    await chair.context().close();
    await voter.context().close();
    await viewer.context().close();
  });

  it("a sealed secret ballot: trustees publish their key shares, ballots are encrypted in the browser, the box is checked, the trustees decrypt the total (axe: no violation)", async () => {
    const chair = await (await browser.newContext({ locale: "fr-FR" })).newPage();
    const camille = await (await browser.newContext({ locale: "fr-FR" })).newPage();
    const rene = await (await browser.newContext({ locale: "fr-FR" })).newPage();
    await signIn(chair, "Alix Administratrice");
    await signIn(camille, "Camille Élue");
    await signIn(rene, "René Conseiller");
    const id = await sitting("elu@liancourt.invalid", `Conseil chiffré ${Date.now()}`, { name: "René Conseiller", email: "conseiller@cclvd.invalid" });
    await chair.goto(`${site}/cclvd/espace/conseil/?seance=${id}`);
    await chair.getByRole("button", { name: "Arrivée de Camille Élue" }).click();
    await chair.getByRole("button", { name: "Arrivée de René Conseiller" }).click();
    await chair.getByRole("button", { name: "Arrivée de Bernard Œuvray" }).click();
    await chair.locator("#quorum[data-quorum='atteint']").waitFor();
    await chair.getByRole("button", { name: "Ouvrir la séance" }).click();
    await chair.getByLabel("Mode de scrutin").selectOption({ label: "scrutin secret" });
    await chair.getByRole("group", { name: "Membres présents ayant demandé ce mode de scrutin" }).getByLabel("Camille Élue").check();
    // Without two trustees the screen does not open a secret ballot.
    await chair.getByRole("button", { name: "Ouvrir le vote" }).click();
    await expect.poll(() => chair.locator("#annonce").textContent()).toContain("cochez au moins deux garants");
    const trustees = chair.getByRole("group", { name: "Garants de la clé, pour un scrutin secret (au moins deux membres présents)" });
    await trustees.getByLabel("Camille Élue").check();
    await trustees.getByLabel("René Conseiller").check();
    expect(await axe(chair), "console : ouverture d’un scrutin secret chiffré").toEqual([]);
    await chair.getByRole("button", { name: "Ouvrir le vote" }).click();
    await chair.getByText(/en attente des garants/).waitFor();

    // Each trustee's browser makes its key share; the ballot buttons come once the key exists.
    for (const page of [camille, rene]) {
      await page.goto(`${site}/cclvd/espace/conseil/?seance=${id}`);
      await page.getByRole("button", { name: "Publier ma part de clé" }).click();
      await expect.poll(() => page.locator("#annonce").textContent()).toContain("Part de clé publiée");
    }
    const pour = camille.getByRole("button", { name: "Pour", exact: true });
    await pour.waitFor();
    expect(await axe(camille), "écran de vote, scrutin chiffré").toEqual([]);
    await pour.click();
    await camille.getByRole("button", { name: "Confirmer : Pour pour vous-même" }).click();
    await expect
      .poll(() => camille.locator("#annonce").textContent())
      .toMatch(/Bulletin chiffré ; son empreinte, à retrouver dans l’urne publiée : [0-9a-f]{64}/);
    await rene.getByRole("button", { name: "Contre", exact: true }).click();
    await rene.getByRole("button", { name: "Confirmer : Contre pour vous-même" }).click();
    await expect.poll(() => rene.locator("#annonce").textContent()).toContain("Bulletin chiffré");
    await camille.getByText("Vote déjà enregistré pour vous-même.").waitFor();
    expect(await axe(camille), "écran de vote après un bulletin chiffré").toEqual([]);

    // Closing publishes the box; the voter finds her ballot in it; the trustees decrypt the total.
    await chair.getByRole("button", { name: "Clore le vote et proclamer le résultat" }).click();
    await camille.getByRole("button", { name: "Vérifier l’urne publiée" }).click();
    await expect
      .poll(() => camille.locator("#annonce").textContent())
      .toContain("Urne vérifiée : 2 bulletin(s), toutes les preuves valides. Votre bulletin y figure.");
    await camille.getByRole("button", { name: "Déchiffrer le total (garant)" }).click();
    await expect.poll(() => camille.locator("#annonce").textContent()).toContain("Déchiffrement envoyé");
    await chair.getByText(/Camille Élue \(fait\), René Conseiller \(en attente\)/).waitFor();
    expect(await axe(chair), "console : déchiffrement en attente d’un garant").toEqual([]);
    await rene.getByRole("button", { name: "Déchiffrer le total (garant)" }).click();
    await expect
      .poll(() => chair.locator("#annonce").textContent())
      .toContain(
        "Point 1, Création d’une aire de covoiturage : rejetée — 1 pour, 1 contre, 0 abstention, 0 ne prenant pas part, 0 blanc, 0 nul (2 suffrages exprimés), partage des voix.",
      );
    for (const page of [chair, camille, rene]) await page.context().close();
  });

  it("shows the demo council's past sitting with its results and its coming sitting on the public page (axe: no violation)", async () => {
    const viewer = await (await browser.newContext({ locale: "fr-FR" })).newPage();
    await viewer.goto(`${site}/cclvd/conseil/`);
    const demo = "Séance ordinaire du conseil communautaire";
    const past = viewer.locator("#seances li", { hasText: `${demo} — ` }).filter({ hasText: "(Close)" });
    await past.waitFor();
    await viewer.locator("#seances li", { hasText: demo }).filter({ hasText: "(Convoquée)" }).waitFor();
    expect(await axe(viewer), "calendrier public du conseil").toEqual([]);
    await past.getByRole("link", { name: demo }).click();
    await expect
      .poll(() => viewer.locator("#annonces").textContent())
      .toContain("Point 1, Approbation du procès-verbal de la séance précédente : adoptée — 6 pour, 0 contre");
    // The roll-call vote lists each member, the represented one with who voted for her.
    await viewer.getByRole("list", { name: "Vote de chaque membre" }).getByText("Léa Conseillère : Pour (par Camille Élue (pouvoir))").waitFor();
    expect(await viewer.locator("#connexion").textContent()).toBe("Séance close.");
    expect(await axe(viewer), "séance close de démonstration").toEqual([]);
    // The list of deliberations is on the public page, with the week the CGCT gives (L2121-25).
    await viewer.getByRole("heading", { name: "Délibérations adoptées" }).waitFor();
    await viewer.getByText("La liste des délibérations est publiée dans la semaine qui suit la séance (article L2121-25 du CGCT).").waitFor();
    await viewer.context().close();

    // In the councillor's space: the coming sitting can be acknowledged; the period filter lives in the address.
    const elue = await (await browser.newContext({ locale: "fr-FR" })).newPage();
    await signIn(elue, "René Conseiller");
    await elue.goto(`${site}/cclvd/espace/conseil/`);
    await elue.getByRole("button", { name: `Accuser réception de la convocation à « ${demo} »` }).click();
    await elue.getByText(/^Réception accusée le /).waitFor();
    await elue.getByLabel("Période").selectOption("passees");
    await elue.getByRole("button", { name: "Afficher" }).click();
    await elue.waitForURL(/\?periode=passees$/);
    const rows = elue.locator("#t-seances tbody tr");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.getByRole("link", { name: `Résultats de « ${demo} » (page publique)` }).count()).toBe(1);
    expect(await axe(elue), "séances passées de l’élu").toEqual([]);
    await elue.context().close();
  });
});
