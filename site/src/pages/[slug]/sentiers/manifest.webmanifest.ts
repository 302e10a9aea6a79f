/** Web app manifest of a tenant's trail pages: installable, opening on the trail list. */
import type { APIRoute } from "astro";
import { sitePages, type TenantPage } from "../../../lib/territory.ts";
import { m } from "../../../i18n/carte.fr.ts";

export async function getStaticPaths() {
  return (await sitePages()).map((page) => ({ params: { slug: page.slug }, props: { page } }));
}

const ICON =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><rect width="96" height="96" rx="16" fill="#000091"/><path d="M18 74 42 30l12 20 8-12 16 36z" fill="#fff"/></svg>',
  );

export const GET: APIRoute = ({ props }) => {
  const page = props.page as TenantPage;
  const manifest = {
    name: m.trails.title(page.name),
    short_name: m.trails.heading,
    lang: "fr",
    start_url: `/${page.slug}/sentiers/`,
    scope: `/${page.slug}/sentiers/`,
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#000091",
    icons: [{ src: ICON, sizes: "any", type: "image/svg+xml" }],
  };
  return new Response(JSON.stringify(manifest), { headers: { "content-type": "application/manifest+json" } });
};
