/**
 * Pilotage of the halls (ADR 0035 addendum): which of the booking module's rooms a building houses,
 * consumption while nothing is booked there (an alert, a work request), and the heating programme
 * the building's controllers take — its occupied hours and its bookings, each with its pre-heating
 * lead, comfort then, reduced elsewhere. Bookings come from the booking Worker's read-only door
 * (when a room is in use, with its reference: no renter, no purpose).
 */
import { and, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { envBuildings, envLoadPoints, envMeters } from "@communa/db";
import {
  addDays,
  fromParisWallClock,
  invalid,
  notFound,
  parisDateTimeLocal,
  parisDay,
  parisOffsetMinutes,
  requestId,
  rpcCall,
  log,
  type Db,
  type TrustedContext,
} from "@communa/core";
import { openIntervals } from "@communa/core/hours";
import type { EnvironmentBookingService, Occupancy } from "@communa/contracts/rpc";
import { m } from "../messages.fr.ts";
import { inForce, NIGHT_BASE_LOAD_RATIO, OUTSIDE_BOOKING } from "../parameters.ts";
import { baseLoadDays, heatingProgramme, nightBaseLoadAlerts, outsideBookingDays, type HeatingPeriod, type Span } from "./energy-core.ts";
import { toCsv } from "@communa/core/csv";
import { recordAlerts } from "./energy.ts";
import { allTenants, systemContext } from "./jobs.ts";

export type Booking = EnvironmentBookingService;

const DAY = 86_400_000;
/** The longest period the booking Worker answers for at once. */
const OCCUPANCY_WINDOW_DAYS = 60;
/** Pre-heating lead when a building keeps no schedule: the hour before a booking. */
const DEFAULT_PREHEAT_MINUTES = 60;

/** The tenant's rooms, halls and machines (for the building form). */
export const bookingRooms = (ctx: TrustedContext, booking: Booking) => rpcCall("booking", () => booking.resources(ctx.tenant));

/** Refuses a room that is not one of the tenant's, named by its index. */
export async function checkRooms(ctx: TrustedContext, booking: Booking, ids: readonly string[] | undefined): Promise<void> {
  if (!ids?.length) return;
  const known = new Set((await bookingRooms(ctx, booking)).map((r) => r.id));
  const i = ids.findIndex((id) => !known.has(id));
  if (i >= 0) throw invalid(undefined, [{ path: `body/bookingResourceIds/${i}`, message: m.unknownRoom(ids[i]) }]);
}

/** When the rooms are in use over [from, to[, asked in windows the booking Worker accepts. */
async function occupancyOf(ctx: TrustedContext, booking: Booking, resourceIds: string[], from: number, to: number): Promise<Occupancy[]> {
  const out: Occupancy[] = [];
  for (let start = from; start < to; start += OCCUPANCY_WINDOW_DAYS * DAY) {
    const end = Math.min(to, start + OCCUPANCY_WINDOW_DAYS * DAY);
    out.push(
      ...(await rpcCall("booking", () => booking.occupancy(ctx.tenant, { resourceIds, from: new Date(start).toISOString(), to: new Date(end).toISOString() }))),
    );
  }
  return out;
}

const hourSpans = (heating: { hours: string } | null, from: number, to: number): Span[] =>
  heating ? openIntervals(heating.hours, new Date(from), new Date(to)).map((i) => ({ start: i.start.getTime(), end: i.end.getTime() })) : [];

/**
 * Looks, over [from, to], for the days a hall consumed while not in use, and opens their alerts.
 * Buildings without rooms are not looked at (their daytime use is not known here).
 */
export async function checkOutsideBookings(db: Db, ctx: TrustedContext, booking: Booking, period: { from: Date; to: Date }): Promise<number> {
  const rule = inForce(OUTSIDE_BOOKING, parisDay(period.to))!.value;
  const from = period.from.getTime() - DAY;
  const to = period.to.getTime() + DAY;
  const days = new Set<string>();
  for (let t = period.from.getTime(); t <= period.to.getTime() + 1; t += DAY) days.add(parisDay(new Date(t)));
  days.add(parisDay(period.to));
  const buildings = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(envBuildings).where(sql`cardinality(${envBuildings.bookingResourceIds}) > 0`));
  let opened = 0;
  for (const b of buildings) {
    // The building's load points of the period first: a building with none (a curve of another
    // building was imported, a hall without a meter curve) asks booking nothing and writes nothing.
    const points = await db.withTenant(ctx.tenant.id, (tx) =>
      tx
        .select({ meterId: envLoadPoints.meterId, at: envLoadPoints.at, watts: envLoadPoints.watts, stepMinutes: envLoadPoints.stepMinutes })
        .from(envLoadPoints)
        .innerJoin(envMeters, eq(envMeters.id, envLoadPoints.meterId))
        .where(and(eq(envMeters.buildingId, b.id), gte(envLoadPoints.at, new Date(from)), lt(envLoadPoints.at, new Date(to)))),
    );
    if (!points.length) continue;
    const used = await occupancyOf(ctx, booking, b.bookingResourceIds, from, to);
    const spans = [...used.map((u) => ({ start: Date.parse(u.startsAt), end: Date.parse(u.endsAt) })), ...hourSpans(b.heating ?? null, from, to)];
    const rules = { ...rule, beforeMinutes: b.heating?.preheatMinutes ?? DEFAULT_PREHEAT_MINUTES };
    const meterIds = [...new Set(points.map((p) => p.meterId))];
    opened += await db.write(ctx, async (tx, journal) => {
      let n = 0;
      for (const meterId of meterIds) {
        const found = outsideBookingDays(
          points.filter((p) => p.meterId === meterId),
          spans,
          rules,
        ).filter((d) => days.has(d.day));
        n += await recordAlerts(tx, ctx.tenant.id, meterId, "outside_booking", found);
      }
      await journal({ action: "environment.outside_booking.check", target: `env_buildings/${b.id}`, summary: { from: period.from, to: period.to, opened: n } });
      return n;
    });
  }
  return opened;
}

