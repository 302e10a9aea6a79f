/**
 * The public iCalendar feed of a resource (RFC 5545, with ical-generator): busy periods only — no
 * renter, no purpose — except the commune's own events, which are public. A series is one event
 * with its RRULE and EXDATE (dates left out, and occurrences cancelled since); SEQUENCE follows
 * changes, so calendar applications replace what they hold.
 */
import ical, { ICalCalendarMethod, ICalEventBusyStatus } from "ical-generator";
import { and, eq, gt, inArray } from "drizzle-orm";
import { schema } from "@communa/db";
import { fromParisWallClock, parisDateTimeLocal } from "@communa/core/time";
import type { Db, TrustedContext } from "@communa/core";
import { bookingTexts } from "../messages.fr.ts";
import { getResource } from "./resources.ts";
import { HOLDING, asWrite } from "./bookings.ts";

const { bookingBookings: bookings, bookingSeries: series } = schema;

export async function resourceFeed({
  db,
  ctx,
  resourceId,
  now = new Date(),
}: {
  db: Db;
  ctx: TrustedContext;
  resourceId: string;
  now?: Date;
}): Promise<string> {
  return db.withTenant(ctx.tenant.id, async (read) => {
    const tx = asWrite(read);
    const resource = await getResource(tx, resourceId);
    const since = new Date(now.getTime() - 31 * 86_400_000);
    const rows = await tx
      .select()
      .from(bookings)
      .where(and(eq(bookings.resourceId, resourceId), gt(bookings.endsAt, since)));
    const cal = ical({
      name: `${resource.name} — ${ctx.tenant.name}`,
      prodId: { company: "Communa", product: "reservations", language: "FR" },
      method: ICalCalendarMethod.PUBLISH,
    });
    const holding = new Set<string>(HOLDING);
    const seriesIds = [...new Set(rows.filter((r) => r.seriesId).map((r) => r.seriesId!))];
    const allSeries = seriesIds.length ? await tx.select().from(series).where(inArray(series.id, seriesIds)) : [];
    for (const s of allSeries) {
      const mine = rows.filter((r) => r.seriesId === s.id);
      const live = mine.filter((r) => holding.has(r.state));
      if (!live.length) continue;
      const first = new Date(fromParisWallClock(s.startsLocal));
      const dropped = mine.filter((r) => !holding.has(r.state)).map((r) => r.startsAt);
      // RRULE and EXDATE in Paris wall-clock time (TZID), as the series was written: a weekly
      // 18:00 slot stays at 18:00 across the change of hour.
      const wall = (d: Date) => `${parisDateTimeLocal(d).replace(/[-:]/g, "")}00`;
      const exdates = [...s.exceptions.map((d) => `${d.replace(/-/g, "")}T${s.startsLocal.slice(11, 16).replace(":", "")}00`), ...dropped.map(wall)];
      cal.createEvent({
        id: `serie-${s.id}@communa`,
        start: first,
        end: new Date(first.getTime() + s.durationMinutes * 60_000),
        timezone: "Europe/Paris",
        summary: bookingTexts.busy,
        busystatus: ICalEventBusyStatus.BUSY,
        sequence: Math.max(...mine.map((r) => r.sequence)),
        repeating: `RRULE:${s.rrule.replace(/^RRULE:/i, "")}${exdates.length ? `\r\nEXDATE;TZID=Europe/Paris:${exdates.join(",")}` : ""}`,
      });
    }
    for (const r of rows) {
      if (r.seriesId || !holding.has(r.state)) continue;
      cal.createEvent({
        id: `${r.id}@communa`,
        start: r.startsAt,
        end: r.endsAt,
        summary: r.state === "blackout" ? `${bookingTexts.blackout} : ${r.purpose}` : bookingTexts.busy,
        busystatus: ICalEventBusyStatus.BUSY,
        sequence: r.sequence,
        stamp: r.updatedAt,
      });
    }
    return cal.toString();
  });
}
