/**
 * The desk's network (issue #18): local partners (local operators offered in the accompaniment
 * form, libraries and collèges hosting sessions), the places where the desk receives with their
 * weekly slots (the desk itself, permanences in communes, social residences), and the partners'
 * sessions (an Educonnect evening) with residents' registrations: name and one contact, the
 * capacity enforced under a row lock (a full session answers 409), kept one month after the session.
 */
import { asc, count, eq, gte, sql } from "drizzle-orm";
import {
  franceServicesPartners as partners,
  franceServicesPlaces as places,
  franceServicesRegistrations as registrations,
  franceServicesSessions as sessions,
  type WeeklySlot,
} from "@communa/db";
import { conflict, invalid, notFound, rpcCall, type Db, type TrustedContext, type Tx } from "@communa/core";
import type { BookablePlace, FranceServicesCitizenService } from "@communa/contracts/rpc";
import { WEEKDAYS, type PARTNER_KINDS, type PLACE_KINDS } from "@communa/contracts/france-services";
import { m } from "../messages.fr.ts";
import { territoryCommunes } from "./territory.ts";

type PartnerInput = { name: string; kind: (typeof PARTNER_KINDS)[number]; active?: boolean };
type PlaceInput = {
  name: string;
  kind: (typeof PLACE_KINDS)[number];
  communeInsee: string;
  address: string;
  slots: WeeklySlot[];
  bookingPlaceId?: string | null;
  active?: boolean;
};
/** The citizen Worker's door (env.CITIZEN): where a permanence is booked. */
type Citizen = FranceServicesCitizenService;
type SessionInput = { partnerId: string; title: string; startsAt: string; minutes: number; capacity: number; address: string };

/** Weekly slots as an OSM opening_hours rule ("Mo 09:00-12:00; We 14:00-17:00,18:00-19:00"). */
export function openingHours(slots: readonly WeeklySlot[]): string {
  const days = new Map<number, string[]>();
  for (const s of [...slots].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)))
    days.set(s.weekday, [...(days.get(s.weekday) ?? []), `${s.start}-${s.end}`]);
  return [...days.entries()].map(([d, ranges]) => `${WEEKDAYS[d - 1]} ${ranges.join(",")}`).join("; ");
}

export async function listPartners(db: Db, ctx: TrustedContext) {
  return db.withTenant(ctx.tenant.id, (tx) =>
    tx.select({ id: partners.id, name: partners.name, kind: partners.kind, active: partners.active }).from(partners).orderBy(asc(partners.name)),
  );
}

export async function savePartner({ db, ctx, id, input }: { db: Db; ctx: TrustedContext; id?: string; input: PartnerInput }) {
  return db.write(ctx, async (tx, journal) => {
    const values = { name: input.name, kind: input.kind, active: input.active ?? true };
    const [row] = id
      ? await tx.update(partners).set(values).where(eq(partners.id, id)).returning()
      : await tx
          .insert(partners)
          .values({ ...values, tenantId: ctx.tenant.id })
          .returning();
    if (!row) throw notFound(m.partnerNotFound);
    await journal({ action: `france-services.partner.${id ? "update" : "create"}`, target: `france_services_partners/${row.id}`, summary: values });
    return { id: row.id, name: row.name, kind: row.kind, active: row.active };
  });
}

/** The appointment places (and their motifs) of the appointments module the rows point to. */
async function bookingOf(ctx: TrustedContext, citizen: Citizen | undefined, rows: Array<typeof places.$inferSelect>) {
  const ids = [...new Set(rows.map((p) => p.bookingPlaceId).filter((id): id is string => !!id))];
  if (!citizen || !ids.length) return new Map<string, BookablePlace>();
  return new Map((await rpcCall("citizen", () => citizen.bookablePlaces(ctx.tenant, ids))).map((p) => [p.id, p]));
}

/** The appointments module's places a permanence can point to, with what is bookable there. */
export async function bookingPlaces(ctx: TrustedContext, citizen: Citizen) {
  return rpcCall("citizen", () => citizen.bookablePlaces(ctx.tenant, null));
}

async function placeViews(db: Db, ctx: TrustedContext, rows: Array<typeof places.$inferSelect>, citizen?: Citizen, known?: Map<string, BookablePlace>) {
  const names = new Map((await territoryCommunes(db, ctx)).map((c) => [c.insee, c.name]));
  const booking = known ?? (await bookingOf(ctx, citizen, rows));
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    communeInsee: p.communeInsee,
    communeName: names.get(p.communeInsee) ?? null,
    address: p.address,
    slots: p.slots,
    openingHours: openingHours(p.slots),
    bookingPlaceId: p.bookingPlaceId,
    /** Online booking at this place: the appointments module's place and its motifs (null: walk in). */
    booking: (p.bookingPlaceId && booking.get(p.bookingPlaceId)) || null,
    active: p.active,
    updatedAt: p.updatedAt,
  }));
}

export async function listPlaces(db: Db, ctx: TrustedContext, { activeOnly = false, citizen }: { activeOnly?: boolean; citizen?: Citizen } = {}) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(places)
      .where(activeOnly ? eq(places.active, true) : undefined)
      .orderBy(sql`${places.kind} = 'accueil' DESC`, asc(places.name)),
  );
  return placeViews(db, ctx, rows, citizen);
}

