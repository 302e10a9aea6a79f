/**
 * Bin checks (caractérisations) by field agents: grade, findings, an optional photo in the waste
 * Worker's R2 bucket. With the cameras' sorting events they make each premises' sorting-quality
 * history, and the information letter sent to it.
 */
import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { wasteBinChecks, wasteBins, wasteBinShares, wastePremises } from "@communa/db";
import { invalid, notFound, type Db, type TrustedContext } from "@communa/core";
import { m } from "../messages.fr.ts";
import { doc, findingLabel, gradeLabel } from "../documents.fr.ts";
import { rowsOf } from "./billing-data.ts";
import { writeOnce } from "./idempotency.ts";
import { PdfWriter } from "@communa/core/pdf";
import { personIdOf } from "./registry.ts";
import { parisFormat, parisMonth } from "@communa/core/time";

export const GRADES = ["A", "B", "C", "D"] as const;
export const FINDINGS = Object.keys(findingLabel);
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

type CheckRow = typeof wasteBinChecks.$inferSelect;
const view = (r: CheckRow) => ({
  id: r.id,
  binId: r.binId,
  checkedAt: r.checkedAt.toISOString(),
  grade: r.grade,
  findings: r.findings,
  note: r.note,
  hasPhoto: r.photoKey !== null,
});

export interface CheckInput {
  binId: string;
  checkedAt?: string;
  grade: (typeof GRADES)[number];
  findings?: string[];
  note?: string;
}

export async function recordCheck({ db, ctx, input, key }: { db: Db; ctx: TrustedContext; input: CheckInput; key?: string }) {
  const checkedAt = input.checkedAt ? new Date(input.checkedAt) : new Date();
  if (checkedAt.getTime() > Date.now() + 5 * 60_000) throw invalid(undefined, [{ path: "body/checkedAt", message: m.checkInFuture }]);
  return writeOnce(db, ctx, key, "check.record", async (tx, journal) => {
    const [bin] = await tx.select({ id: wasteBins.id }).from(wasteBins).where(eq(wasteBins.id, input.binId));
    if (!bin) throw notFound(m.noBin);
    const [row] = await tx
      .insert(wasteBinChecks)
      .values({
        tenantId: ctx.tenant.id,
        binId: input.binId,
        checkedAt,
        agentPersonId: personIdOf(ctx),
        grade: input.grade,
        findings: [...new Set(input.findings ?? [])],
        note: input.note?.trim() ?? "",
      })
      .returning();
    await journal({
      action: "waste.check.record",
      target: `waste_bin_checks/${row.id}`,
      summary: { binId: input.binId, grade: row.grade, findings: row.findings },
    });
    return view(row);
  });
}

const IMAGE_TYPES: Record<string, (b: Uint8Array) => boolean> = {
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/png": (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  "image/webp": (b) => b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45,
};

/** Stores (or replaces) a check's photo; the key depends on the check only, so a resend overwrites. */
export async function attachPhoto({
  db,
  ctx,
  bucket,
  checkId,
  type,
  bytes,
}: {
  db: Db;
  ctx: TrustedContext;
  bucket: R2Bucket | undefined;
  checkId: string;
  type: string;
  bytes: Uint8Array;
}) {
  if (!bucket) throw invalid(m.noBucket);
  const mime = type.split(";")[0].trim().toLowerCase();
  if (bytes.byteLength > MAX_PHOTO_BYTES) throw invalid(undefined, [{ path: "body", message: m.photoSize(MAX_PHOTO_BYTES) }]);
  if (!IMAGE_TYPES[mime]?.(bytes)) throw invalid(undefined, [{ path: "body", message: m.photoType }]);
  const [row] = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(wasteBinChecks).where(eq(wasteBinChecks.id, checkId)));
  if (!row) throw notFound(m.noCheck);
  const key = `${ctx.tenant.id}/checks/${checkId}`;
  await bucket.put(key, bytes, { httpMetadata: { contentType: mime } });
  return db.write(ctx, async (tx, journal) => {
    const [next] = await tx.update(wasteBinChecks).set({ photoKey: key }).where(eq(wasteBinChecks.id, checkId)).returning();
    await journal({ action: "waste.check.photo", target: `waste_bin_checks/${checkId}`, summary: { bytes: bytes.byteLength, type: mime } });
    return view(next);
  });
}

export async function checkPhoto({ db, ctx, bucket, checkId }: { db: Db; ctx: TrustedContext; bucket: R2Bucket | undefined; checkId: string }) {
  const [row] = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(wasteBinChecks).where(eq(wasteBinChecks.id, checkId)));
  if (!row) throw notFound(m.noCheck);
  const obj = row.photoKey && bucket ? await bucket.get(row.photoKey) : null;
  if (!obj) throw notFound(m.noPhoto);
  return obj;
}

export async function listChecks({ db, ctx, query }: { db: Db; ctx: TrustedContext; query: { binId?: string; limit: number } }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ check: wasteBinChecks, chipId: wasteBins.chipId, stream: wasteBins.stream })
      .from(wasteBinChecks)
      .innerJoin(wasteBins, eq(wasteBins.id, wasteBinChecks.binId))
      .where(query.binId ? eq(wasteBinChecks.binId, query.binId) : undefined)
      .orderBy(desc(wasteBinChecks.checkedAt))
      .limit(query.limit),
  );
  return rows.map((r) => ({ ...view(r.check), chipId: r.chipId, stream: r.stream }));
}

