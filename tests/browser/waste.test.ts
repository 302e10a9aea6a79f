/**
 * The waste pages in a real browser, on the platform `npm run dev` starts: the agents' back office
 * (registry, billing, stock, interventions, checks), the field tablet recording a check while the
 * network is down and sending it once back (once), and the resident's page showing their premises
 * only. Every page is checked with axe (WCAG 2.1 A/AA).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { parisDay } from "@communa/core/time";
import type { Ports } from "../setup/dev-platform.ts";
import { png } from "../setup/png.ts";
import { axe, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform, signInDemo } from "../setup/browser-platform.ts";

let platform: BrowserPlatform;
let browser: Browser;
let ports: Ports;
let site: string;
let db: pg.Client;
let cclvd: string;
const chip = "250000000004242";
const otherChip = "250000000004343";

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, ports, site } = platform);
  const password = readFileSync(path.join(platform.stateDir, "postgres", "superuser-password"), "utf8").trim();
  db = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${ports.pg}/communa` });
  await db.connect();
  cclvd = (await db.query<{ id: string }>("SELECT id FROM tenants WHERE slug = 'cclvd'")).rows[0].id;
}, 780_000);

afterAll(async () => {
  await db?.end();
  await stopBrowserPlatform(platform);
});

/** A premises with one bin (as the registry stores them), optionally linked to a person. */
async function premises(reference: string, address: string, binChip: string, occupant: string | null = null) {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO waste_premises (id, tenant_id, reference, address, postcode, commune_insee, rental_value_cents, occupant_person_id)
     VALUES (gen_random_uuid(), $1, $2, $3, '60140', '60360', 350000, $4) RETURNING id`,
    [cclvd, reference, address, occupant],
  );
  const bin = await db.query<{ id: string }>(
    "INSERT INTO waste_bins (id, tenant_id, chip_id, stream, volume_litres, status, premises_id) VALUES (gen_random_uuid(), $1, $2, 'residual', 120, 'in_service', $3) RETURNING id",
    [cclvd, binChip, rows[0].id],
  );
  return { premisesId: rows[0].id, binId: bin.rows[0].id };
}

const signIn = (page: Page, button: string, account: string) => signInDemo(page, platform, account, { button });

describe("waste pages", () => {
  it("agents' back office: registry, billing, stock, interventions and checks, accessibly", async () => {
    const { premisesId } = await premises("LOC-NAV-001", "8 rue des Tilleuls", otherChip);
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signIn(page, "Compte agent ou élu (démonstration locale)", "Bastien Agent déchets");
    await page.locator("#modules").getByRole("link", { name: "Déchets" }).click();
    await page.waitForURL(`${site}/cclvd/espace/dechets/`);
    await page.locator("#outils:not([hidden])").waitFor();
    await page.getByLabel("Adresse, référence ou numéro invariant").fill("Tilleuls");
    await page.getByRole("button", { name: "Rechercher" }).click();
    // The search is kept in the address: a reload (or a bookmark) shows the same list.
    await page.waitForURL(`${site}/cclvd/espace/dechets/?q=Tilleuls`);
    await page.reload();
    await page.locator("#outils:not([hidden])").waitFor();
    expect(await page.getByLabel("Adresse, référence ou numéro invariant").inputValue()).toBe("Tilleuls");
    await page.getByRole("button", { name: "Ouvrir le local LOC-NAV-001" }).click();
    await page.locator("#bacs td", { hasText: otherChip }).first().waitFor();
    // A collective bin shared with a neighbour (by reference), and the occupant linked by e-mail.
    await premises("LOC-NAV-002", "10 rue des Tilleuls", "250000000004545");
    // The neighbour is picked by its reference (no identifier typed), then listed as a sharer.
    await page.getByRole("combobox", { name: /^Bac collectif/ }).pressSequentially("LOC-NAV-002");
    await page.getByRole("option", { name: /LOC-NAV-002 — 10 rue des Tilleuls/ }).click();
    await page.locator("#b-partage li", { hasText: "LOC-NAV-002" }).waitFor();
    await page.getByLabel("Volume (litres)").fill("660");
    await page.getByRole("button", { name: "Créer" }).first().click();
    await page.locator("#bacs tr", { hasText: "660" }).waitFor();
    const shared = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM waste_bin_shares s JOIN waste_bins b ON b.id = s.bin_id WHERE b.volume_litres = 660 AND s.tenant_id = $1 AND s.premises_id = $2",
      [cclvd, premisesId],
    );
    expect(shared.rows[0].n).toBe(1);
    await page.getByLabel("Adresse électronique de son compte (vide : délier)").fill("agent.dechets@cclvd.invalid");
    await page.getByRole("button", { name: "Relier" }).click();
    await page.getByText("Habitant relié : il voit désormais ce local").waitFor();
    expect((await db.query("SELECT 1 FROM waste_premises WHERE id = $1 AND occupant_person_id IS NOT NULL", [premisesId])).rowCount).toBe(1);
    expect(await axe(page), "registre").toEqual([]);

    await page.goto(`${site}/cclvd/espace/dechets/facturation/`);
    await page.locator("#outils:not([hidden])").waitFor();
    // A tax year whose previous year has no lift: the incentive part is 0 %, outside 10–45 % on any day.
    await page.getByLabel("Année d’imposition").first().fill("2091");
    await page.getByLabel("TEOMi : taux de la part fixe (%)").fill("8,5");
    await page.getByLabel("Prix unitaire — Ordures ménagères résiduelles (€ par levée, par litre ou par kg)").fill("2,5");
    await page.getByRole("button", { name: "Enregistrer les tarifs" }).click();
    await page.locator("#tarifs td", { hasText: "2091" }).waitFor();
    await page.getByRole("button", { name: "Contrôler la part incitative (10 à 45 %)" }).click();
    await page.locator("#tarif-etat", { hasText: "demande entre 10 % et 45 %" }).waitFor();
    // Outside 10–45 %, the run is refused until the deliberation that decides otherwise is given.
    await page.locator("#r-year").fill("2091");
    await page.getByRole("button", { name: "Lancer la facturation" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Confirmer" }).click();
    await page.locator("#f-run [data-problem-summary] a", { hasText: "la facturation n’est pas lancée" }).waitFor();
    expect(await axe(page), "facturation refusée").toEqual([]);
    await page.getByLabel("Numéro de la délibération").fill("2091-007");
    await page.getByLabel("Date du vote").fill("2090-12-10");
    await page.getByRole("button", { name: "Lancer la facturation" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Confirmer" }).click();
    await page.locator("#runs td", { hasText: "2091" }).waitFor();
    expect((await db.query("SELECT derogation_deliberation FROM waste_billing_runs WHERE tenant_id = $1 AND year = 2091", [cclvd])).rows).toEqual([
      { derogation_deliberation: "2091-007" },
    ]);
    expect(await axe(page), "tarifs et facturation").toEqual([]);

    for (const [sub, ready] of [
      ["stock/", "#outils:not([hidden])"],
      ["interventions/", "#outils:not([hidden])"],
      [`controles/?local=${premisesId}`, "#mois tr"],
    ] as const) {
      await page.goto(`${site}/cclvd/espace/dechets/${sub}`);
      await page.locator(ready).first().waitFor();
      expect(await axe(page), sub).toEqual([]);
    }
    // A new intervention: the premises picked by its address (no UUID typed), then one of its bins.
    await page.goto(`${site}/cclvd/espace/dechets/interventions/`);
    await page.locator("#outils:not([hidden])").waitFor();
    await page.getByRole("combobox", { name: "Local (adresse, référence ou numéro invariant)" }).pressSequentially("Tilleuls");
    await page.getByRole("option", { name: /LOC-NAV-001 — 8 rue des Tilleuls/ }).click();
    await page.getByLabel("Bac du local (facultatif)").selectOption({ label: `Ordures ménagères résiduelles, 120 L — puce ${otherChip}` });
    await page.getByRole("button", { name: "Créer", exact: true }).click();
    await page.locator("#f-intervention-statut", { hasText: "Enregistré." }).waitFor();
    const asked = await db.query<{ premises_id: string; bin_id: string | null }>("SELECT premises_id, bin_id FROM waste_interventions WHERE premises_id = $1", [
      premisesId,
    ]);
    expect(asked.rows).toEqual([{ premises_id: premisesId, bin_id: expect.any(String) }]);
    expect(await axe(page), "nouvelle intervention").toEqual([]);
    await context.close();
  });

  it("field tablet: a check recorded offline is kept, then sent once when the network is back", async () => {
    const { binId, premisesId } = await premises("LOC-TAB-001", "2 place de la Mairie", chip);
    const today = parisDay();
    const { rows } = await db.query<{ id: string }>(
      "INSERT INTO waste_interventions (id, tenant_id, reference, kind, status, premises_id, bin_id, requested_by, scheduled_for, description) VALUES (gen_random_uuid(), $1, 'INT-TEST-00001', 'repair', 'scheduled', $2, $3, 'agent', $4, 'Couvercle cassé') RETURNING id",
      [cclvd, premisesId, binId, today],
    );
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signIn(page, "Compte agent ou élu (démonstration locale)", "Bastien Agent déchets");
    await page.goto(`${site}/cclvd/espace/dechets/terrain/`);
    await page.locator("#outils:not([hidden])").waitFor();
    expect(await axe(page), "tablette de terrain").toEqual([]);
    await page.getByLabel("Numéro de puce (lecteur RFID ou saisie)").fill(chip);
    await page.getByRole("button", { name: "Chercher le bac" }).click();
    await page.locator("#bac", { hasText: "2 place de la Mairie" }).waitFor();

    await page.locator("#jour li", { hasText: "INT-TEST-00001" }).waitFor();
    await context.setOffline(true);
    await page.getByLabel("Compte rendu de l’intervention INT-TEST-00001").fill("Couvercle remplacé");
    await page.getByRole("button", { name: "Terminer l’intervention INT-TEST-00001" }).click();
    await page.locator("#attente", { hasText: "1 saisie(s) en attente d’envoi." }).waitFor();
    await page.getByLabel("C — erreurs importantes").check();
    await page.getByLabel("Verre dans les emballages").check();
    await page.getByLabel(/^Photo/).setInputFiles({ name: "bac.png", mimeType: "image/png", buffer: Buffer.from(await png(800, 600)) });
    await page.getByRole("button", { name: "Enregistrer le contrôle" }).click();
    // The check and its photo wait on the tablet (the photo needs the check's id: sent after it).
    await page.locator("#attente", { hasText: "3 saisie(s) en attente d’envoi." }).waitFor();
    expect((await db.query("SELECT 1 FROM waste_bin_checks WHERE bin_id = $1", [binId])).rowCount).toBe(0);

    await context.setOffline(false);
    await page.locator("#attente", { hasText: "Tout est envoyé." }).waitFor();
    await page.getByRole("button", { name: "Envoyer maintenant" }).click();
    await page.locator("#attente", { hasText: "Tout est envoyé." }).waitFor();
    const done = await db.query<{ status: string; outcome: string }>("SELECT status, outcome FROM waste_interventions WHERE id = $1", [rows[0].id]);
    expect(done.rows).toEqual([{ status: "done", outcome: "Couvercle remplacé" }]);
    const checks = await db.query<{ id: string; grade: string; findings: string[]; photo_key: string | null }>(
      "SELECT id, grade, findings, photo_key FROM waste_bin_checks WHERE bin_id = $1",
      [binId],
    );
    expect(checks.rows).toMatchObject([{ grade: "C", findings: ["glass-in-packaging"] }]);
    expect(checks.rows[0].photo_key).toBe(`${cclvd}/checks/${checks.rows[0].id}`);
    // The photo as stored: downscaled to JPEG on the tablet before it was queued.
    const photo = await page.request.get(`${site}/t/cclvd/api/waste/checks/${checks.rows[0].id}/photo`);
    expect(photo.headers()["content-type"]).toBe("image/jpeg");
    await context.close();
  });

  it("resident: sees their own premises, lifts and sorting feedback, accessibly", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signIn(page, "Compte habitant (démonstration locale)", "Félix Habitant");
    const felix = (
      await db.query<{ id: string }>(
        "SELECT p.id FROM people p JOIN memberships m ON m.person_id = p.id WHERE m.tenant_id = $1 AND m.role = 'resident' AND p.display_name = 'Félix Habitant'",
        [cclvd],
      )
    ).rows[0].id;
    const { binId } = await premises("LOC-HAB-001", "5 allée des Peupliers", "250000000004444", felix);
    // A lift this year in Paris: an hour ago, but not before 1 January 00:00 in Paris.
    await db.query(
      "INSERT INTO waste_lifts (id, tenant_id, event_id, device_id, chip_id, bin_id, truck, round, lifted_at, lon, lat, stream) VALUES (gen_random_uuid(), $1, 'test:1', gen_random_uuid(), '250000000004444', $2, 'BOM-1', 'R1', greatest(now() - interval '1 hour', date_trunc('year', now() AT TIME ZONE 'Europe/Paris') AT TIME ZONE 'Europe/Paris'), 2.46, 49.33, 'residual')",
      [cclvd, binId],
    );
    await db.query(
      "INSERT INTO waste_bin_checks (id, tenant_id, bin_id, checked_at, grade, findings) VALUES (gen_random_uuid(), $1, $2, now(), 'B', '{bags-in-recycling}')",
      [cclvd, binId],
    );
    await page.goto(`${site}/cclvd/espace/mes-dechets/`);
    await page.getByRole("heading", { name: "5 allée des Peupliers (LOC-HAB-001)" }).waitFor();
    expect(await page.locator("h2", { hasText: "Tilleuls" }).count()).toBe(0);
    expect(await page.locator("#mes-locaux td").allTextContents()).toContain("1");
    // One main landmark's id only: the premises used to replace the whole <main id="contenu">, heading and request form included.
    expect(await page.locator("#contenu").count()).toBe(1);
    await page.getByRole("heading", { level: 1, name: "Mes déchets" }).waitFor();
    await page.getByRole("heading", { name: "Demander une intervention" }).waitFor();
    await page.getByText("Contrôle du", { exact: false }).waitFor();
    expect(await axe(page), "mes déchets").toEqual([]);
    await context.close();
  });
});
