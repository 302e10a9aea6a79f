/**
 * Recruitment through the gateway (issue #24): a notice refused without its mandatory fields (in
 * French), declared to the CDG and published with a JobPosting a JSON-LD processor expands with
 * every required property, in the feed; an application without an account whose files are checked
 * from their bytes; a blind first screening that withholds identity in the API itself; the jury's
 * grid, an interview with its .ics, the appointment refused before the declaration and before the
 * minimum publication time; a rejection, the candidate's signed page and consent, and the purge on
 * its clock; the period's anonymous statistics, which outlive the purge. Dates are relative to
 * today (Paris).
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
// The browser build: the Node one pulls undici, which workerd cannot run.
import jsonld from "jsonld/dist/jsonld.esm.min.js";
import type { Actor, Tenant } from "@communa/core";
import { ANONYMOUS } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest, person } from "@communa/core/testing";
import { addDays, parisDay } from "@communa/core/time";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const hr = person("hr:read", "hr:write");
const jury2 = person("hr:read", "hr:write");
const today = parisDay();

async function call<T = Record<string, any>>(
  tenant: Tenant,
  path: string,
  init: RequestInit & { actor?: Actor; json?: unknown } = {},
  status = 200,
): Promise<T> {
  const res = await gateway(gatewayRequest(tenant, `/api/recruitment${path}`, { actor: hr, ...init }));
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return (body && /json/.test(res.headers.get("content-type") ?? "") ? JSON.parse(body) : body) as T;
}
const post = <T = Record<string, any>>(t: Tenant, path: string, body: unknown, status = 201, actor: Actor = hr) =>
  call<T>(t, path, { method: "POST", json: body, actor }, status);

const notice = (extra: Record<string, unknown> = {}) => ({
  versant: "territoriale",
  nature: "vacance",
  category: "B",
  cadreEmplois: "Rédacteurs territoriaux",
  grade: "Rédacteur principal de 2e classe",
  recruitingAuthority: "Le président de la communauté de communes",
  structure: "Service des ressources humaines",
  jobReference: "Gestionnaire des ressources humaines (RMFP)",
  missions: "Gérer la carrière et la paie des agents de la collectivité.",
  profile: "Expérience en gestion statutaire, maîtrise du statut de la fonction publique territoriale.",
  specificConditions: null,
  title: "Gestionnaire carrière et paie",
  location: "Liancourt (Oise)",
  vacancyDate: addDays(today, 60),
  applicationAuthority: "Monsieur le Président, par la plateforme ou par courrier",
  applicationDeadline: addDays(today, 30),
  employmentType: "FULL_TIME",
  salaryMinCents: 210000,
  salaryMaxCents: 260000,
  ...extra,
});

const pdf = (text = "CV") => new File([`%PDF-1.4\n% ${text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`], "cv.pdf", { type: "application/pdf" });
function applicationForm(extra: Record<string, string | File> = {}) {
  const form = new FormData();
  const fields: Record<string, string | File> = {
    fullName: "Camille Candidate-Secrète",
    email: "camille.candidate@example.invalid",
    postalAddress: "3 rue Cachée, 60140 Liancourt",
    summary: "Dix ans de gestion des carrières et de la paie dans une commune de 20 000 habitants.",
    channel: "emploi-territorial",
    consent: "true",
    cv: pdf(),
    letter: pdf("lettre"),
    ...extra,
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}
const applyTo = (t: Tenant, ref: string, form: FormData, status = 201) =>
  call(t, `/public/vacancies/${ref}/applications`, { method: "POST", body: form, actor: ANONYMOUS }, status);

let cclvd: Tenant;
let other: Tenant;

beforeAll(async () => {
  cclvd = await createTestTenant(testEnv, { name: "CC du Liancourtois (test)" });
  other = await createTestTenant(testEnv, { name: "Autre EPCI (test)" });
});

/** Offline documents for the JSON-LD processor: schema.org's context maps every term into its vocabulary. */
const documentLoader = async (url: string) => {
  if (/^https?:\/\/schema\.org\/?$/.test(url))
    return { contextUrl: undefined, documentUrl: url, document: { "@context": { "@vocab": "https://schema.org/", id: "@id", type: "@type" } } };
  throw new Error(`document ${url} non disponible hors ligne`);
};

