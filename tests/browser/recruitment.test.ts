/// <reference path="../integration/jsonld.d.ts" />
/**
 * Recruitment in a real browser (issue #24, « Done when »), on the platform `npm run dev` starts:
 * the public job pages list the seed's notices; Inès (HR, CCLVD) writes a notice — refused field by
 * field while a mandatory mention is missing —, publishes it on the site and records the Centre de
 * gestion declaration; the notice's static page appears (the Worker's build hook), its JobPosting
 * read by a JSON-LD processor; a candidate applies without an account (CV and letter); Inès screens
 * the application blind (no name, no file), scores it, moves it to the interview (the name shows),
 * invites, is refused the appointment (the minimum publication time), rejects it with its reason,
 * and finds it in the anonymous statistics; the candidate follows it by the signed link, agrees to
 * be kept, downloads and deletes the data; with the tenant's own dated rule a second candidate is
 * appointed and hired, and the file is sealed in the agent's HR file in the archive. axe (WCAG 2.1
 * A/AA) finds nothing on any page.
 *
 * Dates: the notice's dates are the Worker's day plus some days (parisDay/addDays), never fixed;
 * the appointment is refused because the notice was published minutes ago, whatever the day.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import jsonld from "jsonld/dist/jsonld.esm.min.js";
import { addDays, parisDay } from "@communa/core/time";
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

/** Offline documents for the JSON-LD processor: schema.org's context maps every term into its vocabulary. */
const documentLoader = async (url: string) => {
  if (/^https?:\/\/schema\.org\/?$/.test(url))
    return { contextUrl: undefined, documentUrl: url, document: { "@context": { "@vocab": "https://schema.org/", id: "@id", type: "@type" } } };
  throw new Error(`document ${url} non disponible hors ligne`);
};

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
const title = `Gestionnaire carrière et paie ${crypto.randomUUID().slice(0, 6)}`;
const candidate = { name: "Lou Candidate", email: `lou.${crypto.randomUUID().slice(0, 8)}@example.invalid` };
/** What the HR part leaves for the candidate's: the notice's reference and the follow link. */
const shared = { reference: "", followUrl: "" };

async function openDesk(page: Page) {
  await signInDemo(page, platform, "Inès Agent RH");
  await page.locator("#modules").getByRole("link", { name: "Recrutement" }).click();
  await page.waitForURL(`${site}/cclvd/espace/recrutement/`);
  await page.locator("#recrutement [data-tools]:not([hidden])").waitFor();
}

