/**
 * What the tenant home reads from the API when it is built, beside the tenant's card: the EPCI's
 * waste rounds layer (its id, for the collection form's no-JavaScript fallback, the map's accessible
 * list of that layer) and the coming council sittings (date, place). Both change rarely; the page
 * drops a sitting once its date has passed (lib/home-live.ts), so a page built last week shows no
 * past sitting as "next".
 */
import createClient from "openapi-fetch";
import { COLLECTION_LAYER_SLUG } from "@communa/contracts/map";
import type { paths } from "./api/schema";
import { apiOrigin } from "./territory.ts";

const client = (slug: string, origin: string, fetcher: typeof fetch) => createClient<paths>({ baseUrl: `${origin}/t/${slug}`, fetch: fetcher });

/** The id of the public rounds layer `slug`'s map shows, or null when it has none. */
export async function collectionLayerId(slug: string, origin: string = apiOrigin(), fetcher: typeof fetch = fetch): Promise<string | null> {
  const answer = await client(slug, origin, fetcher).GET("/api/map/layers", { headers: { "cache-control": "no-cache" } });
  if (!answer.data) throw new Error(`L’API ${origin} a répondu ${answer.response.status} aux couches de ${slug} (GET /t/${slug}/api/map/layers).`);
  return answer.data.layers.find((l) => l.slug === COLLECTION_LAYER_SLUG && l.visibility === "public")?.id ?? null;
}

export interface ComingSitting {
  id: string;
  title: string;
  startsAt: string;
  /** The first room's name and address, when the sitting names one. */
  place: string | null;
}

/** The sittings of `slug`'s councils still to come at `now` (at most `max`, the soonest first), with their place. */
export async function comingSittings(
  slug: string,
  { origin = apiOrigin(), fetcher = fetch, now = new Date(), max = 3 }: { origin?: string; fetcher?: typeof fetch; now?: Date; max?: number } = {},
): Promise<ComingSitting[]> {
  const api = client(slug, origin, fetcher);
  const answer = await api.GET("/api/council/sittings", { headers: { "cache-control": "no-cache" } });
  if (!answer.data) throw new Error(`L’API ${origin} a répondu ${answer.response.status} aux séances de ${slug} (GET /t/${slug}/api/council/sittings).`);
  const coming = answer.data.sittings
    .filter((s) => s.status !== "closed" && new Date(s.startsAt).getTime() > now.getTime())
    .sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime())
    .slice(0, max);
  return Promise.all(
    coming.map(async (s) => {
      const detail = await api.GET("/api/council/sittings/{sittingId}", { params: { path: { sittingId: s.id } }, headers: { "cache-control": "no-cache" } });
      const room = detail.data?.rooms[0];
      return { id: s.id, title: s.title, startsAt: s.startsAt, place: room ? [room.name, room.address].filter(Boolean).join(", ") : null };
    }),
  );
}
