import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "astro/config";
import { apiProxy, directoryRebuild, securityHeaders } from "./dev-proxy.mjs";
import { headersFile, inlineScripts, inlineStyleAttributes, inlineStyleHashes } from "./security-headers.ts";
import { securityTxt } from "./security-txt.ts";
import { siteUrl } from "./site-url.ts";

// Static pages per tenant. SITE_URL is the public address in production (canonical links, sitemap):
// required unless the API is on this machine (site-url.ts).
// The API answers on the same host (`/t/<slug>/api/…`, `/api/…`): in development the dev server
// forwards those paths to the gateway (`npm run dev` sets COMMUNA_API_ORIGIN), so pages and API
// share one origin as in production (sessions are same-origin cookies; ADR 0011).
const api = process.env.COMMUNA_API_ORIGIN;

/**
 * ADR 0018: the build writes the static host's `_headers` from site/security-headers.ts, with the
 * hashes of the pages' own `<style>` blocks (the only inline styles the CSP allows), and refuses a
 * page that would run an inline script or carries a `style` attribute.
 */
const securityPolicy = {
  name: "communa-security-policy",
  hooks: {
    "astro:build:done": async ({ dir }) => {
      const out = fileURLToPath(dir);
      const offending = [];
      const styled = [];
      const hashes = new Set();
      for (const file of await readdir(out, { recursive: true })) {
        if (!file.endsWith(".html")) continue;
        const html = await readFile(path.join(out, file), "utf8");
        for (const found of inlineScripts(html)) offending.push(`${file} : ${found}`);
        for (const found of inlineStyleAttributes(html)) styled.push(`${file} : ${found}`);
        for (const hash of inlineStyleHashes(html)) hashes.add(hash);
      }
      if (offending.length) {
        throw new Error(
          `Script en ligne refusé par la politique de sécurité du site (ADR 0018) — mettez-le dans un fichier :\n${offending.slice(0, 20).join("\n")}`,
        );
      }
      if (styled.length) {
        throw new Error(
          `Attribut style refusé par la politique de sécurité du site (ADR 0018) — une classe ou la feuille de style du composant :\n${styled.slice(0, 20).join("\n")}`,
        );
      }
      await writeFile(path.join(out, "_headers"), headersFile(process.env, [...hashes].sort()));
      // RFC 9116: where to report a vulnerability (site/security-txt.ts).
      await mkdir(path.join(out, ".well-known"), { recursive: true });
      const site = siteUrl();
      await writeFile(
        path.join(out, ".well-known", "security.txt"),
        securityTxt(process.env, site ? new URL("/.well-known/security.txt", site).href : undefined),
      );
    },
  },
};

export default defineConfig({
  vite: {
    plugins: [securityHeaders(), ...(api ? [apiProxy(api), directoryRebuild()] : [])],
    // The browser code's dependencies, pre-bundled when the dev server starts rather than when a
    // page first imports one (Vite then re-bundles, reloads open pages and changes the modules'
    // addresses: a trail page kept for offline use asked for addresses it had never loaded).
    optimizeDeps: {
      include: [
        "maplibre-gl",
        "uplot",
        "terra-draw",
        "terra-draw-maplibre-gl-adapter",
        "openapi-fetch",
        "zod",
        "@turf/helpers",
        "@turf/nearest-point-on-line",
        "@turf/boolean-point-in-polygon",
      ],
    },
    // Scripts always go to files, never inline into a page: the CSP is `script-src 'self'`.
    build: { assetsInlineLimit: (file) => (/\.[cm]?js$/.test(file) ? false : undefined) },
  },
  integrations: [securityPolicy],
  site: siteUrl(),
  output: "static",
  // A listing's incremental rebuild writes to its own folder, then copies into dist (ADR 0013).
  outDir: process.env.SITE_OUT_DIR ?? "./dist",
  trailingSlash: "always",
  build: { format: "directory", inlineStylesheets: "always" },
  devToolbar: { enabled: false },
});
