/**
 * Bookings: options, requests, approvals; the exclusion constraint keeps an exclusive resource's
 * slot to one holder (a second insert fails with 23P01 and becomes a 409 with alternatives);
 * equipment loans are counted under a row lock on the resource, so concurrent loans never exceed
 * the stock. Options hold their slot `optionDays` days, then lapse (here and in expiry.ts).
 */
import { and, asc, eq, gt, inArray, lt, lte, ne, sql } from "drizzle-orm";
import { schema } from "@communa/db";
import { AppError, conflict, invalid, notFound, type Db, type TrustedContext, type Tx, type WriteTx } from "@communa/core";
import { parisDay, parisYear } from "@communa/core/time";
import { ACTION_LABELS, STATE_LABELS, bookingTexts } from "../messages.fr.ts";
import { BookingConflict, isExclusionViolation, type ConflictDetails } from "./conflict.ts";
import { EXCLUSIVE_KINDS, getResource, hasValidTraining, renterOfPerson, tariffFor, type Renter, type RenterInput, type Resource } from "./resources.ts";
import { dueCents, freeSlotsNear, type Busy } from "./rules.ts";

const { bookingBookings: bookings, bookingRenters: renters, bookingResources: resources } = schema;
export const HOLDING = ["option", "request", "approved", "confirmed", "blackout"] as const;
type Deps = { db: Db; ctx: TrustedContext; now?: Date };
export type Booking = typeof bookings.$inferSelect;

/** Reads run over HTTP (Tx), writes in a transaction (WriteTx): both have the same query builder. */
export const asWrite = (tx: Tx) => tx as unknown as WriteTx;

export interface BookingInput {
  resourceId: string;
  renterId: string;
  startsAt: string;
  endsAt: string;
  state: "option" | "request" | "confirmed";
  quantity?: number;
  purpose?: string;
}

export const bookingOut = (b: Booking, resourceName?: string) => ({
  id: b.id,
  reference: b.reference,
  resourceId: b.resourceId,
  resourceName,
  renterId: b.renterId,
  seriesId: b.seriesId,
  state: b.state,
  stateLabel: STATE_LABELS[b.state],
  startsAt: b.startsAt.toISOString(),
  endsAt: b.endsAt.toISOString(),
  quantity: b.quantity,
  optionExpiresAt: b.optionExpiresAt?.toISOString() ?? null,
  purpose: b.purpose,
  dueCents: b.dueCents,
  paidCents: b.paidCents,
  reason: b.reason,
});

/** Holding rows of `resourceIds` overlapping a period. */
export async function holdingBetween(tx: WriteTx, resourceIds: string[], from: Date, to: Date) {
  if (!resourceIds.length) return [];
  return tx
    .select({ resourceId: bookings.resourceId, startsAt: bookings.startsAt, endsAt: bookings.endsAt, state: bookings.state, quantity: bookings.quantity })
    .from(bookings)
    .where(and(inArray(bookings.resourceId, resourceIds), inArray(bookings.state, [...HOLDING]), lt(bookings.startsAt, to), gt(bookings.endsAt, from)));
}

export async function nextReference(tx: WriteTx, at: Date): Promise<string> {
  const { rows } = await tx.execute<{ n: string }>(sql`SELECT nextval('public.booking_reference_seq')::text AS n`);
  return `RES-${parisYear(at)}-${rows[0].n.padStart(6, "0")}`;
}

/** Options of a resource (or all) that have lapsed by `now` become `expired`, freeing their slot. */
export async function lapseOptions(tx: WriteTx, now: Date, resourceId?: string) {
  return tx
    .update(bookings)
    .set({ state: "expired", reason: bookingTexts.optionLapsed, updatedAt: now, sequence: sql`${bookings.sequence} + 1` })
    .where(and(eq(bookings.state, "option"), lte(bookings.optionExpiresAt, now), resourceId ? eq(bookings.resourceId, resourceId) : undefined))
    .returning({ id: bookings.id, reference: bookings.reference });
}

