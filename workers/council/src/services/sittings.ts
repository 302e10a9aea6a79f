/**
 * Sittings: agenda, designated rooms, convocations with acknowledgement of receipt, proxies given
 * in advance; and the configuration the live room is set up with.
 */
import {
  ITEM_RULES,
  PROXY_RULE,
  clearDaysBetween,
  convocationRegime,
  convocationRuleOn,
  lastSendingDay,
  type ItemType,
} from "@communa/contracts/council-rules";
import { and, asc, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import { transferView } from "../minutes/archive.ts";
import {
  councilAgendaItems,
  councilMinutesTransfers,
  councilConvocations,
  councilMembers,
  councilProxies,
  councilRooms,
  councilSittingRooms,
  councilSittings,
  councils,
  communes,
  outbox,
} from "@communa/db";
import { AppError, conflict, forbidden, invalid, notFound, parisDay, rpcCall, type Db, type TrustedContext } from "@communa/core";
import type { CouncilIdentityService } from "@communa/contracts/rpc";
import type { SittingConfig } from "../live/config.ts";
import { inOffice } from "./councils.ts";
import { formatParis } from "@communa/core/time";
import { convocationText, councilText } from "../messages.fr.ts";
import type { VoteResult } from "@communa/contracts/council";

/** An item's vote as live/record.ts stores it when the sitting closes. */
type StoredResult = { voteId: string; round: number; kind: string; requesters: string[]; result: VoteResult };

export interface AgendaItemInput {
  title: string;
  rapporteurMemberId?: string | null;
  /** The item's type (`ITEM_RULES`); default: an ordinary deliberation. */
  type?: ItemType;
  documents?: Array<{ title: string; url: string }>;
  candidateIds?: string[];
}
export interface SittingInput {
  councilId: string;
  title: string;
  startsAt: string;
  roomIds: string[];
  presidentMemberId?: string | null;
  items: AgendaItemInput[];
  /** L2121-12: the "note explicative de synthèse" (text, or a link to the document). */
  synthesisNote?: string | null;
  synthesisNoteUrl?: string | null;
}

/** Convocation receipts are kept 6 years (see db/src/schema/council.ts). */
const RECEIPT_YEARS = 6;

export async function createSitting({ db, ctx, input }: { db: Db; ctx: TrustedContext; input: SittingInput }) {
  const { members, rooms } = await db.withTenant(ctx.tenant.id, async (tx) => {
    const [c] = await tx.select({ id: councils.id }).from(councils).where(eq(councils.id, input.councilId)).limit(1);
    if (!c) throw notFound(councilText.noCouncil);
    return {
      members: await tx.select({ id: councilMembers.id }).from(councilMembers).where(eq(councilMembers.councilId, input.councilId)),
      rooms: await tx.select({ id: councilRooms.id }).from(councilRooms).where(eq(councilRooms.councilId, input.councilId)),
    };
  });
  const memberIds = new Set(members.map((m) => m.id));
  const roomIds = new Set(rooms.map((r) => r.id));
  const errors: Array<{ path: string; message: string }> = [];
  input.roomIds.forEach((r, i) => roomIds.has(r) || errors.push({ path: `body/roomIds/${i}`, message: councilText.roomUnknown }));
  if (input.presidentMemberId && !memberIds.has(input.presidentMemberId)) errors.push({ path: "body/presidentMemberId", message: councilText.notAMember });
  input.items.forEach((it, i) => {
    if (it.rapporteurMemberId && !memberIds.has(it.rapporteurMemberId))
      errors.push({ path: `body/items/${i}/rapporteurMemberId`, message: councilText.notAMember });
    (it.candidateIds ?? []).forEach((c, j) => memberIds.has(c) || errors.push({ path: `body/items/${i}/candidateIds/${j}`, message: councilText.notAMember }));
    const rule = ITEM_RULES[it.type ?? "deliberation"];
    if (rule.kind === "appointment" && (it.candidateIds ?? []).length < 1)
      errors.push({ path: `body/items/${i}/candidateIds`, message: councilText.appointmentNeedsCandidate });
    // L5211-11-1: the secretariat cannot put on a multi-site sitting an item it may not vote.
    if (input.roomIds.length > 1 && !rule.multiSite) errors.push({ path: `body/items/${i}/type`, message: councilText.itemNotMultiSite });
  });
  if (errors.length) throw invalid(undefined, errors);
  return db.write(ctx, async (tx, journal) => {
    const [s] = await tx
      .insert(councilSittings)
      .values({
        tenantId: ctx.tenant.id,
        councilId: input.councilId,
        title: input.title,
        startsAt: new Date(input.startsAt),
        presidentMemberId: input.presidentMemberId ?? null,
        synthesisNote: input.synthesisNote ?? null,
        synthesisNoteUrl: input.synthesisNoteUrl ?? null,
      })
      .returning();
    await tx.insert(councilSittingRooms).values(input.roomIds.map((roomId) => ({ tenantId: ctx.tenant.id, sittingId: s.id, roomId })));
    if (input.items.length) {
      await tx.insert(councilAgendaItems).values(
        input.items.map((it, i) => ({
          tenantId: ctx.tenant.id,
          sittingId: s.id,
          position: i + 1,
          title: it.title,
          rapporteurMemberId: it.rapporteurMemberId ?? null,
          itemType: it.type ?? "deliberation",
          kind: ITEM_RULES[it.type ?? "deliberation"].kind,
          documents: it.documents ?? [],
          candidateIds: it.candidateIds ?? [],
        })),
      );
    }
    await journal({
      action: "council.sitting.create",
      target: `council_sittings/${s.id}`,
      summary: { title: input.title, startsAt: input.startsAt, items: input.items.length, rooms: input.roomIds.length },
    });
    return { id: s.id };
  });
}

export async function listSittings({ db, ctx, councilId }: { db: Db; ctx: TrustedContext; councilId?: string }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({
        id: councilSittings.id,
        councilId: councilSittings.councilId,
        title: councilSittings.title,
        startsAt: councilSittings.startsAt,
        status: councilSittings.status,
      })
      .from(councilSittings)
      .where(councilId ? eq(councilSittings.councilId, councilId) : undefined)
      .orderBy(asc(councilSittings.startsAt)),
  );
  return rows.map((r) => ({ ...r, startsAt: new Date(r.startsAt).toISOString() }));
}

