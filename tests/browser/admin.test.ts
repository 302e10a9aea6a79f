/**
 * The administration pages in a real browser, on the platform `npm run dev` starts (issue #13 §4):
 * an administrator invites a member and grants and withdraws a role, creates an API key (used,
 * then revoked: refused afterwards), registers a device and rotates its key (each secret shown once
 * works for a signed request), and verifies the journal, which lists what was just done. Each page
 * is checked with axe (WCAG 2.1 A/AA); a refused form shows its error beside its field.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { Ports } from "../setup/dev-platform.ts";
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
let ports: Ports;
let site: string;

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, ports, site } = platform);
}, 780_000);

afterAll(() => stopBrowserPlatform(platform), 60_000);

const ownerQuery = <T>(text: string, params: unknown[]) => queryAsOwner<T>(platform, text, params);

async function signInAdmin(): Promise<Page> {
  const context = await browser.newContext({ locale: "fr-FR" });
  const page = await context.newPage();
  await signInDemo(page, platform, "Alix Administratrice");
  return page;
}

/** What a device's firmware does: a signed POST to the devices API. */
const deviceCall = (d: DeviceCredentials, route: string, json: unknown) => signedCall(platform, d, route, json);

/** The values a SecretPanel shows (read-only fields named by their labels). */
const secretValue = (page: Page, label: string) => page.locator("[data-secret]").getByLabel(label, { exact: true }).inputValue();

