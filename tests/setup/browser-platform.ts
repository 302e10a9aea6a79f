/**
 * For browser tests on the platform `npm run dev` starts: the platform (one at a time, see
 * dev-platform.ts), Debian's Chromium, the axe check (WCAG 2.1 A/AA) every page goes through, and
 * the site's content security policy (ADR 0018): any violation Chromium reports on any page fails
 * the file.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";
import type { Ports } from "./dev-platform.ts";
import { sharedPlatform } from "./shared-platform.ts";
import { FAIL_SAFE } from "./fail-safe.ts";
import { DEVICE_HEADERS, bodyDigest, deviceCanonical, signDeviceRequest } from "@communa/core";

export { axe } from "./axe.ts";

export interface BrowserPlatform {
  browser: Browser;
  /** CSP violations seen so far on this browser's pages ("directive — blocked — page"). */
  cspViolations: string[];
  site: string;
  ports: Ports;
  stateDir: string;
}

/** The run's platform (shared by the project's files, see shared-platform.ts) and a Chromium of this file's own. */
export async function startBrowserPlatform(): Promise<BrowserPlatform> {
  const { stateDir, ports } = await sharedPlatform(inject("platformControl"));
  const { browser, cspViolations } = await launchChromium();
  return { browser, cspViolations, site: `http://127.0.0.1:${ports.site}`, ports, stateDir };
}

/** Debian's Chromium, whose every new context records the CSP violations of its pages. */
export async function launchChromium(): Promise<{ browser: Browser; cspViolations: string[] }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    // The browser's clock reads Paris time, as the residents' and agents' browsers do.
    env: { ...process.env, TZ: "Europe/Paris" },
  });
  failSafeOnEveryContext(browser);
  const cspViolations: string[] = [];
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser["newContext"]>) => watchCsp(await newContext(...args), cspViolations);
  return { browser, cspViolations };
}

/** Reports each `securitypolicyviolation` of the context's pages (and their frames) into `into`. */
export async function watchCsp(context: BrowserContext, into: string[]): Promise<BrowserContext> {
  await context.exposeBinding("__communaCspViolation", (_source, text: string) => void into.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      void (window as unknown as { __communaCspViolation: (t: string) => void }).__communaCspViolation(
        `${e.effectiveDirective} — ${e.blockedURI || "inline"} — ${location.pathname}${e.sample ? ` — ${e.sample}` : ""}`,
      );
    });
  });
  return context;
}

/**
 * Every context the tests open (and `browser.newPage()`'s) gets Playwright's per-action budget raised to a fail-safe. Playwright
 * waits on events already (an element attached, visible and stable, a navigation committed, a
 * response): its timeout is only how long before it gives up, 30 s by default. On the shared
 * 2-core machine three tests hit those 30 s while the page was merely slow (issue #13), so the
 * budget becomes FAIL_SAFE.browserActionMs: a slow machine makes the run slow, not red. Set once
 * here, not per step: no test passes `{ timeout }` to a wait.
 */
function failSafeOnEveryContext(browser: Browser): void {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
    const context = await newContext(...args);
    context.setDefaultTimeout(FAIL_SAFE.browserActionMs);
    context.setDefaultNavigationTimeout(FAIL_SAFE.browserActionMs);
    return context;
  };
  // `browser.newPage()` goes through `this.newContext`: covered too.
}

export async function stopBrowserPlatform(p: BrowserPlatform | undefined): Promise<void> {
  if (!p) return;
  await p.browser.close();
  if (p.cspViolations.length) throw new Error(`La politique de sécurité du site a bloqué :\n${[...new Set(p.cspViolations)].join("\n")}`);
}

/** The demonstration sign-in button of the local provider (agents and councillors). */
export const DEMO_AGENT_BUTTON = "Compte agent ou élu (démonstration locale)";

/**
 * Signs `page` in as one of the local provider's demonstration accounts (README), from the
 * tenant's sign-in page through the provider and back to Mon espace, shown.
 */
export async function signInDemo(
  page: Page,
  platform: Pick<BrowserPlatform, "site" | "ports">,
  account: string,
  opts: { button?: string; tenant?: string } = {},
): Promise<void> {
  const { site, ports } = platform;
  const tenant = opts.tenant ?? "cclvd";
  await page.goto(`${site}/${tenant}/connexion/`);
  await page.getByRole("link", { name: opts.button ?? DEMO_AGENT_BUTTON }).click();
  await page.waitForURL(`http://127.0.0.1:${ports.oidc}/interaction/**`);
  await page.getByLabel(account).check();
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(`${site}/${tenant}/espace/`);
  await page.locator("#connecte:not([hidden])").waitFor();
}

/** The platform's database as its owner (RLS bypassed), to check what the pages wrote. */
export async function ownerQuery<T>(platform: Pick<BrowserPlatform, "stateDir" | "ports">, text: string, params: unknown[] = []): Promise<T[]> {
  const password = (await readFile(path.join(platform.stateDir, "postgres", "superuser-password"), "utf8")).trim();
  const client = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${platform.ports.pg}/communa` });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A device as its firmware knows itself: its id, its key's id and the secret shown once at registration. */
export interface DeviceCredentials {
  id: string;
  keyId: string;
  secret: string;
}

/** What a device's firmware does: a signed POST to the devices API of a tenant. */
export async function deviceCall(
  platform: Pick<BrowserPlatform, "ports">,
  d: DeviceCredentials,
  route: string,
  json: unknown,
  slug = "cclvd",
): Promise<Response> {
  const full = `/t/${slug}/api/devices${route}`;
  const body = JSON.stringify(json);
  const ts = String(Math.floor(Date.now() / 1000));
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64url");
  const digest = await bodyDigest(new TextEncoder().encode(body).buffer as ArrayBuffer);
  const signature = await signDeviceRequest(Buffer.from(d.secret, "base64"), deviceCanonical("POST", full, ts, nonce, digest));
  return fetch(`http://127.0.0.1:${platform.ports.api}${full}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      [DEVICE_HEADERS.device]: d.id,
      [DEVICE_HEADERS.key]: d.keyId,
      [DEVICE_HEADERS.timestamp]: ts,
      [DEVICE_HEADERS.nonce]: nonce,
      [DEVICE_HEADERS.signature]: signature,
    },
    body,
  });
}
