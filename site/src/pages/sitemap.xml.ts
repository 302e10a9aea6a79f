/**
 * sitemap.xml: every public page of every tenant — home, map, trails, directory, activity zones, jobs, France services (the EPCI's), each open job
 * notice and each published listing (unpublished listings are not in the API's public answer, so never here).
 */
import type { APIRoute } from "astro";
import { LOCAL_SITE } from "../../site-url.ts";
import { territory } from "../lib/territory.ts";
import { listings } from "../lib/directory.ts";
import { jobNotices } from "../lib/jobs.ts";
import { escapeHtml as esc } from "@communa/core/html";

export const GET: APIRoute = async ({ site }) => {
  const base = site ?? new URL(LOCAL_SITE);
  const urls: Array<{ loc: string; lastmod?: string }> = [{ loc: new URL("/", base).href }];
  for (const p of (await territory()).pages) {
    for (const path of ["", "carte/", "sentiers/", "commerces/", "emplois/", "zones-activite/", "plan-du-site/"])
      urls.push({ loc: new URL(`/${p.slug}/${path}`, base).href });
    // France services is the intercommunality's: its page, not its members' (their site map links there).
    if (p.kind === "epci") urls.push({ loc: new URL(`/${p.slug}/france-services/`, base).href });
    for (const v of await jobNotices(p.slug)) urls.push({ loc: new URL(`/${p.slug}/emplois/${v.reference}/`, base).href, lastmod: v.datePosted });
    if (p.kind === "commune") {
      for (const l of (await listings(p.slug)).filter((x) => x.communeSlug === p.slug))
        urls.push({ loc: new URL(`/${p.slug}/commerces/${l.slug}/`, base).href, lastmod: l.updatedAt.slice(0, 10) });
    }
  }
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
    .map((u) => `  <url><loc>${esc(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ""}</url>`)
    .join("\n")}\n</urlset>\n`;
  return new Response(body, { headers: { "content-type": "application/xml; charset=utf-8" } });
};
