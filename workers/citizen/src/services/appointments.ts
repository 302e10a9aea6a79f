/**
 * Appointments: slots of a motif, booking (with or without an account), the signed link's cancel
 * and move, statuses, the agents' day. No double booking: the slot is re-checked inside the booking
 * transaction and the database's exclusion constraint (migration 0048) refuses a second hold of the
 * same agent's time; either way the caller gets a 409 naming the next free slots. An agent may book
 * over another appointment with an explicit « surbooking », journalled as such.
 */
import { and, asc, eq, gt, gte, inArray, lt } from "drizzle-orm";
import {
  APPOINTMENT_HOLDING_STATES,
  citizenAbsences,
  citizenAgents,
  citizenAppointments,
  citizenCalendarMessages,
  citizenClosures,
  citizenMotifs,
  citizenOpeningRules,
  citizenPlaces,
  citizenServices,
  outbox,
} from "@communa/db";
import { AppError, sqlState, uuidv7, conflict, forbidden, invalid, notFound, type Db, type TrustedContext, type Tx, type WriteTx } from "@communa/core";
import { invitationIcs } from "@communa/core/ics";
import { addDays, formatParis, parisDay } from "@communa/core/time";
import { m } from "../messages.fr.ts";
import { closedDays } from "./holidays.ts";
import { linkKey, signAppointment, verifyAppointment } from "./links.ts";
import { computeSlots, heldRange, withinDelays, type Busy, type Slot } from "./slots.ts";
import { motifOf } from "./catalogue.ts";

type Ctx = { db: Db; ctx: TrustedContext };
type Reader = Tx;
type Motif = typeof citizenMotifs.$inferSelect;
type Appointment = typeof citizenAppointments.$inferSelect;

/** The 409 of a slot taken: the problem, plus the next free slots to offer instead. */
export class SlotTaken extends AppError {
  constructor(readonly nextSlots: PublicSlot[]) {
    super("conflict", m.slotTaken);
  }
}

export type PublicSlot = { start: string; end: string; placeId: string };
const publicSlot = (s: Slot): PublicSlot => ({ start: s.start, end: s.end, placeId: s.placeId });

/** Rules, busy ranges and closed days for a motif's service between two Paris days. */
async function availability(tx: Reader, ctx: TrustedContext, motif: Motif, from: string, to: string, except?: string) {
  const rules = await tx
    .select({
      agentId: citizenOpeningRules.agentId,
      placeId: citizenOpeningRules.placeId,
      weekday: citizenOpeningRules.weekday,
      startMinute: citizenOpeningRules.startMinute,
      endMinute: citizenOpeningRules.endMinute,
      validFrom: citizenOpeningRules.validFrom,
      validUntil: citizenOpeningRules.validUntil,
    })
    .from(citizenOpeningRules)
    .innerJoin(citizenAgents, eq(citizenAgents.id, citizenOpeningRules.agentId))
    .where(and(eq(citizenAgents.serviceId, motif.serviceId), eq(citizenOpeningRules.tenantId, ctx.tenant.id)));
  const agentIds = [...new Set(rules.map((r) => r.agentId))];
  const lo = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000);
  const hi = new Date(Date.parse(`${to}T00:00:00Z`) + 2 * 86_400_000);
  const busy: Busy[] = [];
  if (agentIds.length) {
    const held = await tx
      .select({ id: citizenAppointments.id, agentId: citizenAppointments.agentId, from: citizenAppointments.heldFrom, until: citizenAppointments.heldUntil })
      .from(citizenAppointments)
      .where(
        and(
          inArray(citizenAppointments.agentId, agentIds),
          inArray(citizenAppointments.status, [...APPOINTMENT_HOLDING_STATES]),
          lt(citizenAppointments.heldFrom, hi),
          gt(citizenAppointments.heldUntil, lo),
        ),
      );
    for (const h of held) if (h.id !== except) busy.push({ agentId: h.agentId, from: new Date(h.from).getTime(), until: new Date(h.until).getTime() });
    const absent = await tx
      .select({ agentId: citizenAbsences.agentId, from: citizenAbsences.startsAt, until: citizenAbsences.endsAt })
      .from(citizenAbsences)
      .where(and(inArray(citizenAbsences.agentId, agentIds), lt(citizenAbsences.startsAt, hi), gt(citizenAbsences.endsAt, lo)));
    for (const a of absent) busy.push({ agentId: a.agentId, from: new Date(a.from).getTime(), until: new Date(a.until).getTime() });
  }
  const exceptions = await tx
    .select({ day: citizenClosures.day, kind: citizenClosures.kind })
    .from(citizenClosures)
    .where(and(eq(citizenClosures.tenantId, ctx.tenant.id), gte(citizenClosures.day, from), lt(citizenClosures.day, addDays(to, 1))));
  return { rules, busy, closed: closedDays(from, to, exceptions) };
}

