/**
 * `npm run screenshots`: the documentation's screenshots (docs/screenshots/*.png and its README),
 * taken in Debian's Chromium on a running platform (`npm run dev` in another terminal). Each
 * public page, and three back-office modules (waste, council, archives) signed in with the demo
 * accounts (README), at 390 px (a phone) and 1280 px (a desktop); each shot waits on what shows the
 * page is ready (the map's first `idle`, a list filled), never on a delay. PNGs reduced to a
 * 256-colour palette (sharp, libimagequant) at the best compression, about a quarter of Chromium's
 * size; pages taller than MAX_HEIGHT are cut there.
 *
 * Environment: COMMUNA_SITE_URL (default http://127.0.0.1:4321, `npm run dev`'s site),
 * CHROMIUM_PATH (default /usr/bin/chromium), SCREENSHOTS_DIR (default docs/screenshots).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import sharp from "sharp";

const root = path.join(import.meta.dirname, "..");
const base = (process.env.COMMUNA_SITE_URL ?? "http://127.0.0.1:4321").replace(/\/$/, "");
const out = process.env.SCREENSHOTS_DIR ?? path.join(root, "docs", "screenshots");
const MAX_HEIGHT = 2400;
const WIDTHS = [
  { suffix: "390", width: 390, height: 844 },
  { suffix: "1280", width: 1280, height: 800 },
] as const;

interface Shot {
  name: string;
  title: string;
  path: string;
  /** The demo account to sign in with first (its label on the local provider's page). */
  account?: string;
  /** What shows the page is ready. */
  ready: (page: Page) => Promise<unknown>;
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 }).first().waitFor();

const SHOTS: Shot[] = [
  { name: "accueil", title: "Accueil de la plateforme", path: "/", ready: heading },
  { name: "cclvd-accueil", title: "Accueil de l’intercommunalité (CCLVD)", path: "/cclvd/", ready: (p) => p.locator("svg.territoire").waitFor() },
  { name: "liancourt-accueil", title: "Accueil d’une commune (Liancourt)", path: "/liancourt/", ready: (p) => p.locator("svg.territoire").waitFor() },
  { name: "cclvd-carte", title: "Carte interactive (CCLVD)", path: "/cclvd/carte/", ready: (p) => p.locator('#carte[data-map-ready="true"]').waitFor() },
  { name: "cclvd-sentiers", title: "Sentiers de randonnée (CCLVD)", path: "/cclvd/sentiers/", ready: (p) => p.locator("ul.sentiers li").first().waitFor() },
  { name: "cclvd-commerces", title: "Annuaire des commerces (CCLVD)", path: "/cclvd/commerces/", ready: heading },
  { name: "cclvd-conseil", title: "Séances du conseil (CCLVD)", path: "/cclvd/conseil/", ready: (p) => p.locator("#seances li").first().waitFor() },
  {
    name: "rantigny-conseil",
    title: "Séances du conseil, aucune programmée (Rantigny)",
    path: "/rantigny/conseil/",
    ready: (p) => p.locator("#seances-vide:not([hidden])").waitFor(),
  },
  {
    name: "cclvd-connexion",
    title: "Connexion (CCLVD)",
    path: "/cclvd/connexion/",
    ready: (p) =>
      p
        .getByRole("link", { name: /démonstration locale/ })
        .first()
        .waitFor(),
  },
  { name: "liancourt-mentions-legales", title: "Mentions légales (Liancourt)", path: "/liancourt/mentions-legales/", ready: heading },
  { name: "liancourt-accessibilite", title: "Déclaration d’accessibilité (Liancourt)", path: "/liancourt/accessibilite/", ready: heading },
  { name: "cclvd-donnees-personnelles", title: "Données personnelles (CCLVD)", path: "/cclvd/donnees-personnelles/", ready: heading },
  {
    name: "espace-dechets",
    title: "Mon espace › Déchets : locaux et bacs (Bastien Agent déchets)",
    path: "/cclvd/espace/dechets/",
    account: "Bastien Agent déchets",
    ready: async (p) => {
      await p.locator("#outils:not([hidden])").waitFor();
      await p.locator("#t-locaux tbody tr").first().waitFor();
    },
  },
  {
    name: "espace-conseil",
    title: "Mon espace › Conseil : secrétariat (Rose Agent assemblées)",
    path: "/cclvd/espace/conseil/",
    account: "Rose Agent assemblées",
    ready: (p) => p.locator("#t-seances tbody tr").first().waitFor(),
  },
  {
    name: "espace-archives",
    title: "Mon espace › Archives (Jules Archiviste)",
    path: "/cclvd/espace/archives/",
    account: "Jules Archiviste",
    ready: async (p) => {
      await p.locator("#ar-outils:not([hidden])").waitFor();
      // The search's first answer fills the caption (with or without units found).
      await p.locator("#r-resultats caption:not(:empty)").waitFor();
    },
  },
];

