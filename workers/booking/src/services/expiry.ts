/**
 * The option-expiry job: an option not confirmed within its resource's delay lapses and frees its
 * slot. Run by the cron (every 15 minutes, wrangler.toml) for every tenant, journalled under the
 * system; booking and deciding also lapse the resource's overdue options first (bookings.ts), so a
 * slot is free on time even between two runs.
 */
import { and, count, eq, lte } from "drizzle-orm";
import { schema } from "@communa/db";
import { requestId, type Db, type Tenant, type TrustedContext } from "@communa/core";
import { lapseOptions } from "./bookings.ts";

const { bookingBookings: bookings, tenants } = schema;

const systemContext = (tenant: Tenant): TrustedContext => ({
  tenant,
  actor: { kind: "api-key", id: "systeme:echeance-options", permissions: [] },
  requestId: requestId(),
});

/** Lapses one tenant's overdue options at `now`; returns their references. */
export async function expireOptions(db: Db, tenant: Tenant, now: Date): Promise<string[]> {
  const [{ n }] = await db.withTenant(tenant.id, (tx) =>
    tx
      .select({ n: count() })
      .from(bookings)
      .where(and(eq(bookings.state, "option"), lte(bookings.optionExpiresAt, now))),
  );
  if (!n) return [];
  return db.write(systemContext(tenant), async (tx, journal) => {
    const lapsed = await lapseOptions(tx, now);
    for (const b of lapsed) await journal({ action: "booking.option.expire", target: `booking_bookings/${b.id}`, summary: { reference: b.reference } });
    if (!lapsed.length) await journal({ action: "booking.option.expire", target: "booking_bookings", summary: { none: true } });
    return lapsed.map((b) => b.reference);
  });
}

/** Every tenant in turn. */
export async function expireAllOptions(db: Db, now: Date): Promise<number> {
  const all = await db.reference((tx) => tx.select().from(tenants));
  let total = 0;
  for (const t of all)
    total += (await expireOptions(db, { id: t.id, slug: t.slug, kind: t.kind, name: t.name, siren: t.siren, insee: t.insee, parentId: t.parentId }, now))
      .length;
  return total;
}