async function slotsOf(tx: Reader, ctx: TrustedContext, motif: Motif, from: string, to: string, now: number, placeId?: string, except?: string) {
  const a = await availability(tx, ctx, motif, from, to, except);
  return computeSlots({ motif, ...a, from, to, now, placeId });
}

/** Bookable slots of a motif between two Paris days (at most 31 days at a time). */
export async function searchSlots({ db, ctx, motifId, from, to, now = Date.now() }: Ctx & { motifId: string; from: string; to: string; now?: number }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const motif = await motifOf(tx, ctx, motifId);
    return (await slotsOf(tx, ctx, motif, from, to, now)).map(publicSlot);
  });
}

/** The next `n` free slots from now (what a 409 offers). */
async function nextFree({ db, ctx }: Ctx, motifId: string, from: number, now: number, n = 5) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const motif = await motifOf(tx, ctx, motifId);
    const day = parisDay(from);
    return (await slotsOf(tx, ctx, motif, day, addDays(day, 31), now))
      .filter((s) => Date.parse(s.start) >= from)
      .slice(0, n)
      .map(publicSlot);
  });
}

export interface BookingInput {
  motifId: string;
  start: string;
  placeId: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  communeInsee: string;
  accepted?: boolean;
}

/** The exclusion constraint on (agent, time range) refused the row (SQLSTATE 23P01). */
const isExclusion = (e: unknown): boolean => sqlState(e) === "23P01";

function checkContact(motif: Motif, input: Pick<BookingInput, "email" | "phone" | "accepted">) {
  if (motif.locationType === "phone" && !input.phone) throw invalid(undefined, [{ path: "body/phone", message: m.phoneNeeded }]);
  if (!input.email && !input.phone) throw invalid(undefined, [{ path: "body/email", message: m.contactNeeded }]);
  if (motif.acceptText && !input.accepted) throw invalid(undefined, [{ path: "body/accepted", message: m.acceptNeeded }]);
}

/** Where, as the mail and the .ics say it (no personal data). */
async function placeText(tx: Reader | WriteTx, motif: Motif, placeId: string) {
  const [p] = await (tx as Reader).select().from(citizenPlaces).where(eq(citizenPlaces.id, placeId));
  return motif.locationType === "desk" ? m.where.desk(p.name, p.address) : m.where[motif.locationType]();
}

const when = (d: Date | string) => formatParis(d, { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });

/**
 * The mail of a booking, move or cancellation, with its .ics kept beside it (citizen_calendar_messages):
 * to the resident's e-mail; none for a discreet motif or a resident who gave only a phone number
 * (SMS comes later, issue #17).
 */
async function notify(
  tx: WriteTx,
  ctx: TrustedContext,
  a: Appointment,
  motif: Motif,
  method: "REQUEST" | "CANCEL",
  kind: "booked" | "moved" | "cancelled",
  manage: string,
) {
  const [svc] = await tx.select().from(citizenServices).where(eq(citizenServices.id, motif.serviceId));
  const where = await placeText(tx, motif, a.placeId);
  const summary = motif.discreet ? `${m.discreetMotif} — ${ctx.tenant.name}` : `${motif.name} — ${svc.name}`;
  const ics = invitationIcs({
    product: "rendez-vous",
    method,
    uid: `${a.id}@communa`,
    sequence: a.sequence,
    start: new Date(a.startsAt),
    end: new Date(a.endsAt),
    stamp: new Date(),
    summary,
    location: where,
    description: [a.visioUrl ? m.icsVisio(a.visioUrl) : null, motif.instructions].filter(Boolean).join("\n"),
    url: a.visioUrl,
    organizer: { name: svc.name, email: svc.contactEmail ?? `ne-pas-repondre@${ctx.tenant.slug}.invalid` },
    attendee: { name: a.name, email: a.email },
  });
  let outboxId: string | null = null;
  if (a.email && !motif.discreet) {
    const label = motif.name;
    const subject =
      kind === "cancelled"
        ? m.mailCancelSubject(label)
        : kind === "moved"
          ? m.mailMovedSubject(label, when(a.startsAt))
          : m.mailSubject(label, when(a.startsAt));
    const body =
      kind === "cancelled"
        ? m.mailCancelBody(a.name, label, when(a.startsAt))
        : m.mailBody({ name: a.name, motif: label, when: when(a.startsAt), where, manage, instructions: motif.instructions, visio: a.visioUrl });
    // The id is made here: the outbox is identity's, ours to insert into, not to read back.
    outboxId = uuidv7();
    await tx.insert(outbox).values({ id: outboxId, tenantId: ctx.tenant.id, recipient: a.email, subject, body });
  }
  await tx.insert(citizenCalendarMessages).values({ tenantId: ctx.tenant.id, appointmentId: a.id, method, sequence: a.sequence, ics, outboxId });
}