/** A sitting as the public sees it; the web-conference links only for those who sit. */
export async function getSitting({
  db,
  ctx,
  sittingId,
  withVisio,
  withArchive = false,
}: {
  db: Db;
  ctx: TrustedContext;
  sittingId: string;
  withVisio: boolean;
  withArchive?: boolean;
}) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const [s] = await tx.select().from(councilSittings).where(eq(councilSittings.id, sittingId)).limit(1);
    if (!s) throw notFound(councilText.noSitting);
    const rooms = await tx
      .select({ id: councilRooms.id, name: councilRooms.name, address: councilRooms.address, visioUrl: councilRooms.visioUrl })
      .from(councilSittingRooms)
      .innerJoin(councilRooms, eq(councilRooms.id, councilSittingRooms.roomId))
      .where(eq(councilSittingRooms.sittingId, sittingId))
      .orderBy(asc(councilRooms.name));
    const items = await tx.select().from(councilAgendaItems).where(eq(councilAgendaItems.sittingId, sittingId)).orderBy(asc(councilAgendaItems.position));
    const names = new Map(
      (await tx.select({ id: councilMembers.id, fullName: councilMembers.fullName }).from(councilMembers).where(eq(councilMembers.councilId, s.councilId))).map(
        (m) => [m.id, m.fullName],
      ),
    );
    return {
      id: s.id,
      councilId: s.councilId,
      title: s.title,
      startsAt: new Date(s.startsAt).toISOString(),
      status: s.status,
      teleconference: rooms.length > 1,
      rooms: rooms.map((r) => ({ ...r, visioUrl: withVisio ? r.visioUrl : null })),
      items: items.map((i) => ({
        id: i.id,
        position: i.position,
        title: i.title,
        rapporteur: i.rapporteurMemberId ? (names.get(i.rapporteurMemberId) ?? null) : null,
        type: i.itemType,
        kind: i.kind,
        multiSite: ITEM_RULES[i.itemType].multiSite,
        documents: i.documents as Array<{ title: string; url: string }>,
        status: i.status,
        results: i.results as StoredResult[],
      })),
      synthesisNote: s.synthesisNote,
      synthesisNoteUrl: s.synthesisNoteUrl,
      convenedAt: s.convenedAt ? new Date(s.convenedAt).toISOString() : null,
      urgencyReason: s.urgencyReason,
      minutes: s.minutesSha256 ? { pdfSha256: s.minutesSha256, jsonSha256: s.minutesJsonSha256 } : null,
      // The secretariat follows the minutes' deposit in the archive (attempts, last error, references).
      ...(withArchive
        ? { archive: transferView((await tx.select().from(councilMinutesTransfers).where(eq(councilMinutesTransfers.sittingId, sittingId)).limit(1))[0]) }
        : {}),
    };
  });
}

