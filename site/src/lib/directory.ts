/**
 * The directory's data for the static pages, read from the directory API when the site is built
 * (COMMUNA_API_ORIGIN; in development the dev server renders pages on request, so a published
 * change shows at once). Each listing carries its open intervals for the coming weeks, computed
 * from its OpenStreetMap rules by the same library the API uses, in Paris time: the page says
 * "open now" in the browser without shipping that library (ADR 0013).
 */
import { fromParisWallClock, hoursInWords, openingHoursSpecification, parisWallClock, parseHours } from "@communa/core/hours";
import { CATEGORIES, LABELS, CHANNELS, type Category } from "@communa/contracts/directory";
import { slugify } from "@communa/core/slug";

export const HORIZON_DAYS = 56;

export interface Listing {
  id: string;
  slug: string;
  name: string;
  siret: string;
  category: Category;
  categoryLabel: string;
  schemaType: string;
  description: string;
  address: string;
  commune: { insee: string; name: string };
  lon: number;
  lat: number;
  phone: string | null;
  email: string | null;
  website: string | null;
  openingHours: string | null;
  labels: string[];
  languages: string[];
  sameAs: string[];
  products: Array<{ name: string; months: number[]; channels: string[] }>;
  photos: Array<{ id: string; alt: string; width: number; height: number; variants: Array<{ width: number; url: string }> }>;
  /** The tenant holding the listing (claims and edits are made in its back office). */
  tenantSlug: string | null;
  updatedAt: string;
}

export interface ListingPage extends Listing {
  communeSlug: string;
  /** [start, end) instants (ms) the business is open, from the build for HORIZON_DAYS. */
  intervals: Array<[number, number]>;
  horizon: number;
  week: ReturnType<typeof openingHoursSpecification>;
  /** What public holidays change, in words (null: nothing). */
  holidays: string | null;
}

export const communeSlug = (name: string) => slugify(name, "");

export function intervalsOf(rule: string, from = new Date(), days = HORIZON_DAYS): Array<[number, number]> {
  const oh = parseHours(rule, from);
  const start = parisWallClock(from);
  const end = new Date(start);
  end.setDate(start.getDate() + days);
  return oh.getOpenIntervals(start, end).map(([a, b]) => [fromParisWallClock(a).getTime(), fromParisWallClock(b).getTime()]);
}

/**
 * Where the intervals computed from `from` end: an interval that ends there is still open then,
 * so no closing time is known within the page's horizon (a shop open 24/7 is "open", not "closes
 * at" the build's time 56 days later).
 */
export function horizonOf(from = new Date(), days = HORIZON_DAYS): number {
  const end = parisWallClock(from);
  end.setDate(end.getDate() + days);
  return fromParisWallClock(end).getTime();
}

const cache = new Map<string, Promise<ListingPage[]>>();
/** Intervals by rule: many listings share their hours, and a build meets each listing once per tenant. */
const byRule = new Map<
  string,
  { at: number; horizon: number; intervals: Array<[number, number]>; week: ReturnType<typeof openingHoursSpecification>; holidays: string | null }
>();
/** A build reads the directory once; the dev server, every few seconds (so edits show at once). */
const TTL_MS = (import.meta as { env?: { PROD?: boolean } }).env?.PROD ? Number.POSITIVE_INFINITY : 10_000;

function computed(rule: string, now: Date) {
  const hit = byRule.get(rule);
  if (hit && now.getTime() - hit.at < 3_600_000) return hit;
  const value = {
    at: now.getTime(),
    horizon: horizonOf(now),
    intervals: intervalsOf(rule, now),
    week: openingHoursSpecification(rule, now),
    holidays: hoursInWords(rule, now).holidays,
  };
  byRule.set(rule, value);
  return value;
}

/** Published listings of a tenant (empty when the API is not configured or not reachable). */
export function listings(tenant: string): Promise<ListingPage[]> {
  const api = process.env.COMMUNA_API_ORIGIN;
  if (!api) return Promise.resolve([]);
  const key = Number.isFinite(TTL_MS) ? `${tenant}:${Math.floor(Date.now() / TTL_MS)}` : tenant;
  if (!cache.has(key)) {
    cache.set(
      key,
      (async () => {
        const out: Listing[] = [];
        for (let offset = 0; ; offset += 500) {
          const res = await fetch(`${api}/t/${tenant}/api/directory/businesses?limit=500&offset=${offset}`, { headers: { "cache-control": "no-cache" } });
          if (!res.ok) break;
          const page = ((await res.json()) as { businesses: Listing[] }).businesses;
          out.push(...page);
          if (page.length < 500) break;
        }
        const now = new Date();
        return out.map((l) => {
          const hours = l.openingHours ? computed(l.openingHours, now) : null;
          return {
            ...l,
            communeSlug: communeSlug(l.commune.name),
            intervals: hours?.intervals ?? [],
            horizon: hours?.horizon ?? horizonOf(now),
            week: hours?.week ?? [],
            holidays: hours?.holidays ?? null,
          };
        });
      })().catch(() => []),
    );
  }
  return cache.get(key)!;
}

export { CATEGORIES, LABELS, CHANNELS };
