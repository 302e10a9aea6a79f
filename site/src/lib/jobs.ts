/**
 * The open job notices of a tenant for the static pages (issue #24, ADR 0044), read from the
 * recruitment API when the site is built (COMMUNA_API_ORIGIN), each with its twelve mandatory
 * mentions and its schema.org JobPosting. The recruitment Worker's build hook asks for a rebuild
 * when a notice goes public on the site or is closed (in development, site/dev-proxy.mjs makes the
 * dev server read them again). A notice whose deadline passes before the next build is hidden by
 * the pages' script, which asks the live API.
 */
export interface JobNotice {
  reference: string;
  title: string;
  category: string;
  location: string;
  structure: string;
  applicationDeadline: string;
  datePosted: string;
  url: string;
  jsonLd: Record<string, unknown>;
  versant: string;
  nature: string;
  cadreEmplois: string;
  grade: string | null;
  recruitingAuthority: string;
  jobReference: string;
  missions: string;
  profile: string;
  specificConditions: string | null;
  vacancyDate: string;
  applicationAuthority: string;
  employmentType: string;
}

/** A build reads the notices once; the dev server, every few seconds (and at once on the hook). */
const TTL_MS = (import.meta as { env?: { PROD?: boolean } }).env?.PROD ? Number.POSITIVE_INFINITY : 10_000;
const cache = new Map<string, Promise<JobNotice[]>>();

/** The tenant's open notices, newest first (empty when the API is not configured or not reachable). */
export function jobNotices(tenant: string): Promise<JobNotice[]> {
  const api = process.env.COMMUNA_API_ORIGIN;
  if (!api) return Promise.resolve([]);
  const key = Number.isFinite(TTL_MS) ? `${tenant}:${Math.floor(Date.now() / TTL_MS)}` : tenant;
  if (!cache.has(key)) {
    cache.set(
      key,
      (async () => {
        const base = `${api}/t/${tenant}/api/recruitment/public/vacancies`;
        const res = await fetch(base, { headers: { "cache-control": "no-cache" } });
        if (!res.ok) return [];
        const list = ((await res.json()) as { vacancies: Array<{ reference: string }> }).vacancies;
        const full = await Promise.all(
          list.map(async (v) => {
            const one = await fetch(`${base}/${encodeURIComponent(v.reference)}`, { headers: { "cache-control": "no-cache" } });
            return one.ok ? ((await one.json()) as JobNotice) : null;
          }),
        );
        return full.filter((v): v is JobNotice => v !== null);
      })().catch(() => []),
    );
  }
  return cache.get(key)!;
}