async function signIn(page: Page, account: string) {
  await page.goto(`${base}/cclvd/connexion/`);
  await page.getByRole("link", { name: "Compte agent ou élu (démonstration locale)" }).click();
  await page.getByLabel(account).check();
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(`${base}/cclvd/espace/`);
  await page.locator("#connecte:not([hidden])").waitFor();
}

async function take(browser: Browser, shot: Shot, w: (typeof WIDTHS)[number]): Promise<string> {
  const context = await browser.newContext({
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    viewport: { width: w.width, height: w.height },
    colorScheme: "light",
  });
  context.setDefaultTimeout(120_000);
  try {
    const page = await context.newPage();
    if (shot.account) await signIn(page, shot.account);
    await page.goto(`${base}${shot.path}`);
    await shot.ready(page);
    await page.evaluate(() => document.fonts.ready);
    const full = await page.evaluate(() => document.documentElement.scrollHeight);
    const png = await page.screenshot({
      fullPage: true,
      animations: "disabled",
      caret: "hide",
      ...(full > MAX_HEIGHT ? { clip: { x: 0, y: 0, width: w.width, height: MAX_HEIGHT } } : {}),
    });
    const file = `${shot.name}-${w.suffix}.png`;
    writeFileSync(path.join(out, file), await sharp(png).png({ palette: true, quality: 90, effort: 10, compressionLevel: 9 }).toBuffer());
    return file;
  } finally {
    await context.close();
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  // The map draws with WebGL: SwiftShader, as in the browser tests.
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--no-first-run"],
  env: { ...process.env, TZ: "Europe/Paris" },
});
try {
  mkdirSync(out, { recursive: true });
  for (const f of readdirSync(out)) if (f.endsWith(".png")) rmSync(path.join(out, f));
  const lines: string[] = [];
  for (const shot of SHOTS) {
    const files: string[] = [];
    for (const w of WIDTHS) files.push(await take(browser, shot, w));
    console.log(`${shot.path} → ${files.join(", ")}`);
    lines.push(`| ${shot.title} | \`${shot.path}\` | ${files.map((f) => `[${f.replace(/^.*-(\d+)\.png$/, "$1 px")}](${f})`).join(" · ")} |`);
  }
  writeFileSync(
    path.join(out, "README.md"),
    `# Captures d’écran

Produites par \`npm run screenshots\` (scripts/screenshots.ts) sur une plateforme lancée par
\`npm run dev\`, dans le Chromium de Debian, avec les comptes de démonstration (README) pour les
pages de « Mon espace » : chaque page à 390 px (téléphone) et à 1280 px (ordinateur), en thème
clair, coupée à ${MAX_HEIGHT} px de haut. Relancez la commande après un changement visible ; les
fichiers sont remplacés.

| Page | Adresse | Captures |
|---|---|---|
${lines.join("\n")}
`,
  );
} finally {
  await browser.close();
}