async function loadSitting(db: Db, ctx: TrustedContext, sittingId: string) {
  const [s] = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(councilSittings).where(eq(councilSittings.id, sittingId)).limit(1));
  if (!s) throw notFound(councilText.noSitting);
  return s;
}

/**
 * The convocation regime of a sitting's council (L2121-11, L2121-12, L5211-1): a community council
 * is an EPCI's; a municipal council's population is its commune's (INSEE population totale, from
 * the territory's reference data). Unknown population: the stricter regime (`convocationRegime`).
 */
async function councilRegime(db: Db, ctx: TrustedContext, councilId: string, sentOn: string, urgency: boolean) {
  const [c] = await db.withTenant(ctx.tenant.id, (tx) => tx.select({ kind: councils.kind }).from(councils).where(eq(councils.id, councilId)).limit(1));
  const epci = c?.kind === "community" || ctx.tenant.kind === "epci";
  const insee = ctx.tenant.insee;
  const population =
    epci || !insee
      ? null
      : ((await db.reference((tx) => tx.select({ n: communes.populationTotal }).from(communes).where(eq(communes.insee, insee)).limit(1)))[0]?.n ?? null);
  const rule = convocationRuleOn(sentOn);
  return { rule, population, fromThresholdByLaw: epci, ...convocationRegime(rule, { epci, population }, urgency) };
}

/**
 * Checks the legal delay (clear days: neither the sending day nor the sitting's counts) and the
 * note of synthesis before anything is sent; too late → 422 naming the last allowed day.
 */
async function checkConvocation(db: Db, ctx: TrustedContext, s: typeof councilSittings.$inferSelect, urgencyReason: string | null) {
  const sentOn = parisDay(new Date());
  const sittingOn = parisDay(s.startsAt);
  const regime = await councilRegime(db, ctx, s.councilId, sentOn, urgencyReason !== null);
  const clear = clearDaysBetween(sentOn, sittingOn);
  if (clear < regime.clearDays) {
    const last = formatParis(`${lastSendingDay(sittingOn, regime.clearDays)}T12:00:00Z`, { dateStyle: "full" });
    throw new AppError("unprocessable", councilText.convocationTooLate(regime.clearDays, last, urgencyReason !== null, regime.rule.source));
  }
  if (regime.synthesisNoteRequired && !s.synthesisNote?.trim() && !s.synthesisNoteUrl)
    throw new AppError("unprocessable", councilText.synthesisNoteMissing(regime.population === null && !regime.fromThresholdByLaw));
  return { sentOn, clear, regime };
}

/**
 * Convenes every member in office on the sitting's day — and the suppléants (L5211-6: they
 * receive the convocations and their documents) — after checking the legal delay: a convocation
 * each, e-mailed when identity knows an address for the member's account (asked once, for the new
 * convocations only), with the agenda, the note of synthesis and, for a multi-site sitting, its
 * mention (L5211-11-1). Identity unreachable: nothing is convened (503), so a retry sends every e-mail.
 */