/** Bins of these premises (own and shared). */
async function binIdsOf(db: Db, ctx: TrustedContext, premisesId: string) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const own = await tx.select({ id: wasteBins.id }).from(wasteBins).where(eq(wasteBins.premisesId, premisesId));
    const shared = await tx.select({ id: wasteBinShares.binId }).from(wasteBinShares).where(eq(wasteBinShares.premisesId, premisesId));
    return [...new Set([...own, ...shared].map((b) => b.id))];
  });
}

/**
 * A premises' sorting-quality history since `since`: agents' checks and cameras' sorting events
 * (confidence ≥ 0.6: a doubtful detection is not held against a household), month by month.
 */
export async function sortingHistory({ db, ctx, premisesId, since }: { db: Db; ctx: TrustedContext; premisesId: string; since: string }) {
  const binIds = await binIdsOf(db, ctx, premisesId);
  if (!binIds.length) {
    // No bins: premises of this tenant without bins (an empty history), or no such premises here
    // (another tenant's, or none): 404, as the premises' other addresses answer (issue #25 probe).
    const [p] = await db.withTenant(ctx.tenant.id, (tx) => tx.select({ id: wastePremises.id }).from(wastePremises).where(eq(wastePremises.id, premisesId)));
    if (!p) throw notFound(m.noPremises);
    return { checks: [], events: [], months: [] };
  }
  const [checks, events] = await db.withTenant(ctx.tenant.id, (tx) =>
    Promise.all([
      tx
        .select()
        .from(wasteBinChecks)
        .where(and(inArray(wasteBinChecks.binId, binIds), gte(wasteBinChecks.checkedAt, new Date(since))))
        .orderBy(asc(wasteBinChecks.checkedAt)),
      tx.execute(sql`
        SELECT bin_id, observed_at, category, confidence FROM waste_sorting_events
         WHERE bin_id = ANY(${`{${binIds.join(",")}}`}::uuid[]) AND observed_at >= ${since}::timestamptz AND confidence >= 0.6
         ORDER BY observed_at`),
    ]),
  );
  const evs = rowsOf<{ bin_id: string; observed_at: string; category: string; confidence: number }>(events).map((e) => ({
    binId: e.bin_id,
    observedAt: new Date(e.observed_at).toISOString(),
    category: e.category,
    confidence: Number(e.confidence),
  }));
  const month = (iso: string) => parisMonth(iso);
  const months = new Map<string, { month: string; checks: number; worstGrade: string | null; errors: number }>();
  const at = (k: string) => months.get(k) ?? months.set(k, { month: k, checks: 0, worstGrade: null, errors: 0 }).get(k)!;
  for (const c of checks) {
    const mth = at(month(c.checkedAt.toISOString()));
    mth.checks++;
    if (!mth.worstGrade || c.grade > mth.worstGrade) mth.worstGrade = c.grade;
  }
  for (const e of evs) at(month(e.observedAt)).errors++;
  return { checks: checks.map(view), events: evs, months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)) };
}

/** The information letter to a premises about its sorting (PDF, printable). Journalled. */
export async function informationLetter({ db, ctx, premisesId, since }: { db: Db; ctx: TrustedContext; premisesId: string; since: string }) {
  const [p] = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(wastePremises).where(eq(wastePremises.id, premisesId)));
  if (!p) throw notFound(m.noPremises);
  const h = await sortingHistory({ db, ctx, premisesId, since });
  const date = parisFormat({ dateStyle: "long" });
  const w = await PdfWriter.create({ title: doc.letterTitle, subject: p.reference, author: ctx.tenant.name, creator: doc.creator, date: new Date() });
  w.text(ctx.tenant.name, { size: 9, color: [0.3, 0.3, 0.3] });
  w.text(`${p.address}, ${p.postcode}`, { after: 12 });
  w.text(doc.letterTitle, { size: 14, bold: true, after: 8 });
  w.text(doc.letterIntro(p.address), { after: 8 });
  w.text(doc.letterChecks, { bold: true });
  if (!h.checks.length) w.text(doc.letterNone, { indent: 12 });
  for (const c of h.checks) {
    const what = c.findings.map((f) => findingLabel[f] ?? f).join(", ");
    w.text(`${date.format(new Date(c.checkedAt))} : ${gradeLabel[c.grade as keyof typeof gradeLabel]}${what ? ` (${what})` : ""}`, { indent: 12, after: 0 });
  }
  w.text("", { after: 6 });
  w.text(doc.letterEvents, { bold: true });
  if (!h.events.length) w.text(doc.letterNone, { indent: 12 });
  for (const e of h.events) w.text(`${date.format(new Date(e.observedAt))} : ${findingLabel[e.category] ?? e.category}`, { indent: 12, after: 0 });
  w.text("", { after: 8 });
  w.text(doc.letterAdvice, { after: 8 });
  w.text(doc.letterClose);
  await db.write(ctx, (_tx, journal) => journal({ action: "waste.letter.print", target: `waste_premises/${premisesId}`, summary: { since } }));
  return w.bytes();
}
