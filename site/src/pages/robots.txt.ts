/** robots.txt: the public pages are for search engines; the personal ones and the API are not. */
import type { APIRoute } from "astro";
import { LOCAL_SITE } from "../../site-url.ts";

export const GET: APIRoute = ({ site }) =>
  new Response(
    [
      "User-agent: *",
      "Disallow: /t/",
      "Disallow: /api/",
      "Disallow: /*/espace/",
      "Disallow: /*/connexion/",
      "Allow: /",
      `Sitemap: ${new URL("/sitemap.xml", site ?? LOCAL_SITE).href}`,
      "",
    ].join("\n"),
    { headers: { "content-type": "text/plain; charset=utf-8" } },
  );