export async function savePlace({ db, ctx, citizen, id, input }: { db: Db; ctx: TrustedContext; citizen: Citizen; id?: string; input: PlaceInput }) {
  const communes = await territoryCommunes(db, ctx);
  if (!communes.some((c) => c.insee === input.communeInsee)) throw invalid(undefined, [{ path: "body/communeInsee", message: m.fields.communeOutside }]);
  // The appointment place must be the tenant's own, in the appointments module (asked, not joined);
  // the answer is also what the saved place shows.
  const bookingPlaceId = input.bookingPlaceId;
  const booking = bookingPlaceId ? await rpcCall("citizen", () => citizen.bookablePlaces(ctx.tenant, [bookingPlaceId])) : [];
  if (bookingPlaceId && !booking.length) throw invalid(undefined, [{ path: "body/bookingPlaceId", message: m.fields.bookingPlace }]);
  const row = await db.write(ctx, async (tx, journal) => {
    const values = { ...input, bookingPlaceId: input.bookingPlaceId ?? null, active: input.active ?? true, updatedAt: new Date() };
    const [r] = id
      ? await tx.update(places).set(values).where(eq(places.id, id)).returning()
      : await tx
          .insert(places)
          .values({ ...values, tenantId: ctx.tenant.id })
          .returning();
    if (!r) throw notFound(m.placeNotFound);
    await journal({
      action: `france-services.place.${id ? "update" : "create"}`,
      target: `france_services_places/${r.id}`,
      summary: { name: r.name, kind: r.kind, bookingPlaceId: r.bookingPlaceId },
    });
    return r;
  });
  return (await placeViews(db, ctx, [row], citizen, new Map(booking.map((b) => [b.id, b]))))[0];
}

function sessionQuery(tx: Tx) {
  return tx
    .select({
      id: sessions.id,
      partnerId: sessions.partnerId,
      partnerName: partners.name,
      title: sessions.title,
      startsAt: sessions.startsAt,
      minutes: sessions.minutes,
      capacity: sessions.capacity,
      address: sessions.address,
      registered: sql<number>`(SELECT count(*)::int FROM ${registrations} WHERE ${registrations.sessionId} = ${sessions.id})`,
    })
    .from(sessions)
    .innerJoin(partners, eq(partners.id, sessions.partnerId));
}
const sessionView = (s: Awaited<ReturnType<typeof sessionQuery>>[number]) => ({ ...s, startsAt: s.startsAt.toISOString() });

/** Sessions, all (back office) or those still to come (public). */
export async function listSessions(db: Db, ctx: TrustedContext, { upcoming = false } = {}) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    sessionQuery(tx)
      .where(upcoming ? gte(sessions.startsAt, new Date()) : undefined)
      .orderBy(asc(sessions.startsAt)),
  );
  return rows.map(sessionView);
}

export async function createSession({ db, ctx, input }: { db: Db; ctx: TrustedContext; input: SessionInput }) {
  return db.write(ctx, async (tx, journal) => {
    const [p] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.id, input.partnerId));
    if (!p) throw invalid(undefined, [{ path: "body/partnerId", message: m.partnerNotFound }]);
    const [row] = await tx
      .insert(sessions)
      .values({ ...input, startsAt: new Date(input.startsAt), tenantId: ctx.tenant.id })
      .returning();
    await journal({
      action: "france-services.session.create",
      target: `france_services_sessions/${row.id}`,
      summary: { title: row.title, capacity: row.capacity },
    });
    const [view] = await sessionQuery(tx as unknown as Tx).where(eq(sessions.id, row.id));
    return sessionView(view);
  });
}

/** A session's registrations (name and contact), for the agent who welcomes them. */
export async function sessionRegistrations(db: Db, ctx: TrustedContext, sessionId: string) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const [s] = await sessionQuery(tx).where(eq(sessions.id, sessionId));
    if (!s) throw notFound(m.sessionNotFound);
    const rows = await tx
      .select({
        id: registrations.id,
        fullName: registrations.fullName,
        email: registrations.email,
        phone: registrations.phone,
        createdAt: registrations.createdAt,
      })
      .from(registrations)
      .where(eq(registrations.sessionId, sessionId))
      .orderBy(asc(registrations.createdAt));
    return { session: sessionView(s), registrations: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
  });
}

/** A resident registers (no account): refused when the session is past or full (409). */
export async function register({
  db,
  ctx,
  sessionId,
  input,
}: {
  db: Db;
  ctx: TrustedContext;
  sessionId: string;
  input: { fullName: string; email?: string | null; phone?: string | null };
}) {
  return db.write(ctx, async (tx, journal) => {
    // The row lock serialises concurrent registrations to one session: the count below is exact.
    const [s] = await tx.select().from(sessions).where(eq(sessions.id, sessionId)).for("update");
    if (!s) throw notFound(m.sessionNotFound);
    if (s.startsAt.getTime() < Date.now()) throw conflict(m.sessionPast);
    const [{ n }] = await tx.select({ n: count() }).from(registrations).where(eq(registrations.sessionId, sessionId));
    if (n >= s.capacity) throw conflict(m.sessionFull);
    const [row] = await tx
      .insert(registrations)
      .values({ tenantId: ctx.tenant.id, sessionId, fullName: input.fullName, email: input.email ?? null, phone: input.phone ?? null })
      .returning({ id: registrations.id });
    await journal({ action: "france-services.registration.create", target: `france_services_registrations/${row.id}`, summary: { session: sessionId } });
    return { id: row.id, sessionId, remaining: s.capacity - n - 1 };
  });
}