describe("vacancies", () => {
  it("refuses a notice without its mandatory fields, each named in French", async () => {
    const { title: _t, missions: _m, applicationDeadline: _d, ...rest } = notice();
    const p = await post(cclvd, "/vacancies", rest, 400);
    const byPath = Object.fromEntries(p.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    expect(byPath["body/title"]).toBe("Indiquez l’intitulé du poste.");
    expect(byPath["body/missions"]).toBe("Décrivez les missions du poste.");
    expect(byPath["body/applicationDeadline"]).toBe("Indiquez la date limite de candidature (AAAA-MM-JJ).");
  });

  it("is declared, published with a JobPosting a JSON-LD processor reads, in the feed; another tenant sees nothing", async () => {
    const v = await post(cclvd, "/vacancies", notice());
    expect(v.reference).toMatch(/^EMP-\d{4}-\d{4}$/);
    expect(v.status).toBe("draft");
    await call(cclvd, `/public/vacancies/${v.reference}`, { actor: ANONYMOUS }, 404);
    await post(cclvd, `/vacancies/${v.reference}/publications`, { channel: "emploi-territorial" }, 409);
    await post(cclvd, `/vacancies/${v.reference}/declaration`, {
      motive: "Départ en retraite",
      cadreEmplois: "Rédacteurs territoriaux",
      cdgReference: "V060-2026-0042",
      declaredOn: today,
    });
    await post(
      cclvd,
      `/vacancies/${v.reference}/declaration`,
      { motive: "Bis", cadreEmplois: "Rédacteurs territoriaux", cdgReference: "V060-2026-0099", declaredOn: today },
      409,
    );
    const published = await post(cclvd, `/vacancies/${v.reference}/publications`, { channel: "site" });
    expect(published.status).toBe("published");
    await post(cclvd, `/vacancies/${v.reference}/publications`, { channel: "place-emploi-public" });
    const pub = await call(cclvd, `/public/vacancies/${v.reference}`, { actor: ANONYMOUS });
    expect(pub.cadreEmplois).toBe("Rédacteurs territoriaux");
    const expanded = await jsonld.expand(pub.jsonLd, { documentLoader: documentLoader as never });
    const s = (p: string) => `https://schema.org/${p}`;
    const node = expanded[0] as Record<string, any>;
    expect(node["@type"]).toEqual([s("JobPosting")]);
    for (const p of ["title", "description", "datePosted", "validThrough", "employmentType", "hiringOrganization", "jobLocation", "baseSalary", "identifier"])
      expect(node[s(p)], p).toBeDefined();
    expect(node[s("title")][0]["@value"]).toBe("Gestionnaire carrière et paie");
    expect(node[s("datePosted")][0]["@value"]).toBe(today);
    expect(node[s("hiringOrganization")][0][s("name")][0]["@value"]).toBe(cclvd.name);
    expect(node[s("jobLocation")][0][s("address")][0][s("addressLocality")][0]["@value"]).toBe("Liancourt (Oise)");
    const list = await call(cclvd, "/public/vacancies", { actor: ANONYMOUS });
    expect(list.vacancies.map((x: { reference: string }) => x.reference)).toContain(v.reference);
    const feed = await call(cclvd, "/public/feed.json", { actor: ANONYMOUS });
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.items.map((i: { title: string }) => i.title)).toContain("Gestionnaire carrière et paie");
    expect((await call(other, "/public/vacancies", { actor: ANONYMOUS })).vacancies).toEqual([]);
    await call(other, `/vacancies/${v.reference}`, {}, 404);
  });
});

