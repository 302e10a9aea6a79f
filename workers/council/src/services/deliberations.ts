/**
 * Deliberations (issue #15 §2, after the sitting): each adopted act of a closed sitting gets its
 * number per tenant and per year (`2026-014`), its metadata for the prefecture (@ctes nature 1 =
 * délibération) and its place on the public list, which the CGCT asks within a week (L2121-25).
 * Numbered when the sitting is recorded (live/record.ts), in the same transaction.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { councilAgendaItems, councilDeliberations, councilSittings } from "@communa/db";
import { addDays, notFound, parisDay, type Db, type TrustedContext, type WriteTx } from "@communa/core";
import type { ItemType } from "@communa/contracts/council-rules";
import type { VoteResult } from "@communa/contracts/council";
import type { Minutes } from "../live/minutes-data.ts";
import { councilText, deliberationText } from "../messages.fr.ts";

/** @ctes nature of a council's act: 1 = délibération. */
export const NATURE_DELIBERATION = 1;
/** L2121-25: the list of deliberations is published within a week of the sitting. */
export const PUBLICATION_DAYS = 7;

/** The deciding vote of an item: the last proclaimed, if it adopted a motion or elected someone. */
export function decidingVote(votes: Minutes["items"][number]["votes"]): VoteResult | null {
  const last = votes.at(-1)?.result;
  if (!last) return null;
  if (last.type === "motion") return last.outcome === "adopted" ? last : null;
  return last.elected ? last : null;
}

/** Numbers the adopted acts of a sitting being recorded (inside record.ts's transaction). */
export async function numberDeliberations(tx: WriteTx, minutes: Minutes, startsAt: Date) {
  const adoptedOn = parisDay(startsAt);
  const year = Number(adoptedOn.slice(0, 4));
  // One numbering at a time per tenant and year (two sittings closing together wait for each other).
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`council_deliberations:${minutes.tenantId}:${year}`}, 0))`);
  const [{ last }] = await tx
    .select({ last: sql<number>`coalesce(max(${councilDeliberations.seq}), 0)::int` })
    .from(councilDeliberations)
    .where(and(eq(councilDeliberations.tenantId, minutes.tenantId), eq(councilDeliberations.year, year)));
  const types = new Map(
    (
      await tx
        .select({ id: councilAgendaItems.id, itemType: councilAgendaItems.itemType })
        .from(councilAgendaItems)
        .where(eq(councilAgendaItems.sittingId, minutes.sittingId))
    ).map((r) => [r.id, r.itemType]),
  );
  let seq = last;
  const rows = [];
  for (const item of [...minutes.items].sort((a, b) => a.position - b.position)) {
    const result = decidingVote(item.votes);
    if (!result || !types.has(item.id)) continue;
    seq++;
    rows.push({
      tenantId: minutes.tenantId,
      sittingId: minutes.sittingId,
      itemId: item.id,
      year,
      seq,
      number: `${year}-${String(seq).padStart(3, "0")}`,
      adoptedOn,
      subject: item.title,
      itemType: types.get(item.id)!,
      natureCode: NATURE_DELIBERATION,
      result,
    });
  }
  if (rows.length) await tx.insert(councilDeliberations).values(rows).onConflictDoNothing();
  return rows.length;
}

type Row = typeof councilDeliberations.$inferSelect;
const view = (r: Row, sittingTitle: string) => ({
  id: r.id,
  number: r.number,
  adoptedOn: r.adoptedOn,
  subject: r.subject,
  itemType: r.itemType as ItemType,
  natureCode: r.natureCode,
  sittingId: r.sittingId,
  sittingTitle,
  result: r.result as VoteResult,
  publishedAt: new Date(r.publishedAt).toISOString(),
  /** The last day of the week L2121-25 gives to publish the list. */
  publicationDue: addDays(r.adoptedOn, PUBLICATION_DAYS),
});

/** The public list of deliberations, newest first (optionally one year). */
export async function listDeliberations({ db, ctx, year }: { db: Db; ctx: TrustedContext; year?: number }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ d: councilDeliberations, title: councilSittings.title })
      .from(councilDeliberations)
      .innerJoin(councilSittings, eq(councilSittings.id, councilDeliberations.sittingId))
      .where(year ? eq(councilDeliberations.year, year) : undefined)
      .orderBy(desc(councilDeliberations.year), desc(councilDeliberations.seq), asc(councilDeliberations.id)),
  );
  return rows.map((r) => view(r.d, r.title));
}

/** One deliberation as a document ready for transmission: its metadata and its text. */
export async function getDeliberation({ db, ctx, id, collectivite }: { db: Db; ctx: TrustedContext; id: string; collectivite: string }) {
  const [r] = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ d: councilDeliberations, title: councilSittings.title, startsAt: councilSittings.startsAt })
      .from(councilDeliberations)
      .innerJoin(councilSittings, eq(councilSittings.id, councilDeliberations.sittingId))
      .where(eq(councilDeliberations.id, id))
      .limit(1),
  );
  if (!r) throw notFound(councilText.noDeliberation);
  const d = view(r.d, r.title);
  return {
    ...d,
    collectivite,
    natureLabel: deliberationText.nature[d.natureCode] ?? String(d.natureCode),
    text: deliberationText.document({ ...d, collectivite, startsAt: new Date(r.startsAt) }),
  };
}
