/**
 * Retention of the waste domain (ADRs 0016, 0017), run by the Worker's daily cron: the database's
 * own purge functions (the periods live there, next to the tables: checks 3 years, interventions 5
 * years after completion, billing runs and lifts 6 years, sorting events 3 years, resolved anomalies
 * 1 year, handled dead letters 90 days, idempotency keys 30 days), then the photos of the purged
 * checks are deleted from R2 — rows first, so a crash between the two leaves orphan photos that no
 * row points to, never a row without its photo.
 */
import type { Db } from "@communa/core";

export interface WasteRetention {
  registry: Record<string, number>;
  events: Record<string, number>;
  photos: number;
}

export async function purgeWasteExpired(db: Db, photos: R2Bucket | undefined): Promise<WasteRetention> {
  const { photoKeys, ...registry } = (await db.applyRetention("purge_waste_expired")) as Record<string, number> & { photoKeys: string[] };
  const events = (await db.applyRetention("purge_waste_events_expired")) as Record<string, number>;
  for (let i = 0; i < photoKeys.length; i += 1000) await photos?.delete(photoKeys.slice(i, i + 1000));
  return { registry, events, photos: photoKeys.length };
}
