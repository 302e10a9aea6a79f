/**
 * A client for Hub'Eau (ADR 0035), runtime-neutral: the fetch, the clock and the wait are handed
 * in, so tests run it against a fake origin with recorded answers and no real time passes.
 *
 * What it respects, from the research (wave2-anchors §6, after the `cl-hubeau` client):
 * - the envelope `{ count, data, next… }`; 206 means "a partial page, more follow", 200 the last one;
 * - paging with `page` and `size`, where page × size may not pass 20,000: above that many results
 *   the date range is split in two and each half fetched on its own (recursively);
 * - no published rate limit: at most 10 requests per second, spaced by the client itself;
 * - 429 and 5xx are retried with an exponential backoff (10 attempts), other errors are final.
 */
import { m } from "../messages.fr.ts";

export interface HubeauPage<T> {
  count: number;
  data: T[];
  next?: string | null;
}

export interface HubeauDeps {
  /** The API root, such as `https://hubeau.eaufrance.fr/api` (configuration). */
  baseUrl: string;
  fetch: (req: Request) => Promise<Response>;
  /** Milliseconds since an epoch (default: Date.now). */
  now?: () => number;
  /** Waits `ms` (default: a timer). */
  wait?: (ms: number) => Promise<void>;
}

export interface HubeauLimits {
  /** Results per page (Hub'Eau's default 5,000; max 20,000). */
  size: number;
  /** Deepest result reachable by paging (page × size). */
  maxDepth: number;
  /** Minimum milliseconds between two requests (100: 10 requests per second). */
  spacingMs: number;
  attempts: number;
}

export const HUBEAU_LIMITS: HubeauLimits = { size: 5000, maxDepth: 20_000, spacingMs: 100, attempts: 10 };

const RETRIED = new Set([429, 500, 502, 503, 504]);

export class HubeauError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The spacing and retries of one import: every request of it goes through `get`. */
export class HubeauClient {
  private last = Number.NEGATIVE_INFINITY;
  /** Requests sent (retries included), for the import's report. */
  requests = 0;
  private readonly now: () => number;
  private readonly wait: (ms: number) => Promise<void>;

  constructor(
    private readonly deps: HubeauDeps,
    readonly limits: HubeauLimits = HUBEAU_LIMITS,
  ) {
    this.now = deps.now ?? Date.now;
    this.wait = deps.wait ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Delay before retry `attempt` (1-based): 0.5 s, 1 s, 2 s… capped at 30 s. */
  static backoffMs(attempt: number): number {
    return Math.min(30_000, 500 * 2 ** (attempt - 1));
  }

  /** One page of `path` with `params` (values joined by commas, as Hub'Eau reads multi-values). */
  async get<T>(path: string, params: Record<string, string | number | readonly string[] | undefined>): Promise<HubeauPage<T>> {
    const url = new URL(`${this.deps.baseUrl.replace(/\/$/, "")}/${path.replace(/^\//, "")}`);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, Array.isArray(v) ? v.join(",") : String(v));
    for (let attempt = 1; ; attempt++) {
      const gap = this.last + this.limits.spacingMs - this.now();
      if (gap > 0) await this.wait(gap);
      this.last = this.now();
      this.requests++;
      let res: Response;
      try {
        res = await this.deps.fetch(new Request(url, { headers: { accept: "application/json" } }));
      } catch (err) {
        if (attempt >= this.limits.attempts) throw new HubeauError(`Hub'Eau injoignable : ${(err as Error).message}`, 0);
        await this.wait(HubeauClient.backoffMs(attempt));
        continue;
      }
      if (res.status === 200 || res.status === 206) return (await res.json()) as HubeauPage<T>;
      const text = await res.text().catch(() => "");
      if (RETRIED.has(res.status) && attempt < this.limits.attempts) {
        await this.wait(HubeauClient.backoffMs(attempt));
        continue;
      }
      throw new HubeauError(m.hubeauStatus(res.status, url.pathname, text.slice(0, 200)), res.status);
    }
  }

  /** Every result of `path`, paging until a 200 or a short page. Refuses a result set deeper than paging reaches. */
  async all<T>(path: string, params: Record<string, string | number | readonly string[] | undefined>): Promise<{ count: number; data: T[] }> {
    const out: T[] = [];
    const { size, maxDepth } = this.limits;
    for (let page = 1; ; page++) {
      const res = await this.get<T>(path, { ...params, size, page });
      if (page === 1 && res.count > maxDepth) return { count: res.count, data: [] };
      out.push(...res.data);
      if (res.data.length < size || out.length >= res.count || page * size >= maxDepth) return { count: res.count, data: out };
    }
  }

  /**
   * Every result between two days (inclusive, yyyy-MM-dd), splitting the range in halves while a
   * range holds more results than paging reaches. `dateParams` names the endpoint's two filters.
   */
  async byDateRange<T>(
    path: string,
    params: Record<string, string | number | readonly string[] | undefined>,
    range: { from: string; to: string },
    dateParams: [string, string],
  ): Promise<T[]> {
    const res = await this.all<T>(path, { ...params, [dateParams[0]]: range.from, [dateParams[1]]: range.to });
    if (res.count <= this.limits.maxDepth) return res.data;
    if (range.from === range.to) throw new HubeauError(m.hubeauTooDeep(this.limits.maxDepth, range.from), 400);
    const [a, b] = splitRange(range);
    return [...(await this.byDateRange<T>(path, params, a, dateParams)), ...(await this.byDateRange<T>(path, params, b, dateParams))];
  }
}

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Two halves of an inclusive range of days that do not overlap. */
export function splitRange({ from, to }: { from: string; to: string }): [{ from: string; to: string }, { from: string; to: string }] {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  const mid = a + Math.floor((b - a) / DAY / 2) * DAY;
  return [
    { from, to: day(mid) },
    { from: day(mid + DAY), to },
  ];
}
