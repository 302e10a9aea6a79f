/**
 * Workshop sessions with places (repair café, machine training): registrations are counted under
 * the session's row lock, so the last place goes to one person; the next ones join the waiting list.
 */
import { and, asc, count, eq, gt } from "drizzle-orm";
import { schema } from "@communa/db";
import { conflict, invalid, notFound, type Db, type TrustedContext } from "@communa/core";
import { bookingTexts } from "../messages.fr.ts";
import { getResource, renterOfPerson, type RenterInput } from "./resources.ts";

const { bookingSessions: sessions, bookingRegistrations: registrations } = schema;
type Deps = { db: Db; ctx: TrustedContext; now?: Date };

export async function createSession({
  db,
  ctx,
  input,
}: Deps & { input: { resourceId: string; title: string; startsAt: string; endsAt: string; places: number } }) {
  if (new Date(input.endsAt) <= new Date(input.startsAt)) throw invalid(undefined, [{ path: "body/endsAt", message: bookingTexts.periodOrder }]);
  return db.write(ctx, async (tx, journal) => {
    await getResource(tx, input.resourceId);
    const [row] = await tx
      .insert(sessions)
      .values({
        tenantId: ctx.tenant.id,
        resourceId: input.resourceId,
        title: input.title,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        places: input.places,
      })
      .returning();
    await journal({ action: "booking.session.create", target: `booking_sessions/${row.id}`, summary: { title: row.title, places: row.places } });
    return {
      id: row.id,
      resourceId: row.resourceId,
      title: row.title,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      places: row.places,
      remaining: row.places,
      waiting: 0,
    };
  });
}

/** Coming sessions with their remaining places (public: counts, no names). */
export async function listSessions({ db, ctx, now = new Date() }: Deps) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const rows = await tx.select().from(sessions).where(gt(sessions.endsAt, now)).orderBy(asc(sessions.startsAt)).limit(200);
    const counts = await tx
      .select({ sessionId: registrations.sessionId, state: registrations.state, n: count() })
      .from(registrations)
      .groupBy(registrations.sessionId, registrations.state);
    const of = (id: string, state: string) => counts.find((c) => c.sessionId === id && c.state === state)?.n ?? 0;
    return rows.map((s) => ({
      id: s.id,
      resourceId: s.resourceId,
      title: s.title,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      places: s.places,
      remaining: Math.max(0, s.places - of(s.id, "registered")),
      waiting: of(s.id, "waiting"),
    }));
  });
}

/** A signed-in person takes a place, or a place on the waiting list once the session is full. */
export async function register({ db, ctx, sessionId, renter, now = new Date() }: Deps & { sessionId: string; renter: RenterInput }) {
  return db.write(ctx, async (tx, journal) => {
    const [s] = await tx.select().from(sessions).where(eq(sessions.id, sessionId)).for("update");
    if (!s) throw notFound(bookingTexts.sessionNotFound);
    if (s.endsAt <= now) throw conflict(bookingTexts.sessionEnded);
    const who = await renterOfPerson(tx, ctx, renter);
    const [mine] = await tx
      .select({ id: registrations.id })
      .from(registrations)
      .where(and(eq(registrations.sessionId, s.id), eq(registrations.renterId, who.id)));
    if (mine) throw conflict(bookingTexts.alreadyRegistered);
    const [{ n }] = await tx
      .select({ n: count() })
      .from(registrations)
      .where(and(eq(registrations.sessionId, s.id), eq(registrations.state, "registered")));
    const state: "registered" | "waiting" = n < s.places ? "registered" : "waiting";
    const [row] = await tx.insert(registrations).values({ tenantId: ctx.tenant.id, sessionId: s.id, renterId: who.id, state }).returning();
    let position: number | null = null;
    if (state === "waiting") {
      const [{ w }] = await tx
        .select({ w: count() })
        .from(registrations)
        .where(and(eq(registrations.sessionId, s.id), eq(registrations.state, "waiting")));
      position = w;
    }
    await journal({ action: "booking.session.register", target: `booking_registrations/${row.id}`, summary: { sessionId: s.id, state } });
    return { id: row.id, sessionId: s.id, state, position };
  });
}
