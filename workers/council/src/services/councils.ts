/**
 * Councils, their members in office (mandates) and designated rooms. The composition of a council
 * is public (names, offices, communes, mandates); birth dates and accounts are not.
 */
import { and, asc, eq } from "drizzle-orm";
import { councilMembers, councilRooms, councils } from "@communa/db";
import { invalid, notFound, parisDay, rpcCall, type Db, type TrustedContext } from "@communa/core";
import type { CouncilIdentityService } from "@communa/contracts/rpc";
import { councilText, fieldErrors } from "../messages.fr.ts";

export interface CouncilInput {
  name: string;
  kind: "community" | "municipal";
}
export interface MemberInput {
  fullName: string;
  birthDate: string;
  office?: string;
  communeInsee?: string | null;
  personId?: string | null;
  /** Instead of `personId`: the e-mail address of the member's account in this collectivité. */
  accountEmail?: string | null;
  mandateStart: string;
  mandateEnd?: string | null;
  /** A suppléant (L5211-6): the titular whose seat they take when the titular is absent. */
  substituteForMemberId?: string | null;
}
export interface RoomInput {
  name: string;
  address: string;
  visioUrl?: string | null;
}

/** In office on `day` (YYYY-MM-DD): the mandate has started and not ended. */
export const inOffice = (m: { mandateStart: string; mandateEnd: string | null }, day: string) =>
  m.mandateStart <= day && (m.mandateEnd === null || m.mandateEnd >= day);

export async function createCouncil({ db, ctx, input }: { db: Db; ctx: TrustedContext; input: CouncilInput }) {
  return db.write(ctx, async (tx, journal) => {
    const [c] = await tx.insert(councils).values({ tenantId: ctx.tenant.id, name: input.name, kind: input.kind }).returning();
    await journal({ action: "council.council.create", target: `council_councils/${c.id}`, summary: { name: input.name, kind: input.kind } });
    return { id: c.id, name: c.name, kind: c.kind };
  });
}

export async function listCouncils({ db, ctx }: { db: Db; ctx: TrustedContext }) {
  return db.withTenant(ctx.tenant.id, (tx) =>
    tx.select({ id: councils.id, name: councils.name, kind: councils.kind }).from(councils).orderBy(asc(councils.name)),
  );
}

async function councilExists(db: Db, ctx: TrustedContext, councilId: string) {
  const [c] = await db.withTenant(ctx.tenant.id, (tx) => tx.select({ id: councils.id }).from(councils).where(eq(councils.id, councilId)).limit(1));
  if (!c) throw notFound(councilText.noCouncil);
}

export async function addMember({
  db,
  ctx,
  identity,
  councilId,
  input,
}: {
  db: Db;
  ctx: TrustedContext;
  /** Identity's door (people are identity's, ADR 0025). */
  identity: CouncilIdentityService;
  councilId: string;
  input: MemberInput;
}) {
  await councilExists(db, ctx, councilId);
  if (input.mandateEnd && input.mandateEnd < input.mandateStart)
    throw invalid(undefined, [{ path: "body/mandateEnd", message: councilText.mandateEndBeforeStart }]);
  let personId = input.personId ?? null;
  const picked = personId;
  if (picked) {
    // A person picked by id (the people picker) must have a role here too (identity's door: a yes or no).
    if (!(await rpcCall("identité", () => identity.isMember({ id: ctx.tenant.id }, picked))))
      throw invalid(undefined, [{ path: "body/personId", message: fieldErrors.personNotHere }]);
  }
  if (input.accountEmail) {
    // Only people with a role in this collectivité are found; identity answers their id, nothing else.
    const email = input.accountEmail.trim().toLowerCase();
    const p = await rpcCall("identité", () => identity.memberByEmail({ id: ctx.tenant.id }, email));
    if (!p) throw invalid(undefined, [{ path: "body/accountEmail", message: councilText.noAccount }]);
    personId = p.personId;
  }
  const commune = input.substituteForMemberId
    ? await checkSubstitute(db, ctx, councilId, input.substituteForMemberId, input.communeInsee ?? null)
    : (input.communeInsee ?? null);
  return db.write(ctx, async (tx, journal) => {
    const [m] = await tx
      .insert(councilMembers)
      .values({
        tenantId: ctx.tenant.id,
        councilId,
        fullName: input.fullName,
        birthDate: input.birthDate,
        office: input.office ?? "Conseiller",
        communeInsee: commune,
        personId,
        mandateStart: input.mandateStart,
        mandateEnd: input.mandateEnd ?? null,
        substituteForMemberId: input.substituteForMemberId ?? null,
      })
      .returning();
    await journal({
      action: "council.member.add",
      target: `council_members/${m.id}`,
      summary: { councilId, fullName: input.fullName, office: m.office, substituteFor: m.substituteForMemberId },
    });
    return publicMember(m);
  });
}