/** The night base-load alerts of the meters fed by a device, for one Paris day (the nightly job). */
export async function checkDeviceNights(db: Db, ctx: TrustedContext, day: string): Promise<number> {
  const ratio = inForce(NIGHT_BASE_LOAD_RATIO, day)!.value;
  const from = new Date(Date.parse(`${day}T00:00:00Z`) - DAY);
  const to = new Date(Date.parse(`${day}T00:00:00Z`) + 2 * DAY);
  const meters = await db.withTenant(ctx.tenant.id, (tx) => tx.select({ id: envMeters.id }).from(envMeters).where(isNotNull(envMeters.deviceId)));
  if (!meters.length) return 0;
  return db.write(ctx, async (tx, journal) => {
    const points = await tx
      .select({ meterId: envLoadPoints.meterId, at: envLoadPoints.at, watts: envLoadPoints.watts, stepMinutes: envLoadPoints.stepMinutes })
      .from(envLoadPoints)
      .where(
        and(
          inArray(
            envLoadPoints.meterId,
            meters.map((mt) => mt.id),
          ),
          gte(envLoadPoints.at, from),
          lt(envLoadPoints.at, to),
        ),
      );
    let opened = 0;
    for (const mt of meters) {
      const own = points.filter((p) => p.meterId === mt.id);
      opened += await recordAlerts(
        tx,
        ctx.tenant.id,
        mt.id,
        "night_base_load",
        nightBaseLoadAlerts(
          baseLoadDays(own).filter((d) => d.day === day),
          ratio,
        ),
      );
    }
    await journal({ action: "environment.night_base_load.check", target: "env_load_points", summary: { day, meters: meters.length, opened } });
    return opened;
  });
}

/** The heating programme of a building over `days` Paris days from `fromDay`. */
export async function buildingHeatingProgramme(db: Db, ctx: TrustedContext, booking: Booking, buildingId: string, fromDay: string, days: number) {
  const [b] = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(envBuildings).where(eq(envBuildings.id, buildingId)));
  if (!b) throw notFound(m.noBuilding);
  if (!b.heating) throw invalid(undefined, [{ path: "path/buildingId", message: m.noHeating }]);
  const from = Date.parse(fromParisWallClock(`${fromDay}T00:00`));
  const to = Date.parse(fromParisWallClock(`${addDays(fromDay, days)}T00:00`));
  const used = b.bookingResourceIds.length ? await occupancyOf(ctx, booking, b.bookingResourceIds, from, to) : [];
  const periods = heatingProgramme(
    {
      hours: hourSpans(b.heating, from, to),
      bookings: used.map((u) => ({ start: Date.parse(u.startsAt), end: Date.parse(u.endsAt), reference: u.reference })),
    },
    b.heating,
    from,
    to,
  );
  return { buildingId: b.id, name: b.name, from: new Date(from).toISOString(), to: new Date(to).toISOString(), ...b.heating, periods };
}

/** Columns of the heating programme CSV (ADR 0035 addendum): one line per period, instants with their offset. */
export const PROGRAMME_COLUMNS = ["debut", "fin", "consigne_c", "motif", "reservations"] as const;

export function programmeToCsv(periods: readonly HeatingPeriod[]): string {
  // The instant as Paris reads it, with its own offset (the hour the clocks go back is told apart).
  const local = (iso: string) => {
    const offset = parisOffsetMinutes(iso);
    return `${parisDateTimeLocal(iso)}:00+${String(Math.floor(offset / 60)).padStart(2, "0")}:${String(offset % 60).padStart(2, "0")}`;
  };
  return toCsv(
    [...PROGRAMME_COLUMNS],
    periods.map((p) => [local(p.from), local(p.to), String(p.setpointC).replace(".", ","), p.reason, p.references.join(" ")]),
  );
}

/**
 * The nightly pilotage (cron): for every tenant, yesterday's night base load of the meters fed by a
 * device (load curves imported raise theirs at import) and yesterday's consumption of its halls
 * outside bookings. Journalled under the system; what was opened is logged as counts.
 */
export async function pilotageAll(db: Db, booking: Booking, now = new Date()): Promise<void> {
  const yesterday = addDays(parisDay(now), -1);
  const span = { from: new Date(fromParisWallClock(`${yesterday}T00:00`)), to: new Date(fromParisWallClock(`${yesterday}T23:59`)) };
  for (const t of await allTenants(db)) {
    const ctx = systemContext(t, "pilotage-energie");
    try {
      const nights = await checkDeviceNights(db, ctx, yesterday);
      const outside = await checkOutsideBookings(db, ctx, booking, span);
      if (nights || outside) log("info", "alertes énergie ouvertes", { tenant: t.slug, day: yesterday, nights, outside });
    } catch (err) {
      log("warn", "pilotage énergie non fait", { tenant: t.slug, day: yesterday, error: err });
    }
  }
}
