/**
 * The device status board and the dead-letter screen in a real browser, on the platform `npm run
 * dev` starts (ADR 0016): an administrator registers a truck's RFID reader on the devices page, the reader (simulated
 * here, signing its requests) sends a heartbeat and a batch holding an event the database refuses;
 * a waste agent sees the reader online on the board, finds the dead letter, fixes its JSON and
 * replays it. Each page is checked with axe (WCAG 2.1 A/AA).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import {
  axe,
  startBrowserPlatform,
  stopBrowserPlatform,
  type BrowserPlatform,
  ownerQuery as queryAsOwner,
  signInDemo,
  deviceCall as signedCall,
  type DeviceCredentials,
} from "../setup/browser-platform.ts";

let platform: BrowserPlatform;
let browser: Browser;
let site: string;

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, site } = platform);
}, 780_000);

afterAll(() => stopBrowserPlatform(platform), 60_000);

const ownerQuery = <T>(text: string, params: unknown[]) => queryAsOwner<T>(platform, text, params);

const signIn = (page: Page, account: string) => signInDemo(page, platform, account);

type Device = DeviceCredentials;

/** What a device's firmware does: a signed POST to the devices API. */
const deviceCall = (d: DeviceCredentials, route: string, json: unknown) => signedCall(platform, d, route, json);

describe("devices board and dead letters", () => {
  it("a waste agent sees the reader live, then fixes and replays a refused event, accessibly", async () => {
    const name = `Benne ${Date.now()} — lecteur arrière`;
    const adminContext = await browser.newContext({ locale: "fr-FR" });
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, "Alix Administratrice");
    // The administrator registers it on the devices page; its secret is shown once there.
    await adminPage.goto(`${site}/cclvd/espace/appareils/`);
    const register = adminPage.locator("#f-enregistrer");
    await register.getByLabel("Type d’équipement").selectOption({ label: "Lecteur RFID de benne" });
    await register.getByLabel(/^Nom/).fill(name);
    await register.getByRole("button", { name: "Enregistrer" }).click();
    await adminPage.getByText(`Équipement « ${name} » enregistré : copiez son secret maintenant.`).waitFor();
    const shown = (label: string) => adminPage.locator("[data-secret]").getByLabel(label, { exact: true }).inputValue();
    const device: Device = {
      id: await shown("Identifiant de l’équipement"),
      keyId: await shown("Identifiant de la clé"),
      secret: await shown("Secret de signature"),
    };
    expect(device.secret).toBeTruthy();
    await adminContext.close();

    const hb = await deviceCall(device, "/heartbeat", { firmware: "3.1.0", appVersion: "1.2.0", backlog: 4, configVersion: 0 });
    expect(hb.status).toBe(200);
    const seq = Date.now();
    const event = {
      seq,
      chipId: "250000099990001",
      truck: "BOM\u00007",
      round: "Mogneville",
      liftedAt: new Date().toISOString(),
      lon: 2.47,
      lat: 49.32,
      stream: "residual",
    };
    // A NUL character is refused at the door now (a 400 naming the field), never queued.
    const refused = await deviceCall(device, "/ingest/lifts", { events: [event], backlog: 0 });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain("events/0/truck");
    // A message that reached the queue and that Postgres refused, as the dead-letter consumer stores it.
    const [cclvd] = await ownerQuery<{ id: string }>("SELECT id FROM tenants WHERE slug = 'cclvd'", []);
    const message = {
      v: 1,
      tenantId: cclvd.id,
      deviceId: device.id,
      eventId: `${device.id}:${seq}`,
      requestId: "navigateur",
      receivedAt: new Date().toISOString(),
      event,
    };
    await ownerQuery(
      "INSERT INTO waste_dead_letters (id, tenant_id, queue, message_id, body, reason, attempts) VALUES (gen_random_uuid(), $1, 'bin-lifts', $2, $3, $4, 10)",
      [cclvd.id, `m-${seq}`, JSON.stringify(message, null, 2), "Refusé par la base de données (22P05) : unsupported Unicode escape sequence"],
    );

    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signIn(page, "Bastien Agent déchets");
    await page.goto(`${site}/cclvd/espace/appareils/`);
    const row = page.getByRole("row", { name: new RegExp(name) });
    await row.waitFor();
    expect(await row.textContent()).toContain("En ligne");
    expect(await row.textContent()).toContain("micrologiciel 3.1.0");
    expect(await axe(page), "tableau des équipements").toEqual([]);

    await page.getByRole("link", { name: "Messages rejetés par les files d’événements" }).click();
    await page.waitForURL(`${site}/cclvd/espace/dechets/rejets/`);
    const examine = page.getByRole("button", { name: `Examiner le message ${device.id}:${seq}` });
    // Stored before the page was opened: its row is drawn once the list has loaded.
    await examine.waitFor();
    expect(await axe(page), "messages rejetés").toEqual([]);
    await examine.click();
    await expect.poll(() => page.locator("#d-raison").textContent()).toMatch(/Refusé par la base de données/);
    const text = await page.getByLabel("Message (JSON), modifiable avant de le rejouer").inputValue();
    const fixed = JSON.parse(text) as { event: { truck: string } };
    fixed.event.truck = "BOM-7";
    // A broken fix first: the reason is shown, nothing is replayed.
    await page
      .getByLabel("Message (JSON), modifiable avant de le rejouer")
      .fill(JSON.stringify({ ...fixed, event: { ...fixed.event, stream: "verre" } }, null, 2));
    await page.getByRole("button", { name: "Rejouer" }).click();
    await page.locator("#f-rejeu [data-problem-summary]:not([hidden])").waitFor();
    expect(await page.locator("#f-rejeu [data-problem-summary] li").allTextContents()).toEqual([expect.stringMatching(/^event\.stream : Flux attendu/)]);
    expect(await axe(page), "message rejeté, correction refusée").toEqual([]);
    await page.getByLabel("Message (JSON), modifiable avant de le rejouer").fill(JSON.stringify(fixed, null, 2));
    await page.getByRole("button", { name: "Rejouer" }).click();
    await page.getByText("Message remis dans sa file").waitFor();
    // The device's message stays readable as received, beside the agent's fix.
    await page.getByRole("heading", { name: "Message reçu de l’équipement (conservé tel quel)" }).waitFor();
    expect(await page.locator("#d-original").textContent()).toContain('"truck": "BOM\\u00007"');
    expect(await page.locator("#d-corrige").textContent()).toContain('"truck": "BOM-7"');
    expect(await page.locator("#d-corrige-titre").textContent()).toMatch(/^Message corrigé par .+ le .+, puis rejoué$/);
    expect(await axe(page), "message rejoué : reçu et corrigé").toEqual([]);
    await page.getByLabel("Afficher").selectOption("replayed");
    await page.getByRole("button", { name: "Afficher", exact: true }).click();
    await page.getByRole("button", { name: `Examiner le message ${device.id}:${seq}` }).waitFor();
    // The replayed event is written, once, with the fixed truck.
    const lifts = () => ownerQuery<{ truck: string }>("SELECT truck FROM waste_lifts WHERE event_id = $1", [`${device.id}:${seq}`]);
    await expect.poll(lifts).toEqual([{ truck: "BOM-7" }]);
    await context.close();
  });
});
