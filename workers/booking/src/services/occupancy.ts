/**
 * What the environment Worker may know of bookings (ADR 0032, 0035 addendum): the tenant's rooms
 * and halls, and when they are in use — approved, confirmed or completed bookings and the
 * commune's own events. Neither renter nor purpose leaves this module: an energy alert needs only
 * « the hall was booked from 14:00 to 18:00 », and the heating programme the same.
 */
import { and, asc, gt, inArray, lt, ne } from "drizzle-orm";
import { schema } from "@communa/db";
import type { Db, TrustedContext } from "@communa/core";
import type { BookableResource, Occupancy, OccupancyQuery } from "@communa/contracts/rpc";

const { bookingBookings: bookings, bookingResources: resources } = schema;

/** States that mean the room is used (an option or a request held is not a use). */
export const IN_USE = ["approved", "confirmed", "completed", "blackout"] as const;

export async function listRooms({ db, ctx }: { db: Db; ctx: TrustedContext }): Promise<BookableResource[]> {
  return db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ id: resources.id, name: resources.name, kind: resources.kind })
      .from(resources)
      .where(ne(resources.kind, "equipment"))
      .orderBy(asc(resources.name)),
  );
}

export async function occupancy({ db, ctx, query }: { db: Db; ctx: TrustedContext; query: OccupancyQuery }): Promise<Occupancy[]> {
  if (!query.resourceIds.length) return [];
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ resourceId: bookings.resourceId, startsAt: bookings.startsAt, endsAt: bookings.endsAt, reference: bookings.reference })
      .from(bookings)
      .where(
        and(
          inArray(bookings.resourceId, query.resourceIds),
          inArray(bookings.state, [...IN_USE]),
          lt(bookings.startsAt, new Date(query.to)),
          gt(bookings.endsAt, new Date(query.from)),
        ),
      )
      .orderBy(asc(bookings.startsAt)),
  );
  return rows.map((r) => ({ resourceId: r.resourceId, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString(), reference: r.reference }));
}