/** The renter's own conditions: a lapsed insurance blocks an association; a machine needs training. */
export async function checkEligibility(tx: WriteTx, resource: Resource, renter: Renter, firstDay: string, lastDay: string) {
  if (resource.unavailableReason) throw new AppError("unprocessable", bookingTexts.unavailable(resource.unavailableReason));
  if (renter.kind === "association") {
    if (!renter.insuranceValidUntil) throw new AppError("unprocessable", bookingTexts.insuranceMissing);
    if (renter.insuranceValidUntil < lastDay) throw new AppError("unprocessable", bookingTexts.insuranceLapsed(renter.insuranceValidUntil));
  }
  if (resource.requiresTraining && !(await hasValidTraining(tx, resource.id, renter.id, firstDay, lastDay)))
    throw new AppError("unprocessable", bookingTexts.trainingRequired(resource.name));
}

/**
 * What to propose instead of a taken slot: the same resource at the same hour on nearby days, and
 * resources of the same kind (at least as large, bookable) free for the whole period asked.
 */
export async function alternatives(
  tx: WriteTx,
  resource: Resource,
  startsAt: Date,
  endsAt: Date,
  now: Date,
  quantity = 1,
): Promise<ConflictDetails["alternatives"]> {
  const horizon = 14 * 86_400_000;
  const around = await holdingBetween(tx, [resource.id], new Date(startsAt.getTime() - horizon), new Date(endsAt.getTime() + horizon));
  const stock = resource.quantity ?? 1;
  const blocking: Busy[] = resource.kind === "equipment" ? around.filter((b) => b.state === "blackout" || stock - b.quantity < quantity) : around;
  const slots = freeSlotsNear(startsAt, endsAt, blocking, now);
  const similar = (
    await tx
      .select()
      .from(resources)
      .where(and(eq(resources.kind, resource.kind), ne(resources.id, resource.id)))
  ).filter((r) => !r.unavailableReason && (resource.capacity == null || (r.capacity ?? 0) >= resource.capacity) && (r.quantity ?? 1) >= quantity);
  const taken = await holdingBetween(
    tx,
    similar.map((r) => r.id),
    startsAt,
    endsAt,
  );
  const free = similar.filter((r) => {
    const held = taken.filter((t) => t.resourceId === r.id);
    return r.kind === "equipment" ? held.reduce((s, t) => s + t.quantity, 0) + quantity <= (r.quantity ?? 0) : held.length === 0;
  });
  return { slots, resources: free.slice(0, 5).map((r) => ({ id: r.id, name: r.name, kind: r.kind, capacity: r.capacity })) };
}

async function conflictFor(db: Db, ctx: TrustedContext, resourceId: string, startsAt: Date, endsAt: Date, now: Date, quantity: number, detail?: string) {
  return db.withTenant(ctx.tenant.id, async (read) => {
    const tx = asWrite(read);
    const resource = await getResource(tx, resourceId);
    const held = await holdingBetween(tx, [resourceId], startsAt, endsAt);
    return new BookingConflict(detail ?? bookingTexts.slotTaken(resource.name), {
      conflicts: held.map((h) => ({ startsAt: h.startsAt.toISOString(), endsAt: h.endsAt.toISOString(), state: STATE_LABELS[h.state] })),
      alternatives: await alternatives(tx, resource, startsAt, endsAt, now, quantity),
    });
  });
}

/**
 * Inserts one booking in an open transaction, after the eligibility checks, the lapse of the
 * resource's expired options, the stock count for equipment (under the resource's row lock) and
 * the tariff in force. The exclusion constraint decides for exclusive resources.
 */
