/** Day-by-day availability of a resource (busy/free only): the accessible list view's data. */
import type { Db, TrustedContext } from "@communa/core";
import { addDays, fromParisWallClock } from "@communa/core/time";
import { getResource } from "./resources.ts";
import { asWrite, holdingBetween, maxOverlap } from "./bookings.ts";
import { availability } from "./rules.ts";

export async function resourceAvailability({ db, ctx, resourceId, from, to }: { db: Db; ctx: TrustedContext; resourceId: string; from: string; to: string }) {
  return db.withTenant(ctx.tenant.id, async (read) => {
    const tx = asWrite(read);
    const resource = await getResource(tx, resourceId);
    const start = new Date(fromParisWallClock(`${from}T00:00`));
    const end = new Date(fromParisWallClock(`${addDays(to, 1)}T00:00`));
    const held = await holdingBetween(tx, [resource.id], start, end);
    const days = availability(from, to, held).map((d) => {
      if (resource.kind !== "equipment") return { ...d, available: null };
      const s = new Date(fromParisWallClock(`${d.day}T00:00`));
      const e = new Date(fromParisWallClock(`${addDays(d.day, 1)}T00:00`));
      const that = held.filter((h) => h.startsAt < e && h.endsAt > s);
      const out = that.some((h) => h.state === "blackout") ? (resource.quantity ?? 0) : maxOverlap(that, s, e);
      return { ...d, available: Math.max(0, (resource.quantity ?? 0) - out) };
    });
    return { resourceId: resource.id, days };
  });
}