const manageUrl = (ctx: TrustedContext, id: string, sig: string) =>
  `${ctx.siteUrl ?? `/${ctx.tenant.slug}`}/rendez-vous/gerer/?rdv=${encodeURIComponent(id)}&cle=${encodeURIComponent(sig)}`;

const visioUrl = (motif: Motif, id: string) =>
  motif.locationType === "visio" && motif.visioPattern ? motif.visioPattern.replace("{id}", id.replace(/-/g, "")) : null;

/**
 * Books a slot. `overbook` (agents only, checked by the route's permission): the named agent takes
 * the appointment even over another one; journalled as « surbooking ».
 */
export async function book({
  db,
  ctx,
  input,
  now = Date.now(),
  overbook,
  channel = "online",
}: Ctx & { input: BookingInput; now?: number; overbook?: { agentId: string }; channel?: "online" | "phone" | "desk" }) {
  const start = Date.parse(input.start);
  try {
    return await db.write(ctx, async (tx, journal) => {
      const motif = await motifOf(tx as unknown as Reader, ctx, input.motifId);
      const isAgent = ctx.actor.kind !== "anonymous" && ctx.actor.permissions.includes("citizen:write");
      if ((motif.bookableBy === "agents" || overbook) && !isAgent) throw forbidden(m.agentsOnly);
      checkContact(motif, input);
      const day = parisDay(start);
      let agentId: string;
      if (overbook) {
        const [a] = await tx.select({ id: citizenAgents.id }).from(citizenAgents).where(eq(citizenAgents.id, overbook.agentId));
        if (!a) throw invalid(undefined, [{ path: "body/agentId", message: m.noAgent }]);
        // Places are 'shared' (the EPCI's are visible here): the place must be this tenant's own.
        const [p] = await tx
          .select({ id: citizenPlaces.id })
          .from(citizenPlaces)
          .where(and(eq(citizenPlaces.id, input.placeId), eq(citizenPlaces.tenantId, ctx.tenant.id)));
        if (!p) throw invalid(undefined, [{ path: "body/placeId", message: m.noPlace }]);
        agentId = a.id;
      } else {
        // Re-checked here, inside the transaction, with the same rule the slot list used.
        const slot = (await slotsOf(tx as unknown as Reader, ctx, motif, day, day, now, input.placeId)).find((s) => Date.parse(s.start) === start);
        if (!slot) {
          const a = await availability(tx as unknown as Reader, ctx, motif, day, day);
          const shown = computeSlots({ motif, ...a, busy: [], from: day, to: day, now, placeId: input.placeId }).some((s) => Date.parse(s.start) === start);
          if (!shown || !withinDelays(motif, start, now)) throw invalid(undefined, [{ path: "body/start", message: m.slotUnavailable }]);
          throw conflict(m.slotTaken);
        }
        agentId = slot.agentIds[0];
      }
      const held = heldRange(motif, start);
      const id = crypto.randomUUID();
      const [a] = await tx
        .insert(citizenAppointments)
        .values({
          id,
          tenantId: ctx.tenant.id,
          motifId: motif.id,
          agentId,
          placeId: input.placeId,
          startsAt: new Date(start),
          endsAt: new Date(start + motif.durationMinutes * 60_000),
          heldFrom: new Date(held.from),
          heldUntil: new Date(held.until),
          overbooked: Boolean(overbook),
          name: input.name,
          email: input.email ?? null,
          phone: input.phone ?? null,
          communeInsee: input.communeInsee,
          personId: ctx.actor.kind === "person" && !overbook && channel === "online" && isUuid(ctx.actor.id) ? ctx.actor.id : null,
          channel,
          visioUrl: visioUrl(motif, id),
        })
        .returning();
      const sig = await signAppointment(await linkKey(tx, ctx.tenant.id), a.id);
      const manage = manageUrl(ctx, a.id, sig);
      await notify(tx, ctx, a, motif, "REQUEST", "booked", manage);
      await journal({
        action: overbook ? "citizen.appointment.overbook" : "citizen.appointment.book",
        target: `citizen_appointments/${a.id}`,
        summary: { motif: motif.id, start: a.startsAt, agent: agentId, channel, ...(overbook ? { surbooking: true } : {}) },
      });
      return { ...view(a), manageUrl: manage, signature: sig };
    });
  } catch (e) {
    if (isExclusion(e) || (e instanceof AppError && e.kind === "conflict" && !(e instanceof SlotTaken)))
      throw new SlotTaken(await nextFree({ db, ctx }, input.motifId, start, now));
    throw e;
  }
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export function view(a: Appointment) {
  return {
    id: a.id,
    motifId: a.motifId,
    placeId: a.placeId,
    start: new Date(a.startsAt).toISOString(),
    end: new Date(a.endsAt).toISOString(),
    status: a.status,
    sequence: a.sequence,
    visioUrl: a.visioUrl,
    overbooked: a.overbooked,
  };
}

async function byLink(tx: Reader | WriteTx, ctx: TrustedContext, id: string, sig: string) {
  if (!isUuid(id) || !(await verifyAppointment(tx, ctx.tenant.id, id, sig))) throw notFound(m.badLink);
  const [a] = await (tx as Reader).select().from(citizenAppointments).where(eq(citizenAppointments.id, id));
  if (!a) throw notFound(m.badLink);
  const motif = await motifOf(tx as Reader, ctx, a.motifId);
  return { a, motif };
}

/** What the manage page shows, and the .ics messages sent so far. */
export async function getByLink({ db, ctx, id, sig }: Ctx & { id: string; sig: string }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const { a, motif } = await byLink(tx, ctx, id, sig);
    const where = await placeText(tx, motif, a.placeId);
    const messages = await tx
      .select({ method: citizenCalendarMessages.method, sequence: citizenCalendarMessages.sequence, ics: citizenCalendarMessages.ics })
      .from(citizenCalendarMessages)
      .where(eq(citizenCalendarMessages.appointmentId, a.id))
      .orderBy(asc(citizenCalendarMessages.sequence), asc(citizenCalendarMessages.createdAt));
    return {
      ...view(a),
      motif: motif.name,
      where,
      name: a.name,
      changeWindowHours: motif.changeWindowHours,
      ics: messages.at(-1)?.ics ?? null,
      messages: messages.length,
    };
  });
}

