/**
 * Edge cache for anonymous GET answers that a domain marks `Cache-Control: public`.
 * Keys: `<domain>/<generation>/<canonical origin>/<tenant id><path>?<query>`.
 * Invalidation: each domain has a generation number, itself kept in the cache; keys include it.
 * A write whose answer carries `x-communa-purge` bumps the domain's generation, so every cached
 * variant (any tenant, any query) of that domain is bypassed at once in this location. Other
 * locations (production) keep stale copies for at most the answer's max-age.
 */
const ORIGIN = "https://cache.communa.internal";

/**
 * Generations read from the cache are remembered in the isolate for GENERATION_TTL_MS, so a cached
 * answer costs one cache lookup, not two. A write updates this isolate at once; other isolates
 * see it within that delay.
 */
const GENERATION_TTL_MS = 1000;
const known = new Map<string, { value: string; until: number }>();

async function generation(cache: Cache, domain: string): Promise<string> {
  const now = Date.now();
  const memo = known.get(domain);
  if (memo && memo.until > now) return memo.value;
  const hit = await cache.match(`${ORIGIN}/gen/${domain}`);
  const value = hit ? await hit.text() : "0";
  known.set(domain, { value, until: now + GENERATION_TTL_MS });
  return value;
}

/**
 * The key of a cached answer. It names the tenant's canonical public origin (from configuration,
 * never the request's Host): answers carry absolute links built from it, so a change of address
 * cannot serve links to the old one, and the client's Host has no say in what is cached.
 */
export async function cacheKey(cache: Cache, domain: string, publicOrigin: string, tenantId: string, url: URL): Promise<string> {
  const gen = await generation(cache, domain);
  return `${ORIGIN}/${domain}/${gen}/${encodeURIComponent(publicOrigin)}/${tenantId}${url.pathname}?${url.searchParams.toString()}`;
}

export function isCacheable(res: Response): boolean {
  const cc = res.headers.get("cache-control") ?? "";
  return res.status === 200 && /\bpublic\b/.test(cc) && !/no-store|private/.test(cc) && !res.headers.has("set-cookie");
}

export async function bumpGeneration(cache: Cache, domain: string): Promise<void> {
  const value = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  known.set(domain, { value, until: Date.now() + GENERATION_TTL_MS });
  // Long-lived: a generation must outlive every entry keyed with it.
  await cache.put(`${ORIGIN}/gen/${domain}`, new Response(value, { headers: { "cache-control": "public, max-age=31536000" } }));
}

/**
 * A small in-isolate layer in front of the Cache API: the hottest public answers are served from
 * memory for a few seconds. Keys are the same (generation included), so a write invalidates both
 * layers alike.
 */
const MEMORY_TTL_MS = 5_000;
const MEMORY_MAX_ENTRIES = 256;
const MEMORY_MAX_BYTES = 256 * 1024;
const memory = new Map<string, { body: ArrayBuffer; headers: [string, string][]; until: number }>();

export function memoryGet(key: string): Response | null {
  const hit = memory.get(key);
  if (!hit) return null;
  if (hit.until <= Date.now()) {
    memory.delete(key);
    return null;
  }
  return new Response(hit.body, { status: 200, headers: hit.headers });
}

export async function memoryPut(key: string, res: Response): Promise<void> {
  const body = await res.arrayBuffer();
  if (body.byteLength > MEMORY_MAX_BYTES) return;
  if (memory.size >= MEMORY_MAX_ENTRIES) memory.delete(memory.keys().next().value!);
  memory.set(key, { body, headers: [...res.headers], until: Date.now() + MEMORY_TTL_MS });
}
