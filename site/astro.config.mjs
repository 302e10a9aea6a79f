import { defineConfig } from "astro/config";

// Static pages per tenant. SITE_URL is the public address in production (canonical links).
export default defineConfig({
  site: process.env.SITE_URL ?? "http://127.0.0.1:4321",
  output: "static",
  trailingSlash: "always",
  build: { format: "directory", inlineStylesheets: "always" },
  devToolbar: { enabled: false },
});
