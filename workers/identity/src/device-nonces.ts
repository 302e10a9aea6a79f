/**
 * One Durable Object per device remembers the nonces it has used inside the signature window, so a
 * captured request replayed within the window is refused. SQLite-backed; an alarm forgets nonces
 * once they are too old to be accepted anyway.
 */
import { DurableObject } from "cloudflare:workers";

export const WINDOW_SECONDS = 300;

export class DeviceNonces extends DurableObject<object> {
  constructor(ctx: DurableObjectState, env: object) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS nonces (nonce TEXT PRIMARY KEY, seen_at INTEGER NOT NULL)");
  }

  /** True the first time `nonce` is presented within the window; false for a replay. */
  async claim(nonce: string, nowSeconds: number): Promise<boolean> {
    const sql = this.ctx.storage.sql;
    // A nonce older than twice the window cannot come with a valid timestamp any more.
    sql.exec("DELETE FROM nonces WHERE seen_at < ?", nowSeconds - 2 * WINDOW_SECONDS);
    const seen = sql.exec("SELECT 1 FROM nonces WHERE nonce = ?", nonce).toArray();
    if (seen.length) return false;
    sql.exec("INSERT INTO nonces (nonce, seen_at) VALUES (?, ?)", nonce, nowSeconds);
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + 2 * WINDOW_SECONDS * 1000);
    return true;
  }

  override async alarm(): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    this.ctx.storage.sql.exec("DELETE FROM nonces WHERE seen_at < ?", now - 2 * WINDOW_SECONDS);
    const left = this.ctx.storage.sql.exec("SELECT count(*) AS n FROM nonces").one() as { n: number };
    if (left.n > 0) await this.ctx.storage.setAlarm(Date.now() + 2 * WINDOW_SECONDS * 1000);
  }
}
