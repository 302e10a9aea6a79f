/**
 * The digital safe in a real browser (issue #23), on the platform `npm run dev` starts, with the
 * seed's fictional staff (db/seed/data/staff-demo.json): Inès (HR) deposits a payroll PDF of 30
 * payslips and reads its manifest, cannot validate her own deposit; Wassim (HR) validates it and
 * deposits an arrêté for Théo; Théo sees his payslip and his arrêté only, downloads the payslip
 * (its SHA-256 is the one shown), acknowledges the arrêté, downloads his ZIP, and finds each access
 * in his journal. axe finds nothing on either page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { strFromU8, unzipSync } from "fflate";
import { axe, signInDemo, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from "../setup/browser-platform.ts";
import { payrollPdf } from "../../workers/staff/src/services/payroll-fixture.ts";
import { staffDemo } from "../../db/src/seed/staff-demo.ts";

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

const PERIOD = "2088-01";
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function openDesk(page: Page, account: string) {
  await signInDemo(page, platform, account);
  await page.locator("#modules").getByRole("link", { name: "Coffre-fort du personnel" }).click();
  await page.waitForURL(`${site}/cclvd/espace/rh/coffre/`);
  await page.locator("#coffre-rh [data-tools]:not([hidden])").waitFor();
}

describe("the staff's digital safe", () => {
  it("payroll deposited, checked by a second person, published; the agent sees, downloads, acknowledges and exports only his", async () => {
    const agents = staffDemo().tenants.find((t) => t.tenant === "cclvd")!.agents;
    expect(agents).toHaveLength(30);
    const pdf = Buffer.from(
      await payrollPdf(
        PERIOD,
        agents.map((a) => ({ payrollNumber: a.payrollNumber, name: a.name })),
      ),
    );

    // Inès deposits the month's PDF; the manifest says 30 found for 30 expected.
    const ines = await browser.newContext({ locale: "fr-FR" });
    const hr = await ines.newPage();
    await openDesk(hr, "Inès Agent RH");
    await hr.getByLabel("Mois de paie").fill(PERIOD);
    await hr.getByLabel("PDF de paie").setInputFiles({ name: "paie-janvier.pdf", mimeType: "application/pdf", buffer: pdf });
    await hr.getByRole("button", { name: "Déposer et découper" }).click();
    await hr.getByText("30 bulletins trouvés pour 30 agents attendus (30 pages). En attente du contrôle.").waitFor();
    expect(await axe(hr), "dépôt").toEqual([]);
    // Her own deposit: the check is refused, with the reason.
    await hr.getByRole("button", { name: `Contrôler et publier la paie de ${PERIOD}` }).click();
    await hr.locator("#d-etat", { hasText: "autre personne que celle qui a déposé" }).waitFor();
    await ines.close();

    // Wassim checks and publishes it, then deposits an arrêté for Théo.
    const wassim = await browser.newContext({ locale: "fr-FR" });
    const checker = await wassim.newPage();
    await openDesk(checker, "Wassim Gestionnaire paie");
    await checker.getByRole("button", { name: `Contrôler et publier la paie de ${PERIOD}` }).click();
    await checker.getByText("Paie publiée : 30 agents avertis").waitFor();
    await checker.getByLabel("Agent", { exact: true }).selectOption({ label: "Théo Agent technique (CC1001)" });
    await checker.getByLabel("Type de document").selectOption("decree");
    await checker.getByLabel("Intitulé").fill("Arrêté portant avancement d’échelon (fictif)");
    await checker.getByLabel("Date du document").fill("2088-01-15");
    await checker.getByLabel("PDF du document").setInputFiles({ name: "arrete.pdf", mimeType: "application/pdf", buffer: pdf.subarray(0) });
    await checker.getByRole("button", { name: "Déposer le document" }).click();
    await checker.getByText("Document déposé dans le coffre de Théo Agent technique (CC1001)").waitFor();
    await wassim.close();

    // Théo: his payslip and his arrêté, nobody else's.
    const theo = await browser.newContext({ locale: "fr-FR" });
    const page = await theo.newPage();
    await signInDemo(page, platform, "Théo Agent technique");
    await page.locator("#modules").getByRole("link", { name: "Mon coffre-fort" }).click();
    await page.waitForURL(`${site}/cclvd/espace/mon-coffre/`);
    const rows = page.locator("#documents tr");
    await rows.filter({ hasText: "Arrêté portant avancement" }).waitFor();
    expect(await rows.count()).toBe(2);
    await rows.filter({ hasText: "Bulletin de paie — janvier 2088" }).waitFor();

    // Download: the file's SHA-256 is the fingerprint shown.
    const slipRow = rows.filter({ hasText: "Bulletin de paie — janvier 2088" });
    const shown = await slipRow.locator("code").getAttribute("title");
    const [download] = await Promise.all([page.waitForEvent("download"), slipRow.getByRole("link", { name: /^Télécharger/ }).click()]);
    expect(sha256(await readFile((await download.path())!))).toBe(shown);

    // The arrêté acknowledged, with its day.
    await page.getByRole("button", { name: "J’ai pris connaissance de : Arrêté portant avancement d’échelon (fictif)" }).click();
    await page.getByText("Prise de connaissance enregistrée").waitFor();
    await rows.filter({ hasText: "Pris en compte le" }).waitFor();

    // Everything as a ZIP with its manifest.
    const [zipped] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger tout mon coffre (ZIP)" }).click()]);
    const files = unzipSync(new Uint8Array(await readFile((await zipped.path())!)));
    const manifest = JSON.parse(strFromU8(files["manifest.json"])) as { documents: Array<{ file: string; sha256: string }> };
    expect(manifest.documents).toHaveLength(2);
    for (const d of manifest.documents) expect(sha256(Buffer.from(files[d.file]))).toBe(d.sha256);

    // The journal: each access is there, and the chain holds.
    await page.reload();
    await page.getByText("Chaîne d’empreintes vérifiée").waitFor();
    const journal = page.locator("#journal");
    for (const what of ["liste consultée", "document téléchargé", "arrêté pris en compte", "export ZIP"]) await journal.getByText(what).first().waitFor();
    expect(await axe(page), "mon coffre").toEqual([]);
    await theo.close();
  });
});