describe("applications and pipeline", () => {
  let ref: string;
  let id: string;
  let cle: string;

  beforeAll(async () => {
    ref = (await post(cclvd, "/vacancies", notice({ title: "Chargé(e) de recrutement" }))).reference;
    await post(cclvd, `/vacancies/${ref}/publications`, { channel: "site" });
  });

  it("checks files from their bytes and size, then receives the application with a receipt mail", async () => {
    const fake = new File(["<html>pas un PDF</html>"], "cv.pdf", { type: "application/pdf" });
    const bad = await applyTo(cclvd, ref, applicationForm({ cv: fake }), 400);
    expect(bad.errors).toEqual([{ path: "form/cv", message: expect.stringContaining("ni un PDF") }]);
    const big = new File([`%PDF-1.4\n${"x".repeat(500 * 1024)}`], "cv.pdf");
    expect((await applyTo(cclvd, ref, applicationForm({ letter: big }), 400)).errors[0].path).toBe("form/letter");
    const noConsent = applicationForm();
    noConsent.delete("consent");
    expect((await applyTo(cclvd, ref, noConsent, 400)).errors[0].message).toBe("Cochez la case pour accepter le traitement de votre candidature.");
    const ok = await applyTo(cclvd, ref, applicationForm());
    id = ok.id;
    cle = ok.signature;
    expect(ok.followUrl).toContain(`/emplois/candidature/?id=${id}`);
    const [mail] = await adminQuery<{ subject: string; body: string }>(testEnv, "SELECT subject, body FROM outbox WHERE recipient = $1 AND tenant_id = $2", [
      "camille.candidate@example.invalid",
      cclvd.id,
    ]);
    expect(mail.subject).toBe("Candidature reçue : Chargé(e) de recrutement");
    expect(mail.body).toContain("télécharger vos données ou les supprimer");
    const files = await adminQuery<{ kind: string; content_type: string }>(
      testEnv,
      "SELECT kind, content_type FROM recruitment_files WHERE application_id = $1 ORDER BY kind",
      [id],
    );
    expect(files).toEqual([
      { kind: "cv", content_type: "application/pdf" },
      { kind: "letter", content_type: "application/pdf" },
    ]);
  });

  it("hides name, contact, address and files from reviewers during the blind first screening, not after", async () => {
    const list = await call(cclvd, `/vacancies/${ref}/applications`);
    const a = list.applications.find((x: { id: string }) => x.id === id);
    expect(a).toMatchObject({ blind: true, fullName: null, email: null, postalAddress: null, displayName: "Candidature C-0001" });
    expect(JSON.stringify(list)).not.toContain("Secrète");
    expect(JSON.stringify(await call(cclvd, `/applications/${id}`))).not.toMatch(/Secrète|Cachée|example\.invalid/);
    await call(cclvd, `/applications/${id}/files/cv`, {}, 403);
    await post(cclvd, `/applications/${id}/notes`, { body: "Parcours solide, à rencontrer." });
    await post(cclvd, `/applications/${id}/stage`, { stage: "Étape inconnue" }, 400);
    const moved = await post(cclvd, `/applications/${id}/stage`, { stage: "Entretien" }, 200);
    expect(moved).toMatchObject({ blind: false, fullName: "Camille Candidate-Secrète" });
    const cv = await call<string>(cclvd, `/applications/${id}/files/cv`);
    expect(cv.startsWith("%PDF-")).toBe(true);
  });

  it("keeps each jury member's scores with reasons, and sends an interview with its .ics", async () => {
    await call(cclvd, `/applications/${id}/scores`, { method: "PUT", json: { scores: [{ criterion: "Motivation", score: 4, reason: "Projet clair" }] } });
    await call(cclvd, `/applications/${id}/scores`, {
      method: "PUT",
      actor: jury2,
      json: { scores: [{ criterion: "Motivation", score: 3, reason: "Convaincante" }] },
    });
    await call(cclvd, `/applications/${id}/scores`, { method: "PUT", json: { scores: [{ criterion: "Inventé", score: 4, reason: "x-y-z" }] } }, 400);
    await call(cclvd, `/applications/${id}/scores`, { method: "PUT", json: { scores: [{ criterion: "Motivation", score: 9, reason: "Trop" }] } }, 400);
    // A score without its reason is refused on that reason, in the route's own words.
    const unjustified = await call(
      cclvd,
      `/applications/${id}/scores`,
      { method: "PUT", json: { scores: [{ criterion: "Motivation", score: 4, reason: "" }] } },
      400,
    );
    expect(unjustified.errors).toEqual([{ path: "body/scores/0/reason", message: "Chaque note demande sa justification." }]);
    const start = new Date(`${addDays(today, 10)}T08:30:00Z`).toISOString();
    const end = new Date(`${addDays(today, 10)}T09:15:00Z`).toISOString();
    const iv = await post(cclvd, `/applications/${id}/interviews`, {
      start,
      end,
      place: "Siège de la CCLVD, salle 2",
      visioUrl: "https://webconf.numerique.gouv.fr/recrutement-42",
    });
    expect(iv.ics).toContain("METHOD:REQUEST");
    expect(iv.ics).toContain("TZID=Europe/Paris");
    // Lines are folded at 75 octets (RFC 5545 §3.1): read them unfolded; a URI scheme is case-insensitive (ical-generator writes MAILTO).
    expect(iv.ics.replace(/\r\n[ \t]/g, "")).toMatch(/ATTENDEE;[^\r\n]*:mailto:camille\.candidate@example\.invalid/i);
    const detail = await call(cclvd, `/applications/${id}`);
    expect(detail.scores.map((s: { score: number }) => s.score).sort()).toEqual([3, 4]);
    expect(new Set(detail.scores.map((s: { juryMemberId: string }) => s.juryMemberId)).size).toBe(2);
    expect(detail.notes[0].body).toBe("Parcours solide, à rencontrer.");
  });

  it("refuses the appointment before the CDG declaration and before the minimum publication time", async () => {
    const noDecl = await post(cclvd, `/applications/${id}/stage`, { stage: "nomination" }, 409);
    expect(noDecl.detail).toContain("déclaration de vacance au centre de gestion");
    await post(cclvd, `/vacancies/${ref}/declaration`, {
      motive: "Création",
      cadreEmplois: "Rédacteurs territoriaux",
      cdgReference: "V060-2026-0043",
      declaredOn: today,
    });
    const early = await post(cclvd, `/applications/${id}/stage`, { stage: "nomination" }, 409);
    expect(early.detail).toContain("60 jours");
    expect(early.detail).toContain("Jurisprudence");
    // The tenant's dated parameter: no minimum from today on (a test value), then it passes.
    await call(cclvd, "/parameters", {
      method: "PUT",
      json: { validFrom: today, minPublicationDays: 0, renewalNoticeDays: 90, source: "Paramètre de test", scanUrl: null },
    });
    await post(cclvd, `/applications/${id}/stage`, { stage: "nomination" }, 200);
    await call(cclvd, "/parameters", {
      method: "PUT",
      json: { validFrom: today, minPublicationDays: 60, renewalNoticeDays: 90, source: "Retour au défaut", scanUrl: null },
    });
    // Checked again at the decision.
    expect((await post(cclvd, `/applications/${id}/decision`, { outcome: "hired", reason: "Meilleur dossier" }, 409)).detail).toContain("Retour au défaut");
  });

  it("rejects with a reason, asks consent through the signed link, and the purge takes the application on its clock", async () => {
    const second = await applyTo(cclvd, ref, applicationForm({ fullName: "Dominique Deuxième", email: "dominique@example.invalid" }));
    await post(cclvd, `/applications/${second.id}/decision`, { outcome: "rejected", reason: "Profil éloigné du poste" }, 200);
    const [mail] = await adminQuery<{ body: string }>(
      testEnv,
      "SELECT body FROM outbox WHERE recipient = 'dominique@example.invalid' AND subject LIKE 'Votre candidature%'",
    );
    expect(mail.body).toContain("Motif : Profil éloigné du poste");
    expect(mail.body).toContain("Acceptez-vous que nous conservions");
    await call(cclvd, `/candidatures/${second.id}?cle=${"x".repeat(43)}`, { actor: ANONYMOUS }, 404);
    const page = await call(cclvd, `/candidatures/${second.id}?cle=${encodeURIComponent(second.signature)}`, { actor: ANONYMOUS });
    expect(page).toMatchObject({ status: "rejected", statusText: "Non retenue", decisionReason: "Profil éloigné du poste", canAnswerConsent: true });
    await post(cclvd, `/candidatures/${id}/consent`, { cle, keep: true }, 409, ANONYMOUS);
    const exported = await call(cclvd, `/candidatures/${second.id}/export?cle=${encodeURIComponent(second.signature)}`, { actor: ANONYMOUS });
    expect(exported.application.fullName).toBe("Dominique Deuxième");
    expect(exported.files).toHaveLength(2);
    // Without consent: still there 2 months on, gone 3 months and a day on.
    const purge = (days: number) =>
      adminQuery<{ r: { applications: number; files: string[] } }>(testEnv, "SELECT app.purge_recruitment_expired(now() + make_interval(days => $1)) AS r", [
        days,
      ]);
    await purge(60);
    expect(await adminQuery(testEnv, "SELECT 1 FROM recruitment_applications WHERE id = $1", [second.id])).toHaveLength(1);
    // With consent, kept past 3 months.
    await post(cclvd, `/candidatures/${second.id}/consent`, { cle: second.signature, keep: true }, 200, ANONYMOUS);
    await purge(95);
    expect(await adminQuery(testEnv, "SELECT 1 FROM recruitment_applications WHERE id = $1", [second.id])).toHaveLength(1);
    const [{ r }] = await purge(2 * 366);
    expect(r.files).toEqual(expect.arrayContaining([`applications/${cclvd.id}/${second.id}/cv`]));
    expect(await adminQuery(testEnv, "SELECT 1 FROM recruitment_applications WHERE id = $1", [second.id])).toHaveLength(0);
    expect(await adminQuery(testEnv, "SELECT 1 FROM recruitment_files WHERE application_id = $1", [second.id])).toHaveLength(0);
    // The active application is never purged.
    expect(await adminQuery(testEnv, "SELECT 1 FROM recruitment_applications WHERE id = $1", [id])).toHaveLength(1);
  });

  it("keeps a declared disabled-worker status apart: hidden during the blind screening, each reading journalled, in the candidate's export, gone with the application", async () => {
    const tooLong = await applyTo(cclvd, ref, applicationForm({ email: "y@example.invalid", disabledWorker: "true", accommodations: "x".repeat(1001) }), 400);
    expect(tooLong.errors).toEqual([{ path: "form/accommodations", message: "Décrivez les aménagements en 1 000 caractères au plus." }]);
    const h = await applyTo(
      cclvd,
      ref,
      applicationForm({
        fullName: "Sacha Aménagé",
        email: "sacha@example.invalid",
        disabledWorker: "on",
        accommodations: "Salle accessible en fauteuil ; un tiers-temps à l’épreuve écrite.",
      }),
    );
    // Blind screening: nothing of it, and nothing journalled.
    expect((await call(cclvd, `/applications/${h.id}`)).health).toBeNull();
    const reads = () =>
      adminQuery(testEnv, "SELECT 1 FROM audit_journal WHERE tenant_id = $1 AND action = 'recruitment.health.read' AND target = $2", [
        cclvd.id,
        `recruitment_applications/${h.id}`,
      ]);
    expect(await reads()).toHaveLength(0);
    await post(cclvd, `/applications/${h.id}/stage`, { stage: "Entretien" }, 200);
    expect((await call(cclvd, `/applications/${h.id}`)).health).toEqual({
      disabledWorker: true,
      accommodations: "Salle accessible en fauteuil ; un tiers-temps à l’épreuve écrite.",
    });
    await call(cclvd, `/applications/${h.id}`);
    expect(await reads()).toHaveLength(2);
    // Not in the list of applications; in the candidate's own export.
    expect(JSON.stringify(await call(cclvd, `/vacancies/${ref}/applications`))).not.toContain("tiers-temps");
    const mine = await call(cclvd, `/candidatures/${h.id}/export?cle=${encodeURIComponent(h.signature)}`, { actor: ANONYMOUS });
    expect(mine.health).toEqual({ disabledWorker: true, accommodations: "Salle accessible en fauteuil ; un tiers-temps à l’épreuve écrite." });
    // Not given: no line at all.
    expect(await adminQuery(testEnv, "SELECT 1 FROM recruitment_health WHERE application_id = $1", [id])).toHaveLength(0);
    await post(cclvd, `/candidatures/${h.id}/delete`, { cle: h.signature }, 204, ANONYMOUS);
    expect(await adminQuery(testEnv, "SELECT 1 FROM recruitment_health WHERE application_id = $1", [h.id])).toHaveLength(0);
  });

  it("counts the period's applications anonymously — channels, categories, stages, gender where declared, time to hire — past the purge, in JSON and CSV; the hired one goes to the HR file", async () => {
    const badGender = await applyTo(cclvd, ref, applicationForm({ gender: "autre-chose", email: "x@example.invalid" }), 400);
    expect(badGender.errors).toEqual([{ path: "form/gender", message: "Genre : « femme », « homme », ou rien (facultatif)." }]);
    const third = await applyTo(
      cclvd,
      ref,
      applicationForm({ fullName: "Claude Troisième", email: "claude@example.invalid", channel: "site", gender: "femme" }),
    );
    // The gender goes to the statistics only, never on the application.
    expect(await adminQuery(testEnv, "SELECT gender FROM recruitment_facts WHERE application_id = $1", [third.id])).toEqual([{ gender: "femme" }]);
    const params = (days: number, source: string) =>
      call(cclvd, "/parameters", { method: "PUT", json: { validFrom: today, minPublicationDays: days, renewalNoticeDays: 90, source, scanUrl: null } });
    await params(0, "Paramètre de test");
    await post(cclvd, `/applications/${third.id}/stage`, { stage: "nomination" }, 200);
    await post(cclvd, `/applications/${third.id}/decision`, { outcome: "hired", reason: "Meilleur dossier" }, 200);
    await params(60, "Retour au défaut");

    // The hired candidate's file continues as the agent's HR file in the archive: sealed, once.
    expect((await post(cclvd, `/applications/${id}/archive`, { birthDate: "1990-04-12" }, 409)).detail).toBe(
      "Seule une candidature retenue se verse au dossier d’agent.",
    );
    const deposit = await post(cclvd, `/applications/${third.id}/archive`, { birthDate: "1990-04-12" });
    expect(deposit.status).toBe("accepted");
    expect((await post(cclvd, `/applications/${third.id}/archive`, { birthDate: "1990-04-12" })).reference).toBe(deposit.reference);
    const units = await adminQuery<{ profile: string; agent: string; files: string[] }>(
      testEnv,
      `SELECT u.profile, u.agent_name AS agent, array_agg(o.file_name ORDER BY o.file_name) AS files
         FROM archive_units u JOIN archive_deposits d ON d.id = u.deposit_id JOIN archive_objects o ON o.unit_id = u.id
        WHERE d.tenant_id = $1 AND d.reference = $2 GROUP BY u.profile, u.agent_name`,
      // A deposit's reference is unique in its tenant only.
      [cclvd.id, deposit.reference],
    );
    expect(units).toEqual([{ profile: "hr_agent", agent: "Claude Troisième", files: ["cv.pdf", "decision-recrutement.txt", "lettre-de-motivation.pdf"] }]);

    const stats = await call(cclvd, `/statistics?from=${today}&to=${today}`);
    // The first (active, at the appointment stage), the second (rejected, then purged: still counted),
    // Sacha's (deleted by the candidate at the interview stage: withdrawn), the third (hired).
    expect(stats).toMatchObject({ applications: 4, vacancies: 1, hired: 1, medianDaysToHire: 0 });
    const by = (list: Array<{ key: string }>) => Object.fromEntries(list.map(({ key, ...rest }) => [key, rest]));
    expect(by(stats.byGender)).toEqual({
      femme: { applications: 1, hired: 1 },
      homme: { applications: 0, hired: 0 },
      "non-declare": { applications: 3, hired: 0 },
    });
    expect(by(stats.byChannel)).toMatchObject({ site: { applications: 1, hired: 1 }, "emploi-territorial": { applications: 3, hired: 0 } });
    expect(by(stats.byCategory)).toMatchObject({ B: { applications: 4, hired: 1 }, A: { applications: 0, hired: 0 } });
    expect(by(stats.byOutcome)).toMatchObject({
      active: { applications: 1 },
      rejected: { applications: 1 },
      withdrawn: { applications: 1 },
      hired: { applications: 1 },
    });
    expect(stats.stages).toEqual([
      { rank: 0, reached: 4 },
      { rank: 1, reached: 3 },
      { rank: 2, reached: 2 },
    ]);
    expect(stats.byMonth).toEqual([{ month: today.slice(0, 7), applications: 4, hired: 1 }]);
    const year = await call(cclvd, `/statistics?from=${today.slice(0, 4)}-01-01&to=${today.slice(0, 4)}-12-31`);
    expect(year.byMonth.map((x: { month: string }) => x.month)).toHaveLength(12);
    const csv = await call<string>(cclvd, `/statistics.csv?from=${today}&to=${today}`);
    // (Response.text() drops the byte-order mark that tells a spreadsheet it is UTF-8.)
    expect(csv.replace(/^\ufeff/, "").startsWith("Rubrique;Valeur;Candidatures;Recrutements\r\n")).toBe(true);
    expect(csv).toContain("Genre déclaré;femme;1;1\r\n");
    // Another tenant's figures are its own; a period upside down is refused on its field.
    expect((await call(other, `/statistics?from=${today}&to=${today}`)).applications).toBe(0);
    expect((await call(cclvd, `/statistics?from=${today}&to=${addDays(today, -1)}`, {}, 400)).errors[0].path).toBe("query/to");
    // Six years on, the lines go too.
    await adminQuery(testEnv, "SELECT app.purge_recruitment_expired(now() + interval '6 years 2 days')");
    expect((await call(cclvd, `/statistics?from=${today}&to=${today}`)).applications).toBe(0);
  });
});