export async function insertBooking(
  tx: WriteTx,
  ctx: TrustedContext,
  resource: Resource,
  renter: Renter,
  input: Omit<BookingInput, "renterId" | "resourceId">,
  now: Date,
  seriesId?: string,
) {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const quantity = input.quantity ?? 1;
  const exclusive = EXCLUSIVE_KINDS.has(resource.kind);
  if (resource.kind !== "equipment" && quantity !== 1) throw invalid(undefined, [{ path: "body/quantity", message: bookingTexts.notExclusive }]);
  if (resource.kind === "equipment") {
    if (quantity > (resource.quantity ?? 0))
      throw invalid(undefined, [{ path: "body/quantity", message: bookingTexts.quantityOverStock(resource.quantity ?? 0) }]);
    // One loan of this stock at a time counts what is out: concurrent loans wait here, in turn.
    await tx.select({ id: resources.id }).from(resources).where(eq(resources.id, resource.id)).for("update");
    await lapseOptions(tx, now, resource.id);
    const held = await holdingBetween(tx, [resource.id], startsAt, endsAt);
    const out = held.some((h) => h.state === "blackout") ? (resource.quantity ?? 0) : maxOverlap(held, startsAt, endsAt);
    if (out + quantity > (resource.quantity ?? 0)) {
      const left = Math.max(0, (resource.quantity ?? 0) - out);
      throw new BookingConflict(bookingTexts.stockShort(resource.name, left), {
        conflicts: held.map((h) => ({ startsAt: h.startsAt.toISOString(), endsAt: h.endsAt.toISOString(), state: STATE_LABELS[h.state] })),
        alternatives: await alternatives(tx, resource, startsAt, endsAt, now, quantity),
      });
    }
  } else {
    await lapseOptions(tx, now, resource.id);
  }
  const line = await tariffFor(tx, resource.id, renter.kind, parisDay(startsAt));
  const [row] = await tx
    .insert(bookings)
    .values({
      tenantId: ctx.tenant.id,
      reference: await nextReference(tx, startsAt),
      resourceId: resource.id,
      renterId: renter.id,
      seriesId,
      state: input.state,
      exclusive,
      startsAt,
      endsAt,
      quantity,
      optionExpiresAt: input.state === "option" ? new Date(now.getTime() + resource.optionDays * 86_400_000) : null,
      purpose: input.purpose ?? "",
      dueCents: line ? dueCents(line, startsAt, endsAt, quantity) : null,
      tariffId: line?.id,
    })
    .returning();
  return row;
}

/**
 * The most units out at any instant of [from, to): loans that overlap the period but not each
 * other do not add up (a morning loan and an evening one share the stock).
 */
export function maxOverlap(held: ReadonlyArray<{ startsAt: Date; endsAt: Date; quantity: number }>, from: Date, to: Date): number {
  const points = [from, ...held.map((h) => h.startsAt).filter((s) => s > from && s < to)];
  return Math.max(0, ...points.map((p) => held.filter((h) => h.startsAt <= p && h.endsAt > p).reduce((s, h) => s + h.quantity, 0)));
}

function checkPeriod(startsAt: string, endsAt: string) {
  if (new Date(endsAt) <= new Date(startsAt)) throw invalid(undefined, [{ path: "body/endsAt", message: bookingTexts.periodOrder }]);
}

/** An agent books for a renter (option, request or straight confirmation). */
export async function createBooking({ db, ctx, input, now = new Date() }: Deps & { input: BookingInput }) {
  checkPeriod(input.startsAt, input.endsAt);
  try {
    return await db.write(ctx, async (tx, journal) => {
      const resource = await getResource(tx, input.resourceId);
      const [renter] = await tx.select().from(renters).where(eq(renters.id, input.renterId));
      if (!renter) throw notFound(bookingTexts.renterNotFound);
      await checkEligibility(tx, resource, renter, parisDay(input.startsAt), parisDay(new Date(new Date(input.endsAt).getTime() - 1)));
      const row = await insertBooking(tx, ctx, resource, renter, input, now);
      await journal({ action: "booking.create", target: `booking_bookings/${row.id}`, summary: { reference: row.reference, state: row.state } });
      return bookingOut(row, resource.name);
    });
  } catch (err) {
    if (isExclusionViolation(err)) throw await conflictFor(db, ctx, input.resourceId, new Date(input.startsAt), new Date(input.endsAt), now, 1);
    throw err;
  }
}

/** A signed-in person asks for a slot (an option, or a request to approve) as themself. */
export async function requestBooking({
  db,
  ctx,
  input,
  now = new Date(),
}: Deps & { input: Omit<BookingInput, "renterId" | "state"> & { state: "option" | "request"; renter: RenterInput } }) {
  checkPeriod(input.startsAt, input.endsAt);
  try {
    return await db.write(ctx, async (tx, journal) => {
      const resource = await getResource(tx, input.resourceId);
      const renter = await renterOfPerson(tx, ctx, input.renter);
      await checkEligibility(tx, resource, renter, parisDay(input.startsAt), parisDay(new Date(new Date(input.endsAt).getTime() - 1)));
      const row = await insertBooking(tx, ctx, resource, renter, input, now);
      await journal({ action: "booking.request", target: `booking_bookings/${row.id}`, summary: { reference: row.reference, state: row.state } });
      return bookingOut(row, resource.name);
    });
  } catch (err) {
    if (isExclusionViolation(err)) throw await conflictFor(db, ctx, input.resourceId, new Date(input.startsAt), new Date(input.endsAt), now, 1);
    throw err;
  }
}

