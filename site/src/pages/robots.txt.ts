/** robots.txt: the public pages are for search engines; the personal ones and the API are not. */
import type { APIRoute } from "astro";

export const GET: APIRoute = ({ site }) =>
  new Response(
    [
      "User-agent: *",
      "Disallow: /t/",
      "Disallow: /api/",
      "Disallow: /*/espace/",
      "Disallow: /*/connexion/",
      "Allow: /",
      `Sitemap: ${new URL("/sitemap.xml", site ?? "http://127.0.0.1:4321").href}`,
      "",
    ].join("\n"),
    { headers: { "content-type": "text/plain; charset=utf-8" } },
  );
