import { defineConfig } from "astro/config";
import { apiProxy, directoryRebuild } from "./dev-proxy.mjs";

// Static pages per tenant. SITE_URL is the public address in production (canonical links).
// The API answers on the same host (`/t/<slug>/api/…`, `/api/…`): in development the dev server
// forwards those paths to the gateway (`npm run dev` sets COMMUNA_API_ORIGIN), so pages and API
// share one origin as in production (sessions are same-origin cookies; ADR 0011).
const api = process.env.COMMUNA_API_ORIGIN;

export default defineConfig({
  vite: { plugins: api ? [apiProxy(api), directoryRebuild()] : [] },
  site: process.env.SITE_URL ?? "http://127.0.0.1:4321",
  output: "static",
  // A listing's incremental rebuild writes to its own folder, then copies into dist (ADR 0013).
  outDir: process.env.SITE_OUT_DIR ?? "./dist",
  trailingSlash: "always",
  build: { format: "directory", inlineStylesheets: "always" },
  devToolbar: { enabled: false },
});
