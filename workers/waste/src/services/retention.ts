/**
 * Retention of the registry side (ADR 0017): runs `app.purge_waste_expired()` (the periods live in
 * the database, next to the tables) and deletes the photos of the purged checks from R2. Meant for
 * the waste Worker's daily scheduled handler.
 */
import { createPool, type DbEnv } from "@communa/core";

export async function purgeWasteExpired(env: DbEnv & { CHECK_PHOTOS?: R2Bucket }): Promise<Record<string, number>> {
  const pool = createPool(env.DATABASE_URL, env.NEON_WS_PROXY);
  try {
    const { rows } = await pool.query<{ counts: Record<string, number> & { photoKeys: string[] } }>("SELECT app.purge_waste_expired() AS counts");
    const { photoKeys, ...counts } = rows[0].counts;
    for (let i = 0; i < photoKeys.length; i += 1000) await env.CHECK_PHOTOS?.delete(photoKeys.slice(i, i + 1000));
    return { ...counts, photos: photoKeys.length };
  } finally {
    await pool.end();
  }
}