export async function convene({
  db,
  ctx,
  identity,
  sittingId,
  siteUrl,
  urgencyReason = null,
}: {
  db: Db;
  ctx: TrustedContext;
  /** Identity's door: the members' addresses (people are identity's, ADR 0025). */
  identity: CouncilIdentityService;
  sittingId: string;
  siteUrl?: string;
  /** Urgency (L2121-11, L2121-12): the delay shortens to one clear day; the reason is recorded. */
  urgencyReason?: string | null;
}) {
  const s = await loadSitting(db, ctx, sittingId);
  if (s.status === "closed") throw conflict(councilText.sittingClosed);
  const check = await checkConvocation(db, ctx, s, urgencyReason);
  const day = parisDay(s.startsAt);
  const { items, rooms } = await db.withTenant(ctx.tenant.id, async (tx) => ({
    items: await tx
      .select({ position: councilAgendaItems.position, title: councilAgendaItems.title })
      .from(councilAgendaItems)
      .where(eq(councilAgendaItems.sittingId, sittingId))
      .orderBy(asc(councilAgendaItems.position)),
    rooms: await tx
      .select({ name: councilRooms.name, address: councilRooms.address })
      .from(councilSittingRooms)
      .innerJoin(councilRooms, eq(councilRooms.id, councilSittingRooms.roomId))
      .where(eq(councilSittingRooms.sittingId, sittingId))
      .orderBy(asc(councilRooms.name)),
  }));
  return db.write(ctx, async (tx, journal) => {
    const all = (await tx.select({ m: councilMembers }).from(councilMembers).where(eq(councilMembers.councilId, s.councilId))).filter((r) =>
      inOffice(r.m, day),
    );
    const titulars = new Set(all.filter((r) => !r.m.substituteForMemberId).map((r) => r.m.id));
    const members = all.filter((r) => !r.m.substituteForMemberId || titulars.has(r.m.substituteForMemberId));
    const expiresAt = new Date(Date.now() + RECEIPT_YEARS * 365.25 * 86_400_000);
    const created = members.length
      ? await tx
          .insert(councilConvocations)
          .values(members.map((r) => ({ tenantId: ctx.tenant.id, sittingId, memberId: r.m.id, expiresAt })))
          .onConflictDoNothing()
          .returning({ memberId: councilConvocations.memberId })
      : [];
    const fresh = new Set(created.map((c) => c.memberId));
    const accounts = members.flatMap((r) => (fresh.has(r.m.id) && r.m.personId ? [r.m.personId] : []));
    const emails = accounts.length ? await rpcCall("identité", () => identity.memberEmails({ id: ctx.tenant.id }, accounts)) : [];
    const emailOf = new Map(emails.map((e) => [e.personId, e.email]));
    const body = convocationText({
      title: s.title,
      when: formatParis(s.startsAt, { dateStyle: "full", timeStyle: "short" }),
      rooms,
      items,
      note: s.synthesisNote,
      noteUrl: s.synthesisNoteUrl,
      urgencyReason,
      siteUrl,
    });
    for (const r of members) {
      const email = r.m.personId ? emailOf.get(r.m.personId) : undefined;
      if (!fresh.has(r.m.id) || !email) continue;
      await tx.insert(outbox).values({ tenantId: ctx.tenant.id, recipient: email, subject: `Convocation : ${s.title}`, body });
    }
    await tx
      .update(councilSittings)
      .set({
        ...(s.status === "planned" ? { status: "convened" as const } : {}),
        // The first sending is the one the delay is counted from; its urgency, if any, is the sitting's.
        ...(s.convenedAt ? {} : { convenedAt: new Date(), urgencyReason }),
        updatedAt: new Date(),
      })
      .where(eq(councilSittings.id, sittingId));
    await journal({
      action: "council.sitting.convene",
      target: `council_sittings/${sittingId}`,
      summary: { convened: created.length, clearDays: check.clear, required: check.regime.clearDays, urgency: urgencyReason !== null },
    });
    return { convened: created.length, total: members.length, clearDays: check.clear, requiredClearDays: check.regime.clearDays };
  });
}

export async function listConvocations({ db, ctx, sittingId }: { db: Db; ctx: TrustedContext; sittingId: string }) {
  await loadSitting(db, ctx, sittingId);
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({
        memberId: councilConvocations.memberId,
        fullName: councilMembers.fullName,
        sentAt: councilConvocations.sentAt,
        acknowledgedAt: councilConvocations.acknowledgedAt,
      })
      .from(councilConvocations)
      .innerJoin(councilMembers, eq(councilMembers.id, councilConvocations.memberId))
      .where(eq(councilConvocations.sittingId, sittingId))
      .orderBy(asc(councilMembers.fullName)),
  );
  return rows.map((r) => ({
    ...r,
    sentAt: new Date(r.sentAt).toISOString(),
    acknowledgedAt: r.acknowledgedAt ? new Date(r.acknowledgedAt).toISOString() : null,
  }));
}

/** The member behind the signed-in person, in the sitting's council (or null). */
export async function memberOf(db: Db, ctx: TrustedContext, councilId: string) {
  if (ctx.actor.kind !== "person") return null;
  const personId = ctx.actor.id;
  const [m] = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(councilMembers)
      .where(and(eq(councilMembers.councilId, councilId), eq(councilMembers.personId, personId)))
      .limit(1),
  );
  return m ?? null;
}