/**
 * L5211-6: only a commune with a single community councillor has a suppléant — in a community
 * council, for a titular member (not another suppléant) of a commune no other titular represents,
 * one suppléant each (the unique key says so too).
 */
async function checkSubstitute(db: Db, ctx: TrustedContext, councilId: string, titularId: string, communeInsee: string | null): Promise<string | null> {
  const field = "body/substituteForMemberId";
  const { council, rows } = await db.withTenant(ctx.tenant.id, async (tx) => ({
    council: (await tx.select({ kind: councils.kind }).from(councils).where(eq(councils.id, councilId)).limit(1))[0],
    rows: await tx.select().from(councilMembers).where(eq(councilMembers.councilId, councilId)),
  }));
  const titular = rows.find((r) => r.id === titularId);
  const refuse = (message: string) => {
    throw invalid(undefined, [{ path: field, message }]);
  };
  if (council?.kind !== "community") refuse(councilText.substituteCommunityOnly);
  if (!titular || titular.substituteForMemberId) refuse(councilText.substituteNeedsTitular);
  if (!titular!.communeInsee || (communeInsee && communeInsee !== titular!.communeInsee)) refuse(councilText.substituteSameCommune);
  const today = parisDay();
  const sameCommune = rows.filter((r) => !r.substituteForMemberId && r.communeInsee === titular!.communeInsee && inOffice(r, today));
  if (sameCommune.length > 1) refuse(councilText.substituteSingleCouncillor);
  if (rows.some((r) => r.substituteForMemberId === titularId)) refuse(councilText.substituteHasOne);
  return titular!.communeInsee;
}

export async function endMandate({ db, ctx, memberId, mandateEnd }: { db: Db; ctx: TrustedContext; memberId: string; mandateEnd: string }) {
  return db.write(ctx, async (tx, journal) => {
    const [m] = await tx.select().from(councilMembers).where(eq(councilMembers.id, memberId)).limit(1);
    if (!m) throw notFound(councilText.noMember);
    if (mandateEnd < m.mandateStart) throw invalid(undefined, [{ path: "body/mandateEnd", message: councilText.mandateEndBeforeStart }]);
    const [u] = await tx.update(councilMembers).set({ mandateEnd }).where(eq(councilMembers.id, memberId)).returning();
    await journal({ action: "council.member.end", target: `council_members/${m.id}`, summary: { mandateEnd } });
    return publicMember(u);
  });
}

const publicMember = (m: typeof councilMembers.$inferSelect) => ({
  id: m.id,
  fullName: m.fullName,
  office: m.office,
  communeInsee: m.communeInsee,
  mandateStart: m.mandateStart,
  mandateEnd: m.mandateEnd,
  substituteForMemberId: m.substituteForMemberId,
  // Today as the administration reads it: in Paris (at 00:30 in Paris, UTC still says yesterday).
  inOffice: inOffice(m, parisDay()),
});

export async function listMembers({ db, ctx, councilId }: { db: Db; ctx: TrustedContext; councilId: string }) {
  await councilExists(db, ctx, councilId);
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx.select().from(councilMembers).where(eq(councilMembers.councilId, councilId)).orderBy(asc(councilMembers.fullName)),
  );
  return rows.map(publicMember);
}

export async function addRoom({ db, ctx, councilId, input }: { db: Db; ctx: TrustedContext; councilId: string; input: RoomInput }) {
  await councilExists(db, ctx, councilId);
  return db.write(ctx, async (tx, journal) => {
    const [r] = await tx
      .insert(councilRooms)
      .values({ tenantId: ctx.tenant.id, councilId, name: input.name, address: input.address, visioUrl: input.visioUrl ?? null })
      .returning();
    await journal({ action: "council.room.add", target: `council_rooms/${r.id}`, summary: { name: input.name } });
    return { id: r.id, name: r.name, address: r.address, visioUrl: r.visioUrl };
  });
}

export async function listRooms({ db, ctx, councilId }: { db: Db; ctx: TrustedContext; councilId: string }) {
  await councilExists(db, ctx, councilId);
  return db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ id: councilRooms.id, name: councilRooms.name, address: councilRooms.address, visioUrl: councilRooms.visioUrl })
      .from(councilRooms)
      .where(and(eq(councilRooms.councilId, councilId)))
      .orderBy(asc(councilRooms.name)),
  );
}