function checkWindow(motif: Motif, a: Appointment, now: number) {
  if (a.status !== "booked") throw conflict(m.notActive);
  if (new Date(a.startsAt).getTime() - now < motif.changeWindowHours * 3_600_000) throw conflict(m.tooLate(motif.changeWindowHours));
}

export async function cancelByLink({ db, ctx, id, sig, now = Date.now() }: Ctx & { id: string; sig: string; now?: number }) {
  return db.write(ctx, async (tx, journal) => {
    const { a, motif } = await byLink(tx, ctx, id, sig);
    checkWindow(motif, a, now);
    const [u] = await tx
      .update(citizenAppointments)
      .set({ status: "cancelled", sequence: a.sequence + 1, updatedAt: new Date() })
      .where(eq(citizenAppointments.id, a.id))
      .returning();
    await notify(tx, ctx, u, motif, "CANCEL", "cancelled", manageUrl(ctx, a.id, sig));
    await journal({ action: "citizen.appointment.cancel", target: `citizen_appointments/${a.id}`, summary: { by: "lien signé" } });
    return view(u);
  });
}

export async function moveByLink({ db, ctx, id, sig, start: startText, now = Date.now() }: Ctx & { id: string; sig: string; start: string; now?: number }) {
  const start = Date.parse(startText);
  let motifId = "";
  try {
    return await db.write(ctx, async (tx, journal) => {
      const { a, motif } = await byLink(tx, ctx, id, sig);
      motifId = motif.id;
      checkWindow(motif, a, now);
      const day = parisDay(start);
      const slot = (await slotsOf(tx as unknown as Reader, ctx, motif, day, day, now, a.placeId, a.id)).find((s) => Date.parse(s.start) === start);
      if (!slot) throw conflict(m.slotTaken);
      const agentId = slot.agentIds.includes(a.agentId) ? a.agentId : slot.agentIds[0];
      const held = heldRange(motif, start);
      const [u] = await tx
        .update(citizenAppointments)
        .set({
          agentId,
          startsAt: new Date(start),
          endsAt: new Date(start + motif.durationMinutes * 60_000),
          heldFrom: new Date(held.from),
          heldUntil: new Date(held.until),
          sequence: a.sequence + 1,
          updatedAt: new Date(),
        })
        .where(eq(citizenAppointments.id, a.id))
        .returning();
      await notify(tx, ctx, u, motif, "REQUEST", "moved", manageUrl(ctx, a.id, sig));
      await journal({
        action: "citizen.appointment.move",
        target: `citizen_appointments/${a.id}`,
        summary: { from: a.startsAt, to: u.startsAt, by: "lien signé" },
      });
      return view(u);
    });
  } catch (e) {
    if (motifId && (isExclusion(e) || (e instanceof AppError && e.kind === "conflict" && e.message === m.slotTaken)))
      throw new SlotTaken(await nextFree({ db, ctx }, motifId, start, now));
    throw e;
  }
}