/** The convened member acknowledges receipt (timestamped once; later calls return the same time). */
export async function acknowledge({ db, ctx, sittingId }: { db: Db; ctx: TrustedContext; sittingId: string }) {
  const s = await loadSitting(db, ctx, sittingId);
  const member = await memberOf(db, ctx, s.councilId);
  if (!member) throw forbidden(councilText.youDoNotSit);
  return db.write(ctx, async (tx, journal) => {
    const [c] = await tx
      .update(councilConvocations)
      .set({ acknowledgedAt: sql`coalesce(${councilConvocations.acknowledgedAt}, now())` })
      .where(and(eq(councilConvocations.sittingId, sittingId), eq(councilConvocations.memberId, member.id)))
      .returning();
    if (!c) throw notFound(councilText.notConvened);
    await journal({ action: "council.convocation.acknowledge", target: `council_convocations/${c.id}` });
    return { sentAt: new Date(c.sentAt).toISOString(), acknowledgedAt: new Date(c.acknowledgedAt!).toISOString() };
  });
}

/**
 * A written proxy handed in before the sitting, valid for 1 to 3 consecutive sittings (L2121-20),
 * or more when given for an illness duly noted ("maladie dûment constatée").
 */
export async function giveProxy({
  db,
  ctx,
  sittingId,
  giverMemberId,
  holderMemberId,
  sittings,
  illness = false,
}: {
  db: Db;
  ctx: TrustedContext;
  sittingId: string;
  giverMemberId: string;
  holderMemberId: string;
  sittings: number;
  /** "Maladie dûment constatée": the proxy may exceed three consecutive sittings. */
  illness?: boolean;
}) {
  const max = illness ? PROXY_RULE.illnessMaxSittings : PROXY_RULE.maxConsecutiveSittings;
  if (sittings < 1 || sittings > max)
    throw invalid(undefined, [{ path: "body/sittings", message: illness ? councilText.proxyIllnessMax(max) : councilText.proxyThreeSittings }]);
  const s = await loadSitting(db, ctx, sittingId);
  if (s.status === "closed" || s.status === "live") throw conflict(councilText.proxyInRoom);
  if (giverMemberId === holderMemberId) throw invalid(undefined, [{ path: "body/holderMemberId", message: councilText.proxySelf }]);
  const current = await proxiesFor(db, ctx, s);
  if (current.some((p) => p.giverId === giverMemberId)) throw conflict(councilText.proxyGiverHasOne);
  if (current.some((p) => p.holderId === holderMemberId)) throw conflict(councilText.proxyHolderHasOne);
  return db.write(ctx, async (tx, journal) => {
    const found = await tx
      .select({ id: councilMembers.id })
      .from(councilMembers)
      .where(and(eq(councilMembers.councilId, s.councilId), inArray(councilMembers.id, [giverMemberId, holderMemberId])));
    if (found.length !== 2) throw invalid(undefined, [{ path: "body", message: councilText.proxyPairNotMembers }]);
    const [p] = await tx
      .insert(councilProxies)
      .values({ tenantId: ctx.tenant.id, councilId: s.councilId, giverMemberId, holderMemberId, firstSittingId: sittingId, sittings, illness })
      .returning();
    await journal({
      action: "council.proxy.give",
      target: `council_proxies/${p.id}`,
      summary: { sittingId, giverMemberId, holderMemberId, sittings, illness },
    });
    return { id: p.id, giverMemberId, holderMemberId, sittings, illness };
  });
}

export async function revokeProxy({ db, ctx, proxyId }: { db: Db; ctx: TrustedContext; proxyId: string }) {
  return db.write(ctx, async (tx, journal) => {
    const [p] = await tx
      .update(councilProxies)
      .set({ revokedAt: new Date() })
      .where(and(eq(councilProxies.id, proxyId), isNull(councilProxies.revokedAt)))
      .returning();
    if (!p) throw notFound(councilText.noProxy);
    await journal({ action: "council.proxy.revoke", target: `council_proxies/${p.id}` });
    return { id: p.id, revokedAt: new Date(p.revokedAt!).toISOString() };
  });
}

/**
 * Proxies that apply to a sitting: not revoked, given for a sitting of the same council no later
 * than this one, and this one within the `sittings` consecutive sittings they cover.
 */