const TRANSITIONS: Record<string, { from: readonly Booking["state"][]; to: Booking["state"] }> = {
  approve: { from: ["request"], to: "approved" },
  confirm: { from: ["option", "request", "approved"], to: "confirmed" },
  refuse: { from: ["option", "request"], to: "refused" },
  cancel: { from: ["option", "request", "approved", "confirmed"], to: "cancelled" },
  complete: { from: ["approved", "confirmed"], to: "completed" },
};
export const ACTIONS = Object.keys(TRANSITIONS) as [keyof typeof TRANSITIONS, ...string[]];

/** An agent's decision on a booking (validate, confirm, refuse, cancel, mark completed). */
export async function decide({ db, ctx, bookingId, action, reason, now = new Date() }: Deps & { bookingId: string; action: string; reason?: string }) {
  const t = TRANSITIONS[action];
  return db.write(ctx, async (tx, journal) => {
    const [b] = await tx.select().from(bookings).where(eq(bookings.id, bookingId)).for("update");
    if (!b) throw notFound(bookingTexts.bookingNotFound);
    if (b.state === "option" && b.optionExpiresAt && b.optionExpiresAt <= now) {
      await lapseOptions(tx, now, b.resourceId);
      await journal({ action: "booking.option.expire", target: `booking_bookings/${b.id}`, summary: { reference: b.reference } });
      throw conflict(bookingTexts.optionLapsed);
    }
    if (!t.from.includes(b.state)) throw conflict(bookingTexts.transition(STATE_LABELS[b.state], ACTION_LABELS[action]));
    const [row] = await tx
      .update(bookings)
      .set({ state: t.to, reason: reason ?? b.reason, optionExpiresAt: t.to === "option" ? b.optionExpiresAt : null, updatedAt: now, sequence: b.sequence + 1 })
      .where(eq(bookings.id, b.id))
      .returning();
    await journal({ action: `booking.${action}`, target: `booking_bookings/${b.id}`, summary: { reference: b.reference, from: b.state, to: t.to, reason } });
    return bookingOut(row);
  });
}

/** Bookings for the back office: by state (requests needing approval) and resource, by start. */
export async function listBookings({ db, ctx, query }: Deps & { query: { state?: Booking["state"]; resourceId?: string; from?: string; to?: string } }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const rows = await tx
      .select({ b: bookings, resourceName: resources.name, renterName: renters.name })
      .from(bookings)
      .innerJoin(resources, eq(resources.id, bookings.resourceId))
      .leftJoin(renters, eq(renters.id, bookings.renterId))
      .where(
        and(
          query.state ? eq(bookings.state, query.state) : undefined,
          query.resourceId ? eq(bookings.resourceId, query.resourceId) : undefined,
          query.from ? gt(bookings.endsAt, new Date(query.from)) : undefined,
          query.to ? lt(bookings.startsAt, new Date(query.to)) : undefined,
        ),
      )
      .orderBy(asc(bookings.startsAt))
      .limit(500);
    return rows.map((r) => ({ ...bookingOut(r.b, r.resourceName), renterName: r.renterName }));
  });
}

/** The signed-in person's own bookings. */
export async function myBookings({ db, ctx }: Deps) {
  const personId = ctx.actor.kind === "person" ? ctx.actor.id : null;
  if (!personId) return [];
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const rows = await tx
      .select({ b: bookings, resourceName: resources.name })
      .from(bookings)
      .innerJoin(resources, eq(resources.id, bookings.resourceId))
      .innerJoin(renters, eq(renters.id, bookings.renterId))
      .where(eq(renters.personId, personId))
      .orderBy(asc(bookings.startsAt))
      .limit(200);
    return rows.map((r) => bookingOut(r.b, r.resourceName));
  });
}