describe("administration pages", () => {
  it("members and roles: invites someone by e-mail with a role, grants another, withdraws one after confirming", async () => {
    const page = await signInAdmin();
    expect(await page.locator("#modules strong").allTextContents()).toEqual(
      expect.arrayContaining(["Membres et rôles", "Clés d’API", "Fournisseurs d’identité", "Journal d’audit", "Équipements connectés"]),
    );
    await page.getByRole("link", { name: "Membres et rôles" }).click();
    await page.waitForURL(`${site}/cclvd/espace/membres/`);
    await page.getByRole("row", { name: /Alix Administratrice/ }).waitFor();
    expect(await axe(page), "membres et rôles").toEqual([]);

    // A malformed address: the server's French message beside the field, and the summary focused.
    const form = page.locator("#f-invitation");
    await form.getByLabel("Adresse électronique").fill("pas-une-adresse");
    await form.getByRole("button", { name: "Inviter" }).click();
    await form.locator("[data-problem-summary]:not([hidden])").waitFor();
    expect(await form.getByLabel("Adresse électronique").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#i-email-erreur").textContent()).toBeTruthy();
    expect(await axe(page), "invitation refusée").toEqual([]);

    const n = Date.now();
    const name = `Inès Invitée ${n}`;
    const email = `ines.${n}@exemple.invalid`;
    await form.getByLabel("Adresse électronique").fill(email);
    await form.getByLabel("Nom affiché (facultatif)").fill(name);
    await form.getByLabel(/^Rôle/).selectOption({ label: "Agent — carte du territoire" });
    await form.getByRole("button", { name: "Inviter" }).click();
    await form.getByText(`Invitation envoyée à ${email} avec le rôle « Agent — carte du territoire ».`).waitFor();
    expect(await form.getByLabel("Adresse électronique").getAttribute("aria-invalid")).toBeNull();
    // The mail waits in the outbox, pointing at the tenant's sign-in page.
    const [mail] = await ownerQuery<{ body: string }>("SELECT body FROM outbox WHERE recipient = $1", [email]);
    expect(mail.body).toContain("/cclvd/connexion/");

    // Found by the search, which the address keeps.
    await page.getByLabel("Nom ou rôle").fill(name);
    await page.getByRole("button", { name: "Rechercher" }).click();
    // The list answers with one line, and the address keeps the words (read once the line shows:
    // the list is drawn after the address changes).
    const line = page.getByRole("row", { name: new RegExp(name) });
    await expect.poll(() => page.locator("#t-membres tbody tr").count()).toBe(1);
    await expect.poll(() => line.textContent()).toContain("Agent — carte du territoire");
    expect(new URL(page.url()).searchParams.get("q")).toBe(name);

    // Grant a second role.
    await page.getByRole("button", { name: `Modifier les rôles de ${name}` }).click();
    const roles = page.locator("#f-roles");
    await roles.getByLabel("Agent — archives").check();
    await roles.getByRole("button", { name: "Enregistrer les rôles" }).click();
    await roles.getByText(`Rôles de ${name} enregistrés.`).waitFor();
    await expect.poll(() => line.textContent()).toContain("Agent — archives");
    expect(await axe(page), "rôles d’un membre").toEqual([]);

    // Withdraw one: asked first; cancelling changes nothing, confirming withdraws it.
    await roles.getByLabel("Agent — carte du territoire").uncheck();
    await roles.getByRole("button", { name: "Enregistrer les rôles" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText(`Retirer à ${name} le rôle « Agent — carte du territoire » ?`).waitFor();
    expect(await axe(page), "confirmation du retrait").toEqual([]);
    await dialog.getByRole("button", { name: "Annuler" }).click();
    await roles.getByText("Rien n’a été modifié.").waitFor();
    expect(await line.textContent()).toContain("Agent — carte du territoire");
    await roles.getByRole("button", { name: "Enregistrer les rôles" }).click();
    await dialog.getByRole("button", { name: "Confirmer" }).click();
    await roles.getByText(`Rôles de ${name} enregistrés.`).waitFor();
    await expect.poll(() => line.textContent()).not.toContain("Agent — carte du territoire");
    const held = await ownerQuery<{ role: string }>(
      "SELECT m.role FROM memberships m JOIN people p ON p.id = m.person_id JOIN tenants t ON t.id = m.tenant_id WHERE p.email = $1 AND t.slug = 'cclvd'",
      [email],
    );
    expect(held).toEqual([{ role: "agent:archives" }]);
    await page.context().close();
  });

  it("API keys: a key created is shown once and works, then revoked it is refused", async () => {
    const page = await signInAdmin();
    await page.goto(`${site}/cclvd/espace/cles-api/`);
    await page.locator("#t-cles caption:not(:empty)").waitFor();
    expect(await axe(page), "clés d’API").toEqual([]);

    const name = `Export SIG ${Date.now()}`;
    const form = page.locator("#f-cle");
    // No permission ticked: the API's message goes beside the permissions.
    await form.getByLabel("Nom de la clé").fill(name);
    await form.getByRole("button", { name: "Créer la clé" }).click();
    await form.locator("[data-problem-summary]:not([hidden])").waitFor();
    expect(await form.locator("fieldset").getAttribute("aria-invalid")).toBe("true");

    await form.getByLabel("Carte : consulter").check();
    await form.getByRole("button", { name: "Créer la clé" }).click();
    await page.getByRole("heading", { name: "Nouvelle clé" }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Nouvelle clé");
    const key = await secretValue(page, `Clé complète « ${name} »`);
    expect(key).toMatch(/^cmn_[a-z2-7]{10}_/);
    await page.getByText("Ce secret ne sera plus jamais affiché").waitFor();
    expect(await axe(page), "clé créée, secret affiché").toEqual([]);

    const whoami = () => fetch(`http://127.0.0.1:${ports.api}/t/cclvd/api/identity/whoami`, { headers: { authorization: `Bearer ${key}` } });
    const before = (await (await whoami()).json()) as { kind: string; permissions: string[] };
    expect(before).toMatchObject({ kind: "api-key", permissions: ["map:read"] });

    const line = page.getByRole("row", { name: new RegExp(name) });
    expect(await line.textContent()).toContain("Active");
    await page.getByRole("button", { name: `Révoquer la clé ${name}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Confirmer" }).click();
    await page.getByText(`Clé « ${name} » révoquée.`).waitFor();
    await expect.poll(() => line.textContent()).toContain("Révoquée le");
    expect((await whoami()).status).toBe(401);
    await page.context().close();
  });

  it("devices: registers a truck's reader, whose secret signs its heartbeat, then rotates its key", async () => {
    const page = await signInAdmin();
    await page.goto(`${site}/cclvd/espace/appareils/`);
    await page.locator("#t-enregistres caption:not(:empty)").waitFor();
    expect(await axe(page), "équipements (administration)").toEqual([]);

    const name = `Benne ${Date.now()} — lecteur avant`;
    const form = page.locator("#f-enregistrer");
    await form.getByLabel("Type d’équipement").selectOption({ label: "Lecteur RFID de benne" });
    await form.getByLabel(/^Nom/).fill(name);
    await form.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText(`Équipement « ${name} » enregistré : copiez son secret maintenant.`).waitFor();
    const device = {
      id: await secretValue(page, "Identifiant de l’équipement"),
      keyId: await secretValue(page, "Identifiant de la clé"),
      secret: await secretValue(page, "Secret de signature"),
    };
    expect(device.secret).toBeTruthy();
    expect(await axe(page), "équipement enregistré, secret affiché").toEqual([]);
    expect((await deviceCall(device, "/heartbeat", { firmware: "2.0.0", backlog: 0, configVersion: 0 })).status).toBe(200);
    // The board (the admin holds waste:read too) lists it, redrawn as soon as it is registered.
    const onBoard = page.locator("#t-flotte").getByRole("row", { name: new RegExp(name) });
    await onBoard.waitFor();

    await page.getByRole("button", { name: `Renouveler la clé de ${name}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Confirmer" }).click();
    await page.getByText(`Nouvelle clé de « ${name} » : copiez son secret maintenant.`).waitFor();
    const rotated = { id: device.id, keyId: await secretValue(page, "Identifiant de la clé"), secret: await secretValue(page, "Secret de signature") };
    expect(rotated.keyId).not.toBe(device.keyId);
    expect((await deviceCall(rotated, "/heartbeat", { firmware: "2.0.1", backlog: 0, configVersion: 0 })).status).toBe(200);

    await page.getByRole("button", { name: `Retirer l’équipement ${name}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Confirmer" }).click();
    await page.getByText(`Équipement « ${name} » retiré.`).waitFor();
    await onBoard.waitFor({ state: "detached" });
    expect((await deviceCall(rotated, "/heartbeat", { firmware: "2.0.1", backlog: 0, configVersion: 0 })).status).toBe(401);
    await page.context().close();
  });

  it("identity providers: declares one (its secret written only), edits it keeping the secret, removes it after confirming", async () => {
    const page = await signInAdmin();
    await page.goto(`${site}/cclvd/espace/fournisseurs/`);
    await page.locator("#t-fournisseurs caption:not(:empty)").waitFor();
    expect(await axe(page), "fournisseurs d’identité").toEqual([]);
    const n = Date.now();
    const form = page.locator("#f-fournisseur");
    // A plain http issuer that is not local: refused beside the field.
    await form.getByLabel(/^Nom court/).fill(`essai-${n}`);
    await form.getByLabel(/^Libellé affiché/).fill(`Essai ${n}`);
    await form.getByLabel("Type", { exact: true }).selectOption("oidc");
    await form.getByLabel(/^Émetteur/).fill("http://idp.exemple.invalid");
    await form.getByLabel(/^Identifiant client/).fill("communa-essai");
    await form.getByLabel("Secret client").fill("un-secret-assez-long");
    // Disabled, so the shared platform's sign-in page does not offer it to other tests.
    await form.getByLabel("Actif").uncheck();
    await form.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await form.locator("[data-problem-summary]:not([hidden])").waitFor();
    expect(await form.getByLabel(/^Émetteur/).getAttribute("aria-invalid")).toBe("true");
    expect(await axe(page), "fournisseur refusé").toEqual([]);
    await form.getByLabel(/^Émetteur/).fill("https://idp.exemple.invalid");
    await form.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await form.getByText(`Fournisseur « Essai ${n} » déclaré.`).waitFor();
    const line = page.getByRole("row", { name: new RegExp(`Essai ${n}`) });
    await expect.poll(() => line.textContent()).toContain("https://idp.exemple.invalid");
    expect(await form.getByLabel("Secret client").inputValue()).toBe("");
    const secretBefore = await ownerQuery<{ c: Buffer }>("SELECT client_secret_cipher AS c FROM identity_providers WHERE slug = $1", [`essai-${n}`]);

    await page.getByRole("button", { name: `Modifier le fournisseur Essai ${n}` }).click();
    await page.getByRole("heading", { name: `Modifier « Essai ${n} »` }).waitFor();
    expect(await form.getByLabel("Secret client").inputValue()).toBe("");
    await form.getByLabel(/^Libellé affiché/).fill(`Essai ${n} modifié`);
    await form.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await form.getByText(`Fournisseur « Essai ${n} modifié » modifié.`).waitFor();
    const secretAfter = await ownerQuery<{ c: Buffer }>("SELECT client_secret_cipher AS c FROM identity_providers WHERE slug = $1", [`essai-${n}`]);
    expect(secretAfter[0].c.equals(secretBefore[0].c)).toBe(true);

    await page.getByRole("button", { name: `Retirer le fournisseur Essai ${n} modifié` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Confirmer" }).click();
    await page.getByText(`Fournisseur « Essai ${n} modifié » retiré.`).waitFor();
    expect(await ownerQuery("SELECT 1 FROM identity_providers WHERE slug = $1", [`essai-${n}`])).toEqual([]);
    await page.context().close();
  });

  it("journal: verifies the chain and lists the entries of one kind, the filter kept in the address", async () => {
    const page = await signInAdmin();
    await page.goto(`${site}/cclvd/espace/journal/`);
    await page.locator("#t-journal caption:not(:empty)").waitFor();
    expect(await axe(page), "journal d’audit").toEqual([]);
    await page.getByRole("button", { name: "Vérifier la chaîne" }).click();
    await expect.poll(() => page.locator("#j-resultat").textContent()).toMatch(/^Journal intègre : \d+ entrées? vérifiées?, jusqu’à la n° \d+\./);
    expect(await axe(page), "journal vérifié").toEqual([]);

    await page.getByLabel("Action commençant par").fill("identity.member");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.waitForURL(/\?action=identity\.member/);
    // The filtered list replaces the full one: every action shown starts so, the invitation among them.
    const shown = () => page.locator("#t-journal tbody tr code").allTextContents();
    await expect
      .poll(async () => {
        const actions = await shown();
        return actions.length > 0 && actions.every((a) => a.startsWith("identity.member")) && actions.includes("identity.member.invite");
      })
      .toBe(true);
    // Back to the address with the filter: the page shows the same list.
    await page.reload();
    await expect.poll(() => page.getByLabel("Action commençant par").inputValue()).toBe("identity.member");
    await expect.poll(async () => (await shown()).every((a) => a.startsWith("identity.member"))).toBe(true);
    await page.context().close();
  });
});
