/**
 * Service worker of a tenant's trail pages: what a visit fetched (the page, its scripts and styles,
 * the trail data from the map API) is kept, so the trail opens again without a network. Network
 * first (fresh data when online), the kept copy when offline.
 */
import type { APIRoute } from "astro";
import { sitePages, type TenantPage } from "../../../lib/territory.ts";
import { KEPT_COPY_HEADER } from "../../../lib/kept-copy.ts";

export async function getStaticPaths() {
  return (await sitePages()).map((page) => ({ params: { slug: page.slug }, props: { page } }));
}

const worker = (slug: string) => `
const CACHE = "communa-sentiers-${slug}-v1";
const PAGE = "/${slug}/sentiers/";
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.add(PAGE)).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith("communa-sentiers-${slug}-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
// The page tells what it loaded before this worker was in control (its first visit): kept too.
self.addEventListener("message", (event) => {
  const urls = (event.data && event.data.keep) || [];
  event.waitUntil(
    caches.open(CACHE).then((c) =>
      Promise.all(urls.filter((u) => new URL(u).origin === self.location.origin).map((u) => {
        const url = new URL(u);
        const key = url.pathname === PAGE ? PAGE : u;
        return fetch(u).then((res) => res.ok && c.put(key, res)).catch(() => {});
      })),
    ),
  );
});
function kept(res) {
  const headers = new Headers(res.headers);
  headers.set("${KEPT_COPY_HEADER}", "1");
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}
self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  // The page itself, whatever trail its query names, is one entry.
  const key = req.mode === "navigate" && url.pathname === PAGE ? PAGE : req;
  // Network first, past the browser's HTTP cache too (a page's data it still held would not say
  // whether the network answers: the page tells the walker they are offline from the kept copy).
  const network = req.mode === "navigate" ? fetch(req) : fetch(req, { cache: "no-cache" });
  event.respondWith(
    network
      .then((res) => {
        if (res.ok) {
          const copy = res.clone();
          event.waitUntil(caches.open(CACHE).then((c) => c.put(key, copy)));
        }
        return res;
      })
      // The kept copy says it is one (the page then tells the walker they are offline).
      .catch(() => caches.match(key, { ignoreVary: true }).then((hit) => (hit ? kept(hit) : Response.error()))),
  );
});
`;

export const GET: APIRoute = ({ props }) =>
  new Response(worker((props.page as TenantPage).slug), { headers: { "content-type": "text/javascript; charset=utf-8", "service-worker-allowed": "/" } });
