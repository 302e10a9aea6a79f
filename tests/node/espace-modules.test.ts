/** "Mon espace" offers no card without a page behind it: each module's link has its page in the site. */
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { modules } from "../../site/src/i18n/espace-modules.fr.ts";

const pages = path.join(import.meta.dirname, "../../site/src/pages/[slug]/espace");

describe("Mon espace", () => {
  it.each(modules.map((m) => [m.name, m.href]))("the card « %s » leads to a page (%s)", (_name, href) => {
    expect(href).toMatch(/^[a-z0-9-]+(\/[a-z0-9-]+)*\/$/);
    expect(existsSync(path.join(pages, href, "index.astro")), `site/src/pages/[slug]/espace/${href}index.astro`).toBe(true);
  });
});
