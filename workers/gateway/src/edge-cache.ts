/**
 * Edge cache for anonymous GET answers that a domain marks `Cache-Control: public`.
 * Invalidation: each domain has a generation number, itself kept in the cache; keys include it.
 * A write whose answer carries `x-communa-purge` bumps the domain's generation, so every cached
 * variant (any tenant, any query) of that domain is bypassed at once in this location. Other
 * locations (production) keep stale copies for at most the answer's max-age.
 */
const ORIGIN = "https://cache.communa.internal";

async function generation(cache: Cache, domain: string): Promise<string> {
  const hit = await cache.match(`${ORIGIN}/gen/${domain}`);
  return hit ? await hit.text() : "0";
}

export async function cacheKey(cache: Cache, domain: string, tenantId: string, url: URL): Promise<string> {
  const gen = await generation(cache, domain);
  return `${ORIGIN}/${domain}/${gen}/${tenantId}${url.pathname}?${url.searchParams.toString()}`;
}

export function isCacheable(res: Response): boolean {
  const cc = res.headers.get("cache-control") ?? "";
  return res.status === 200 && /\bpublic\b/.test(cc) && !/no-store|private/.test(cc) && !res.headers.has("set-cookie");
}

export async function bumpGeneration(cache: Cache, domain: string): Promise<void> {
  // Long-lived: a generation must outlive every entry keyed with it.
  await cache.put(
    `${ORIGIN}/gen/${domain}`,
    new Response(String(Date.now()), { headers: { "cache-control": "public, max-age=31536000" } }),
  );
}
