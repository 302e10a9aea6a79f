/**
 * Recurring bookings (an association's weekly slot for a season) and the commune's own events
 * (blackouts), which win: a blackout cancels what it overlaps and then holds the slot itself.
 */
import { and, eq, gt, inArray, lt } from "drizzle-orm";
import { schema } from "@communa/db";
import { invalid, notFound, type Db, type TrustedContext } from "@communa/core";
import { formatParis } from "@communa/core/time";
import { STATE_LABELS, bookingTexts } from "../messages.fr.ts";
import { BookingConflict, isExclusionViolation } from "./conflict.ts";
import { EXCLUSIVE_KINDS, getResource } from "./resources.ts";
import { HOLDING, alternatives, asWrite, bookingOut, checkEligibility, holdingBetween, insertBooking } from "./bookings.ts";
import { MAX_OCCURRENCES, occurrences, overlaps, type Occurrence } from "./rules.ts";

const { bookingBookings: bookings, bookingRenters: renters, bookingSeries: series } = schema;
type Deps = { db: Db; ctx: TrustedContext; now?: Date };

export interface SeriesInput {
  resourceId: string;
  renterId: string;
  startsLocal: string;
  durationMinutes: number;
  rrule: string;
  exceptions?: string[];
  state: "request" | "confirmed";
  purpose?: string;
}

const frenchDay = (day: string) => formatParis(new Date(`${day}T12:00:00Z`), { weekday: "long", day: "numeric", month: "long", year: "numeric" });

/** Every date of the series is checked; the answer lists all the dates that collide at once. */
export async function createSeries({ db, ctx, input, now = new Date() }: Deps & { input: SeriesInput }) {
  const dates = occurrences(input.startsLocal, input.durationMinutes, input.rrule, input.exceptions ?? []);
  if (!dates) throw invalid(undefined, [{ path: "body/rrule", message: bookingTexts.badRrule }]);
  if (!dates.length) throw invalid(undefined, [{ path: "body/rrule", message: bookingTexts.seriesEmpty }]);
  if (dates.length > MAX_OCCURRENCES) throw invalid(undefined, [{ path: "body/rrule", message: bookingTexts.seriesTooLong(MAX_OCCURRENCES) }]);
  const collisions = async () =>
    db.withTenant(ctx.tenant.id, async (read) => {
      const tx = asWrite(read);
      const resource = await getResource(tx, input.resourceId);
      const held = await holdingBetween(tx, [resource.id], new Date(dates[0].startsAt), new Date(dates.at(-1)!.endsAt));
      const hit = dates.filter((d) => held.some((h) => overlaps({ startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt) }, h)));
      return { resource, held, hit, tx };
    });
  const refuse = async ({ resource, held, hit, tx }: Awaited<ReturnType<typeof collisions>>) => {
    const first = hit[0];
    return new BookingConflict(
      bookingTexts.seriesConflicts(
        resource.name,
        hit.map((d) => frenchDay(d.day)),
      ),
      {
        conflicts: held
          .filter((h) => hit.some((d: Occurrence) => overlaps({ startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt) }, h)))
          .map((h) => ({ startsAt: h.startsAt.toISOString(), endsAt: h.endsAt.toISOString(), state: STATE_LABELS[h.state] })),
        dates: hit.map((d) => d.day),
        alternatives: await alternatives(tx, resource, new Date(first.startsAt), new Date(first.endsAt), now),
      },
    );
  };
  const before = await collisions();
  if (!EXCLUSIVE_KINDS.has(before.resource.kind)) throw invalid(undefined, [{ path: "body/resourceId", message: bookingTexts.seriesExclusiveOnly }]);
  if (before.hit.length) throw await refuse(before);
  try {
    return await db.write(ctx, async (tx, journal) => {
      const resource = await getResource(tx, input.resourceId);
      const [renter] = await tx.select().from(renters).where(eq(renters.id, input.renterId));
      if (!renter) throw notFound(bookingTexts.renterNotFound);
      await checkEligibility(tx, resource, renter, dates[0].day, dates.at(-1)!.day);
      const [s] = await tx
        .insert(series)
        .values({
          tenantId: ctx.tenant.id,
          resourceId: resource.id,
          renterId: renter.id,
          startsLocal: input.startsLocal,
          durationMinutes: input.durationMinutes,
          rrule: input.rrule,
          exceptions: input.exceptions ?? [],
        })
        .returning();
      const rows = [];
      for (const d of dates) rows.push(await insertBooking(tx, ctx, resource, renter, { ...d, state: input.state, purpose: input.purpose }, now, s.id));
      await journal({ action: "booking.series.create", target: `booking_series/${s.id}`, summary: { occurrences: rows.length, rrule: input.rrule } });
      return { id: s.id, rrule: s.rrule, exceptions: s.exceptions, bookings: rows.map((r) => bookingOut(r, resource.name)) };
    });
  } catch (err) {
    // Someone took one of the dates between the check and the insert: say which, as above.
    if (isExclusionViolation(err)) throw await refuse(await collisions());
    throw err;
  }
}

/**
 * The commune's own event on one or more resources: what holds those slots is cancelled (with the
 * event as its reason, returned so the agent can tell the renters), then the blackout holds them.
 */
export async function createBlackout({
  db,
  ctx,
  input,
  now = new Date(),
}: Deps & { input: { resourceIds: string[]; startsAt: string; endsAt: string; title: string } }) {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw invalid(undefined, [{ path: "body/endsAt", message: bookingTexts.periodOrder }]);
  return db.write(ctx, async (tx, journal) => {
    const displaced = [];
    const created = [];
    for (const resourceId of input.resourceIds) {
      const resource = await getResource(tx, resourceId);
      const cancelled = await tx
        .update(bookings)
        .set({ state: "cancelled", reason: bookingTexts.blackoutReason(input.title), updatedAt: now })
        .where(
          and(
            eq(bookings.resourceId, resourceId),
            inArray(
              bookings.state,
              HOLDING.filter((s) => s !== "blackout"),
            ),
            lt(bookings.startsAt, endsAt),
            gt(bookings.endsAt, startsAt),
          ),
        )
        .returning();
      displaced.push(...cancelled.map((b) => bookingOut(b, resource.name)));
      const [row] = await tx
        .insert(bookings)
        .values({
          tenantId: ctx.tenant.id,
          reference: `MAN-${crypto.randomUUID().slice(0, 8).toUpperCase()}`,
          resourceId,
          state: "blackout",
          exclusive: EXCLUSIVE_KINDS.has(resource.kind),
          startsAt,
          endsAt,
          quantity: resource.quantity ?? 1,
          purpose: input.title,
        })
        .returning();
      created.push(bookingOut(row, resource.name));
    }
    await journal({
      action: "booking.blackout.create",
      target: `booking_bookings/${created[0]?.id}`,
      summary: { title: input.title, displaced: displaced.map((d) => d.reference) },
    });
    return { blackouts: created, displaced };
  });
}
