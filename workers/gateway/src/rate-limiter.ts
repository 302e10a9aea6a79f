/**
 * Rate limits, one Durable Object per (tenant, rule, client) — a sliding log of recent hits in
 * SQLite storage. Durable Objects give one consistent counter per key across every isolate and
 * location, which the in-memory alternatives cannot.
 */
import { DurableObject } from "cloudflare:workers";

export interface Rule {
  /** Hits allowed per window. */
  limit: number;
  windowSeconds: number;
}

/** The limits the gateway applies (names are part of the Durable Object key). */
export const RULES = {
  /** Failed authentications (API key, device signature) from one client: brute-force guard. */
  authFailure: { limit: 10, windowSeconds: 60 },
  /** Anonymous state-changing requests from one client (public forms, magic-link requests). */
  anonymousWrite: { limit: 20, windowSeconds: 60 },
  /**
   * Sign-in steps (start, return from the provider, e-mail link) from one client: a town hall's
   * agents behind one address all signing in at 9 o'clock stay well under it.
   */
  signIn: { limit: 60, windowSeconds: 60 },
} as const satisfies Record<string, Rule>;

export type RuleName = keyof typeof RULES;

export interface Verdict {
  allowed: boolean;
  /** Seconds until a hit is allowed again (when refused). */
  retryAfter: number;
}

export class RateLimiter extends DurableObject<object> {
  constructor(ctx: DurableObjectState, env: object) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS hits (at INTEGER NOT NULL)");
  }

  /** Would one more hit be allowed now? (Does not count it.) */
  async check(rule: Rule, nowMs: number): Promise<Verdict> {
    return this.verdict(rule, nowMs);
  }

  /** Counts a hit, and says whether it was within the limit. */
  async hit(rule: Rule, nowMs: number): Promise<Verdict> {
    const before = this.verdict(rule, nowMs);
    if (before.allowed) this.ctx.storage.sql.exec("INSERT INTO hits (at) VALUES (?)", nowMs);
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(nowMs + rule.windowSeconds * 1000);
    return before;
  }

  private verdict(rule: Rule, nowMs: number): Verdict {
    const since = nowMs - rule.windowSeconds * 1000;
    this.ctx.storage.sql.exec("DELETE FROM hits WHERE at <= ?", since);
    const rows = this.ctx.storage.sql.exec("SELECT at FROM hits ORDER BY at").toArray() as Array<{ at: number }>;
    if (rows.length < rule.limit) return { allowed: true, retryAfter: 0 };
    const oldest = rows[rows.length - rule.limit].at;
    return { allowed: false, retryAfter: Math.max(1, Math.ceil((oldest + rule.windowSeconds * 1000 - nowMs) / 1000)) };
  }

  override async alarm(): Promise<void> {
    // Everything older than the longest window can go; an empty object costs nothing.
    const longest = Math.max(...Object.values(RULES).map((r) => r.windowSeconds));
    this.ctx.storage.sql.exec("DELETE FROM hits WHERE at <= ?", Date.now() - longest * 1000);
    const left = this.ctx.storage.sql.exec("SELECT count(*) AS n FROM hits").one() as { n: number };
    if (left.n > 0) await this.ctx.storage.setAlarm(Date.now() + longest * 1000);
  }
}

/** The caller's address as Cloudflare reports it; one shared key locally, where there is none. */
export function clientKey(req: Request): string {
  return req.headers.get("cf-connecting-ip") ?? "local";
}

export function limiter(ns: DurableObjectNamespace<RateLimiter>, tenantId: string, rule: RuleName, client: string) {
  return ns.get(ns.idFromName(`${tenantId}:${rule}:${client}`));
}