/** An agent records what happened: seen, excused, no-show, or revokes the appointment. */
export async function setStatus({ db, ctx, id, status }: Ctx & { id: string; status: "seen" | "excused" | "no_show" | "revoked" }) {
  return db.write(ctx, async (tx, journal) => {
    const [a] = await tx.select().from(citizenAppointments).where(eq(citizenAppointments.id, id));
    if (!a) throw notFound(m.noAppointment);
    if (a.status === "cancelled" || a.status === "revoked") throw conflict(m.notActive);
    const [u] = await tx.update(citizenAppointments).set({ status, updatedAt: new Date() }).where(eq(citizenAppointments.id, id)).returning();
    await journal({ action: "citizen.appointment.status", target: `citizen_appointments/${id}`, summary: { from: a.status, to: status } });
    return view(u);
  });
}

/**
 * The agents' day (Paris day): every appointment with its agent and motif, and for the caller, if
 * they are one of the agents, their next visio appointment (the banner).
 */
export async function dayView({ db, ctx, day, now = Date.now() }: Ctx & { day: string; now?: number }) {
  const from = new Date(`${day}T00:00:00Z`).getTime() - 3 * 3_600_000;
  const to = from + 30 * 3_600_000;
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const rows = await tx
      .select({
        a: citizenAppointments,
        agent: citizenAgents.displayName,
        agentPerson: citizenAgents.personId,
        motif: citizenMotifs.name,
        locationType: citizenMotifs.locationType,
        place: citizenPlaces.name,
      })
      .from(citizenAppointments)
      .innerJoin(citizenAgents, eq(citizenAgents.id, citizenAppointments.agentId))
      .innerJoin(citizenMotifs, eq(citizenMotifs.id, citizenAppointments.motifId))
      .innerJoin(citizenPlaces, eq(citizenPlaces.id, citizenAppointments.placeId))
      .where(and(gte(citizenAppointments.startsAt, new Date(from)), lt(citizenAppointments.startsAt, new Date(to))))
      .orderBy(asc(citizenAppointments.startsAt));
    const inDay = rows.filter((r) => parisDay(r.a.startsAt) === day);
    const me = ctx.actor.kind === "person" ? ctx.actor.id : null;
    const next = inDay.find((r) => r.a.status === "booked" && r.locationType === "visio" && r.agentPerson === me && new Date(r.a.endsAt).getTime() > now);
    return {
      day,
      appointments: inDay.map((r) => ({
        ...view(r.a),
        name: r.a.name,
        phone: r.a.phone,
        agent: r.agent,
        motif: r.motif,
        locationType: r.locationType,
        place: r.place,
      })),
      nextVisio: next
        ? {
            id: next.a.id,
            start: new Date(next.a.startsAt).toISOString(),
            time: formatParis(next.a.startsAt, { hour: "2-digit", minute: "2-digit" }),
            visioUrl: next.a.visioUrl,
          }
        : null,
    };
  });
}