describe("recruitment pages", () => {
  it("lists the seed's open notices on the public page, with its feed, and in the sitemap", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${site}/cclvd/emplois/`);
    const cards = page.locator("ul.offres li:not([hidden])");
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(2);
    await page.getByRole("link", { name: "Ripeur ou ripeuse de collecte des déchets ménagers" }).waitFor();
    expect(await page.locator('link[rel="alternate"][type="application/feed+json"]').getAttribute("href")).toBe("/t/cclvd/api/recruitment/public/feed.json");
    expect(await axe(page), "offres").toEqual([]);
    const feed = (await (await fetch(`${site}/t/cclvd/api/recruitment/public/feed.json`)).json()) as { items: Array<{ title: string }> };
    expect(feed.items.map((i) => i.title)).toContain("Ripeur ou ripeuse de collecte des déchets ménagers");
    // A member commune's residents find the intercommunality's posts on their commune's page.
    await page.goto(`${site}/liancourt/emplois/`);
    const epciPosts = page.getByRole("region", { name: /^Les postes de la Communauté de communes/ });
    await epciPosts.waitFor();
    expect(await epciPosts.getByRole("link", { name: "Ripeur ou ripeuse de collecte des déchets ménagers" }).getAttribute("href")).toMatch(
      /^\/cclvd\/emplois\/EMP-\d{4}-\d{4}\/$/,
    );
    expect(await axe(page), "offres d’une commune membre").toEqual([]);
    const sitemap = await (await fetch(`${site}/sitemap.xml`)).text();
    expect(sitemap).toContain("/cclvd/emplois/</loc>");
    expect(sitemap).toMatch(/\/cclvd\/emplois\/EMP-\d{4}-\d{4}\/<\/loc>/);
    await context.close();
  });

  it("HR writes a notice (refused while a mention is missing), publishes it and declares it; its page carries the JobPosting", async () => {
    const context = await browser.newContext({ locale: "fr-FR", acceptDownloads: true });
    const hr = await context.newPage();
    await openDesk(hr);
    expect(await axe(hr), "recrutement").toEqual([]);
    const today = parisDay();
    const form = hr.locator("#f-offre");
    await form.getByLabel("Catégorie").selectOption("B");
    await form.getByLabel("Cadre d’emplois").fill("Rédacteurs territoriaux");
    await form.getByLabel("Autorité de recrutement").fill("Le président de la CCLVD");
    await form.getByLabel("Structure d’affectation").fill("Service des ressources humaines");
    await form.getByLabel("Métier (répertoire des métiers)").fill("Gestionnaire carrière et paie (fiche 05/B/02)");
    await form.getByLabel("Intitulé").fill(title);
    await form.getByLabel("Profil recherché").fill("Connaissance du statut de la fonction publique territoriale, rigueur, discrétion.");
    await form.getByLabel("Lieu de travail").fill("Liancourt (Oise)");
    await form.getByLabel("Date de vacance du poste").fill(addDays(today, 90));
    await form.getByLabel("Candidatures à adresser à").fill("Monsieur le Président, service des ressources humaines");
    await form.getByLabel("Date limite de candidature").fill(addDays(today, 30));
    await form.getByLabel("Salaire brut mensuel minimum, en euros (facultatif)").fill("2100");
    await form.getByLabel("Salaire brut mensuel maximum, en euros (facultatif)").fill("2500");
    // The missions are missing: the API's French message goes beside the field, the summary links to it.
    await form.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await form.getByRole("link", { name: "Décrivez les missions du poste." }).waitFor();
    expect(await form.getByLabel("Missions").getAttribute("aria-invalid")).toBe("true");
    expect(await axe(hr), "offre refusée").toEqual([]);
    await form.getByLabel("Missions").fill("Gérer la carrière et la paie d’un portefeuille d’agents.\nPréparer les arrêtés et les déclarations sociales.");
    await form.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    const heading = hr.locator("#offre-titre");
    await expect.poll(() => heading.textContent()).toContain(title);
    shared.reference = (await heading.textContent())!.match(/EMP-\d{4}-\d{4}/)![0];
    await hr.getByText(`Offre ${shared.reference} enregistrée en brouillon.`).waitFor();

    // Another channel before the site is refused; the site first, then the CDG declaration.
    await hr.getByRole("button", { name: "Publier sur : Emploi-territorial" }).click();
    await hr.getByText("Publiez d’abord l’offre sur le site de la collectivité.").waitFor();
    await hr.getByRole("button", { name: "Publier sur : Site de la collectivité" }).click();
    await hr.getByText("Publication enregistrée : Site de la collectivité.").waitFor();
    const declaration = hr.locator("#f-declaration");
    await declaration.getByLabel("Motif (création, départ en retraite, mutation…)").fill("Départ en retraite");
    await declaration.getByLabel("Cadre d’emplois").fill("Rédacteurs territoriaux");
    await declaration.getByLabel("Numéro d’enregistrement au centre de gestion").fill("V060-2088-0042");
    await declaration.getByLabel("Date de la déclaration").fill(today);
    await declaration.getByRole("button", { name: "Enregistrer la déclaration" }).click();
    await hr.getByText("Déclarée au centre de gestion le", { exact: false }).waitFor();
    expect(await axe(hr), "offre publiée").toEqual([]);
    // The notice's text for the channels without a connector: the same mentions as the public page.
    const [text] = await Promise.all([
      hr.waitForEvent("download"),
      hr.getByRole("link", { name: "Télécharger le texte de l’avis (à reporter sur les autres sites)" }).click(),
    ]);
    expect(text.suggestedFilename()).toBe(`avis-${shared.reference}.txt`);
    const notice = await readFile((await text.path())!, "utf8");
    expect(notice).toContain("Cadre d’emplois : Rédacteurs territoriaux\r\n");
    expect(notice).toContain("Rémunération : de 2");

    // The notice's static page: the build hook made the dev server read the notices again.
    const url = `${site}/cclvd/emplois/${shared.reference}/`;
    await expect.poll(async () => (await fetch(url)).status, { interval: 500 }).toBe(200);
    const visitor = await context.newPage();
    await visitor.goto(url);
    const ld = JSON.parse((await visitor.locator('script[type="application/ld+json"]').textContent())!);
    const [node] = (await jsonld.expand(ld, { documentLoader: documentLoader as never })) as Array<Record<string, any>>;
    const s = (p: string) => `https://schema.org/${p}`;
    expect(node["@type"]).toEqual([s("JobPosting")]);
    expect(node["@id"]).toMatch(new RegExp(`^https?://[^/]+/cclvd/emplois/${shared.reference}/$`));
    expect(node[s("title")][0]["@value"]).toBe(title);
    expect(node[s("validThrough")][0]["@value"]).toMatch(new RegExp(`^${addDays(today, 30)}T`));
    // Absolute addresses, as search engines need them (the API's are the site's relative ones).
    expect(node[s("hiringOrganization")][0][s("url")][0]["@value"]).toMatch(/^https?:\/\/[^/]+\/cclvd\/$/);
    expect(node[s("baseSalary")][0][s("value")][0][s("minValue")][0]["@value"]).toBe(2100);
    // The twelve mentions, in words.
    await visitor.getByText("Rédacteurs territoriaux").first().waitFor();
    await visitor.getByText("Catégorie B", { exact: false }).first().waitFor();
    expect(await visitor.locator(".mentions dt").allTextContents()).toEqual(
      expect.arrayContaining([
        "Versant",
        "Nature du poste",
        "Catégorie",
        "Cadre d’emplois",
        "Autorité de recrutement",
        "Structure d’affectation",
        "Date limite de candidature",
      ]),
    );
    await context.close();
  });

  it("a candidate applies without an account; HR screens blind, scores, interviews, is refused the appointment, rejects with a reason", async () => {
    expect(shared.reference).toMatch(/^EMP-/);
    const visitorContext = await browser.newContext({ locale: "fr-FR" });
    const page = await visitorContext.newPage();
    await page.goto(`${site}/cclvd/emplois/${shared.reference}/`);
    const form = page.locator("#f-candidature");
    await form.getByLabel("Nom et prénom").fill(candidate.name);
    await form.getByLabel("Adresse électronique (pour l’accusé de réception et le suivi)").fill(candidate.email);
    await form
      .getByLabel("Votre parcours et vos compétences")
      .fill("Six ans de gestion de la paie en mairie, maîtrise des carrières et des déclarations sociales.");
    // A file that is not a PDF is refused on its field, read from its bytes.
    await form.getByLabel("Votre CV").setInputFiles({ name: "cv.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html>pas un PDF</html>") });
    await form.getByLabel("Votre lettre de motivation").setInputFiles({ name: "lettre.pdf", mimeType: "application/pdf", buffer: pdf("lettre") });
    await form.getByLabel("Aménagements souhaités pour les épreuves et les entretiens").fill("Salle accessible en fauteuil.");
    await form.getByLabel("Genre (facultatif)").selectOption("femme");
    await form.getByLabel("J’accepte que la collectivité traite ma candidature pour ce recrutement.").check();
    await form.getByRole("button", { name: "Envoyer ma candidature" }).click();
    await form.getByRole("link", { name: /ni un PDF/ }).waitFor();
    expect(await form.getByLabel("Votre CV").getAttribute("aria-invalid")).toBe("true");
    expect(await axe(page), "candidature refusée").toEqual([]);
    await form.getByLabel("Votre CV").setInputFiles({ name: "cv.pdf", mimeType: "application/pdf", buffer: pdf("CV de Lou") });
    await form.getByRole("button", { name: "Envoyer ma candidature" }).click();
    await page.getByText(/^Candidature n° \d+ reçue\./).waitFor();
    shared.followUrl = (await page.getByRole("link", { name: "Suivre ma candidature" }).getAttribute("href"))!;
    expect(shared.followUrl).toMatch(/\/emplois\/candidature\/\?id=[0-9a-f-]{36}&cle=/);
    expect(await axe(page), "candidature envoyée").toEqual([]);
    await visitorContext.close();

    // Inès opens the notice: the application is a number, its presentation, no name and no file.
    const context = await browser.newContext({ locale: "fr-FR" });
    const hr = await context.newPage();
    await openDesk(hr);
    await hr.getByRole("button", { name: `Ouvrir l’offre ${shared.reference}` }).click();
    const examine = hr.getByRole("button", { name: /^Examiner : Candidature C-\d{4}$/ });
    await examine.waitFor();
    expect(await hr.locator("#candidatures").textContent()).not.toContain(candidate.name);
    await examine.click();
    await hr.getByText("Première sélection à l’aveugle : le nom, les coordonnées et les fichiers s’afficheront à l’étape suivante.").waitFor();
    expect(await hr.locator("#dossier").textContent()).not.toContain(candidate.name);
    expect(await hr.locator("#dossier-fichiers a").count()).toBe(0);
    expect(await hr.locator("#dossier-sante").isHidden()).toBe(true);
    expect(await axe(hr), "sélection à l’aveugle").toEqual([]);

    // Her grid: a score without its reason is refused; then each criterion scored with one.
    const grid = hr.locator("#f-grille");
    await grid.getByLabel("Note : Compétences techniques").selectOption("4");
    await grid.getByRole("button", { name: "Enregistrer ma grille" }).click();
    await grid.getByRole("link", { name: "Chaque note demande sa justification." }).first().waitFor();
    for (const [criterion, score] of [
      ["Compétences techniques", "4"],
      ["Motivation", "5"],
      ["Connaissance de l’environnement territorial", "3"],
    ]) {
      await grid.getByLabel(`Note : ${criterion}`).selectOption(score);
      await grid.getByLabel(`Justification : ${criterion}`).fill(`Appréciation motivée (${criterion}).`);
    }
    await grid.getByRole("button", { name: "Enregistrer ma grille" }).click();
    await hr.getByText("Grille enregistrée (3 critères).").waitFor();
    expect(await hr.locator("#g-total").textContent()).toBe("3 notes du jury enregistrées.");

    // To the interview: the name and the files show.
    await hr.locator("#f-etape").getByLabel("Passer à l’étape").selectOption("Entretien");
    await hr.getByRole("button", { name: "Changer d’étape" }).click();
    await hr.getByText("Candidature passée à l’étape « Entretien ».").waitFor();
    await expect.poll(() => hr.locator("#dossier-titre").textContent()).toContain(candidate.name);
    expect(await hr.locator("#dossier-coordonnees").textContent()).toContain(candidate.email);
    // The arrangements asked (health data) show now, their reading journalled.
    expect(await hr.locator("#dossier-sante-texte").textContent()).toBe("Salle accessible en fauteuil.");
    const cv = hr.getByRole("link", { name: "Ouvrir le CV" });
    const cvBody = await (await hr.request.get(new URL((await cv.getAttribute("href"))!, site).href)).text();
    expect(cvBody).toContain("CV de Lou");

    // The invitation, a week after the Worker's day at 10:00 in Paris.
    const day = addDays(parisDay(), 7);
    const invite = hr.locator("#f-entretien");
    await invite.getByLabel("Début (heure de Paris)").fill(`${day}T10:00`);
    await invite.getByLabel("Fin (heure de Paris)").fill(`${day}T10:45`);
    await invite.getByLabel("Lieu").fill("Siège de la CCLVD, salle du conseil");
    await invite.getByRole("button", { name: "Envoyer la convocation" }).click();
    await hr.getByText(/^Convocation envoyée pour le .*10:00/).waitFor();
    expect(await hr.locator("#entretiens").textContent()).toContain("Siège de la CCLVD, salle du conseil");

    // The appointment waits on the minimum publication time (published minutes ago).
    await hr.locator("#f-etape").getByLabel("Passer à l’étape").selectOption("nomination");
    await hr.getByRole("button", { name: "Changer d’étape" }).click();
    await hr
      .locator("#f-etape")
      .getByText(/Nomination impossible avant le .* : l’offre doit avoir été publiée 60 jours au moins/)
      .first()
      .waitFor();
    expect(await axe(hr), "nomination refusée").toEqual([]);

    // The rejection, with its reason.
    const decision = hr.locator("#f-decision");
    await decision.getByLabel("Décision", { exact: true }).selectOption("rejected");
    await decision.getByLabel("Motif de la décision").fill("Un autre profil correspond mieux aux besoins du service.");
    await decision.getByRole("button", { name: "Enregistrer la décision" }).click();
    await hr.getByText("Décision enregistrée : Non retenue.").waitFor();
    expect(await hr.locator("#candidatures").textContent()).toContain("Non retenue");
    const [row] = await ownerQuery<{ status: string; reason: string; scores: number }>(
      platform,
      `SELECT a.status, a.decision_reason AS reason, (SELECT count(*)::int FROM recruitment_scores s WHERE s.application_id = a.id) AS scores
         FROM recruitment_applications a WHERE a.email = $1`,
      [candidate.email],
    );
    expect(row).toEqual({ status: "rejected", reason: "Un autre profil correspond mieux aux besoins du service.", scores: 3 });
    // The gender went to the anonymous statistics, never on the application or to the jury.
    expect(await hr.locator("#dossier").textContent()).not.toContain("Femme");
    await hr.getByRole("button", { name: "Afficher" }).click();
    const women = hr.getByRole("region", { name: "Par genre déclaré" }).getByRole("row", { name: /^Femmes/ });
    await expect.poll(async () => Number((await women.locator("td").first().textContent()) ?? 0)).toBeGreaterThanOrEqual(1);
    await hr.getByRole("img", { name: /^Candidatures et recrutements par mois, sur \d+ mois$/ }).waitFor();
    expect(await axe(hr), "statistiques").toEqual([]);
    await context.close();
  });

  it("the candidate follows the application by the signed link, agrees to be kept, downloads and deletes the data", async () => {
    expect(shared.followUrl).toBeTruthy();
    const context = await browser.newContext({ locale: "fr-FR", acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(new URL(shared.followUrl, site).href);
    await page.locator("#cand-contenu:not([hidden])").waitFor();
    expect(await page.locator("#cand-titre").textContent()).toBe(`${title} (offre ${shared.reference})`);
    expect(await page.locator("#cand-statut").textContent()).toBe("Non retenue");
    expect(await page.locator("#cand-motif").textContent()).toBe("Un autre profil correspond mieux aux besoins du service.");
    expect(await page.locator("#cand-entretiens-liste").textContent()).toContain("Siège de la CCLVD, salle du conseil");
    expect(await axe(page), "suivi").toEqual([]);

    await page.getByRole("button", { name: "Oui, gardez ma candidature" }).click();
    await page.getByText("Votre candidature est gardée pour d’autres postes, 2 ans au plus.").waitFor();
    expect(await page.locator("#cand-garder-actuel").textContent()).toBe("Vous avez accepté qu’elle soit gardée.");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger mes données (JSON)" }).click()]);
    const data = await readFile((await download.path())!, "utf8");
    expect(data).toContain(candidate.email);

    await page.getByRole("button", { name: "Supprimer ma candidature et mes fichiers" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Confirmer" }).click();
    await page.getByText("Votre candidature et vos fichiers sont supprimés.").waitFor();
    expect(await ownerQuery(platform, "SELECT id FROM recruitment_applications WHERE email = $1", [candidate.email])).toEqual([]);
    // The link now leads nowhere.
    await page.goto(new URL(shared.followUrl, site).href);
    await page.getByText("Ce lien de suivi n’est pas valide. Ouvrez le lien reçu par courriel.").waitFor();
    await context.close();
  });
  it("once HR records its own dated rule, a second candidate is appointed, hired, and the file goes to the agent's HR file in the archive", async () => {
    const visitorContext = await browser.newContext({ locale: "fr-FR" });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${site}/cclvd/emplois/${shared.reference}/`);
    const form = visitor.locator("#f-candidature");
    await form.getByLabel("Nom et prénom").fill("Noé Recruté");
    await form.getByLabel("Adresse électronique (pour l’accusé de réception et le suivi)").fill(`noe.${crypto.randomUUID().slice(0, 8)}@example.invalid`);
    await form.getByLabel("Votre parcours et vos compétences").fill("Huit ans de gestion des carrières en intercommunalité, paie et déclarations sociales.");
    await form.getByLabel("Votre CV").setInputFiles({ name: "cv.pdf", mimeType: "application/pdf", buffer: pdf("CV de Noé") });
    await form.getByLabel("Votre lettre de motivation").setInputFiles({ name: "lettre.pdf", mimeType: "application/pdf", buffer: pdf("lettre de Noé") });
    await form.getByLabel("J’accepte que la collectivité traite ma candidature pour ce recrutement.").check();
    await form.getByRole("button", { name: "Envoyer ma candidature" }).click();
    await visitor.getByText(/^Candidature n° \d+ reçue\./).waitFor();
    await visitorContext.close();

    const context = await browser.newContext({ locale: "fr-FR" });
    const hr = await context.newPage();
    await openDesk(hr);
    // The tenant's own rule from today (its source said), then the way to the appointment is open.
    const rules = hr.locator("#f-regles");
    // The form is filled with the rule in force once it has loaded: wait for it before editing.
    await hr.locator("#regles", { hasText: "jours" }).waitFor();
    await rules.getByLabel("À partir du").fill(parisDay());
    await rules.getByLabel("Durée minimale de publication avant la nomination (jours)").fill("0");
    await rules.getByLabel("Source de la règle").fill("Délibération de test : nomination sans délai minimal");
    await rules.getByRole("button", { name: "Enregistrer la règle" }).click();
    await hr.getByText(/^Règle enregistrée, en vigueur à partir du /).waitFor();
    expect(await hr.locator("#regles").textContent()).toContain("0 jours (Délibération de test");
    await hr.getByRole("button", { name: `Ouvrir l’offre ${shared.reference}` }).click();
    await hr
      .getByRole("button", { name: /^Examiner : Candidature C-\d{4}$/ })
      .first()
      .click();
    await hr.locator("#f-etape").getByLabel("Passer à l’étape").selectOption("Entretien");
    await hr.getByRole("button", { name: "Changer d’étape" }).click();
    await hr.getByText("Candidature passée à l’étape « Entretien ».").waitFor();
    await hr.locator("#f-etape").getByLabel("Passer à l’étape").selectOption("nomination");
    await hr.getByRole("button", { name: "Changer d’étape" }).click();
    await hr.getByText("Candidature passée à l’étape « Nomination ».").waitFor();
    const decision = hr.locator("#f-decision");
    await decision.getByLabel("Décision", { exact: true }).selectOption("hired");
    await decision.getByLabel("Motif de la décision").fill("Meilleur dossier et meilleur entretien.");
    await decision.getByRole("button", { name: "Enregistrer la décision" }).click();
    await hr.getByText("Décision enregistrée : Retenue.").waitFor();
    // The file to the archive: CV, letter and decision, sealed in the agent's HR file.
    const archive = hr.locator("#f-archive");
    await archive.getByLabel("Date de naissance de l’agent").fill("1988-09-30");
    await archive.getByRole("button", { name: "Verser au dossier d’agent" }).click();
    await hr.getByText(/^Versé aux archives : versement \S+\.$/).waitFor();
    expect(await axe(hr), "recrutement conclu").toEqual([]);
    const [unit] = await ownerQuery<{ profile: string; files: number }>(
      platform,
      "SELECT u.profile, (SELECT count(*)::int FROM archive_objects o WHERE o.unit_id = u.id) AS files FROM archive_units u WHERE u.agent_name = 'Noé Recruté'",
    );
    expect(unit).toEqual({ profile: "hr_agent", files: 3 });
    // Back to the default rule for whatever runs next on this platform.
    await rules.getByLabel("Durée minimale de publication avant la nomination (jours)").fill("60");
    await rules.getByLabel("Source de la règle").fill("Jurisprudence administrative : environ 2 mois (paramètre daté)");
    await rules.getByRole("button", { name: "Enregistrer la règle" }).click();
    await hr.locator("#regles", { hasText: "60 jours" }).waitFor();
    await context.close();
  });
});