export async function proxiesFor(db: Db, ctx: TrustedContext, s: { id: string; councilId: string; startsAt: Date | string }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const rows = await tx
      .select({
        id: councilProxies.id,
        giverId: councilProxies.giverMemberId,
        holderId: councilProxies.holderMemberId,
        sittings: councilProxies.sittings,
        firstStarts: councilSittings.startsAt,
      })
      .from(councilProxies)
      .innerJoin(councilSittings, eq(councilSittings.id, councilProxies.firstSittingId))
      .where(and(eq(councilProxies.councilId, s.councilId), isNull(councilProxies.revokedAt), lte(councilSittings.startsAt, new Date(s.startsAt))));
    const out: Array<{ id: string; giverId: string; holderId: string; sittings: number }> = [];
    for (const r of rows) {
      const [{ n }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(councilSittings)
        .where(
          and(
            eq(councilSittings.councilId, s.councilId),
            gte(councilSittings.startsAt, new Date(r.firstStarts)),
            lte(councilSittings.startsAt, new Date(s.startsAt)),
          ),
        );
      if (n <= r.sittings) out.push({ id: r.id, giverId: r.giverId, holderId: r.holderId, sittings: r.sittings });
    }
    return out;
  });
}

/** What the live room is set up with: members in office on the day, rooms, agenda, proxies. */
export async function liveConfig(db: Db, ctx: TrustedContext, sittingId: string): Promise<{ config: SittingConfig; councilId: string; status: string }> {
  const s = await loadSitting(db, ctx, sittingId);
  const day = parisDay(s.startsAt);
  const { members, rooms, items } = await db.withTenant(ctx.tenant.id, async (tx) => ({
    members: await tx.select().from(councilMembers).where(eq(councilMembers.councilId, s.councilId)).orderBy(asc(councilMembers.fullName)),
    rooms: await tx
      .select({ id: councilRooms.id, name: councilRooms.name, visioUrl: councilRooms.visioUrl })
      .from(councilSittingRooms)
      .innerJoin(councilRooms, eq(councilRooms.id, councilSittingRooms.roomId))
      .where(eq(councilSittingRooms.sittingId, sittingId))
      .orderBy(asc(councilRooms.name)),
    items: await tx.select().from(councilAgendaItems).where(eq(councilAgendaItems.sittingId, sittingId)).orderBy(asc(councilAgendaItems.position)),
  }));
  // Members in office in their own right; suppléants (L5211-6) of a titular in office apart.
  const seated = members.filter((m) => inOffice(m, day) && !m.substituteForMemberId);
  const byId = new Map(members.map((m) => [m.id, m]));
  const seatedIds = new Set(seated.map((m) => m.id));
  const substitutes = members.filter((m) => m.substituteForMemberId && inOffice(m, day) && seatedIds.has(m.substituteForMemberId));
  const proxies = (await proxiesFor(db, ctx, s)).filter((p) => seatedIds.has(p.giverId) && seatedIds.has(p.holderId));
  return {
    councilId: s.councilId,
    status: s.status,
    config: {
      sittingId,
      tenantId: ctx.tenant.id,
      title: s.title,
      members: seated.map((m) => ({ id: m.id, name: m.fullName, birthDate: m.birthDate, personId: m.personId })),
      substitutes: substitutes.map((m) => ({ id: m.id, name: m.fullName, personId: m.personId, forId: m.substituteForMemberId! })),
      presidentMemberId: s.presidentMemberId && seatedIds.has(s.presidentMemberId) ? s.presidentMemberId : null,
      rooms,
      items: items.map((i) => ({
        id: i.id,
        position: i.position,
        title: i.title,
        rapporteur: i.rapporteurMemberId ? (byId.get(i.rapporteurMemberId)?.fullName ?? null) : null,
        type: i.itemType,
        kind: ITEM_RULES[i.itemType].kind,
        candidates: i.candidateIds.flatMap((c) => (byId.has(c) ? [{ id: c, name: byId.get(c)!.fullName, birthDate: byId.get(c)!.birthDate }] : [])),
      })),
      proxies: proxies.map((p) => ({ giverId: p.giverId, holderId: p.holderId, sittings: p.sittings })),
      convocation: { sentAt: s.convenedAt ? new Date(s.convenedAt).toISOString() : null, urgencyReason: s.urgencyReason },
    },
  };
}

/** Marks the sitting live (its room is set up). */
export async function markLive({ db, ctx, sittingId }: { db: Db; ctx: TrustedContext; sittingId: string }) {
  return db.write(ctx, async (tx, journal) => {
    await tx
      .update(councilSittings)
      .set({ status: "live", updatedAt: new Date() })
      .where(and(eq(councilSittings.id, sittingId), inArray(councilSittings.status, ["planned", "convened"])));
    await journal({ action: "council.sitting.live", target: `council_sittings/${sittingId}` });
  });
}
