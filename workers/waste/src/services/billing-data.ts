/**
 * What billing reads from the database: the premises liable on 1 January of the tax year, the bins
 * with the premises they belong to or are shared by, and each bin's lifts over a period
 * (year N-1 for a bill; this year so far for a resident's estimate). Year bounds in Paris time.
 */
import { and, gte, inArray, isNull, or, sql } from "drizzle-orm";
import { wasteBins, wasteBinShares, wastePremises } from "@communa/db";
import type { Db, TrustedContext } from "@communa/core";
import type { BinInput, BinUsage, PremisesInput, Stream } from "./billing-core.ts";

/** Paris midnight on 1 January of `year`, as an ISO instant. */
export const yearStart = (year: number) => sql`make_timestamptz(${year}::int, 1, 1, 0, 0, 0, 'Europe/Paris')`;

/** Rows of a raw query, whichever driver ran it. */
export const rowsOf = <T>(res: unknown): T[] => (Array.isArray(res) ? res : ((res as { rows: T[] }).rows ?? [])) as T[];

/**
 * Inputs of a billing for tax `year` (lifts of year − 1), or for `premisesIds` only (with every
 * premises sharing their collective bins, since the split needs them). `period` overrides the lifts' period.
 */
export async function loadBillingInputs(
  db: Db,
  ctx: TrustedContext,
  year: number,
  opts: { premisesIds?: string[]; period?: { from: number; to: number } } = {},
) {
  const from = opts.period?.from ?? year - 1;
  const to = opts.period?.to ?? year;
  return db.withTenant(ctx.tenant.id, async (tx) => {
    let premisesFilter = opts.premisesIds;
    if (premisesFilter) {
      const shares = await tx.select().from(wasteBinShares).where(inArray(wasteBinShares.premisesId, premisesFilter));
      const partners = shares.length
        ? await tx
            .select()
            .from(wasteBinShares)
            .where(
              inArray(
                wasteBinShares.binId,
                shares.map((s) => s.binId),
              ),
            )
        : [];
      premisesFilter = [...new Set([...premisesFilter, ...partners.map((p) => p.premisesId)])];
    }
    const liable = or(isNull(wastePremises.closedAt), gte(wastePremises.closedAt, `${year}-01-01`))!;
    const premisesRows = await tx
      .select({ id: wastePremises.id, rentalValueCents: wastePremises.rentalValueCents, firstOccupiedYear: wastePremises.firstOccupiedYear })
      .from(wastePremises)
      .where(premisesFilter ? and(liable, inArray(wastePremises.id, premisesFilter)) : liable);
    const ids = premisesRows.map((p) => p.id);
    if (!ids.length) return { premises: [] as PremisesInput[], bins: [] as BinInput[], usage: [] as BinUsage[] };
    const own = await tx
      .select({ id: wasteBins.id, stream: wasteBins.stream, volumeLitres: wasteBins.volumeLitres, premisesId: wasteBins.premisesId, chipId: wasteBins.chipId })
      .from(wasteBins)
      .where(premisesFilter ? inArray(wasteBins.premisesId, ids) : sql`${wasteBins.premisesId} IS NOT NULL`);
    const shared = await tx
      .select({
        id: wasteBins.id,
        stream: wasteBins.stream,
        volumeLitres: wasteBins.volumeLitres,
        premisesId: wasteBinShares.premisesId,
        chipId: wasteBins.chipId,
      })
      .from(wasteBinShares)
      .innerJoin(wasteBins, sql`${wasteBins.id} = ${wasteBinShares.binId}`)
      .where(premisesFilter ? inArray(wasteBinShares.premisesId, ids) : undefined);
    const bins = new Map<string, BinInput>();
    for (const b of [...own, ...shared]) {
      const bin = bins.get(b.id) ?? { id: b.id, stream: b.stream as Stream, volumeLitres: b.volumeLitres, premisesIds: [], chipId: b.chipId };
      bin.premisesIds.push(b.premisesId!);
      bins.set(b.id, bin);
    }
    const binIds = [...bins.keys()];
    const usage = binIds.length
      ? rowsOf<{ bin_id: string; lifts: number; grams: string | number; unweighed: number }>(
          await tx.execute(sql`
            SELECT bin_id, count(*)::int AS lifts,
                   coalesce(sum(round(weight_kg * 1000)) FILTER (WHERE weight_kg IS NOT NULL), 0)::bigint AS grams,
                   count(*) FILTER (WHERE weight_kg IS NULL)::int AS unweighed
              FROM waste_lifts
             WHERE bin_id = ANY(${`{${binIds.join(",")}}`}::uuid[])
               AND lifted_at >= ${yearStart(from)} AND lifted_at < ${yearStart(to)}
             GROUP BY bin_id`),
        ).map((r) => ({ binId: r.bin_id, lifts: Number(r.lifts), weighedGrams: Number(r.grams), unweighed: Number(r.unweighed) }))
      : [];
    return { premises: premisesRows as PremisesInput[], bins: [...bins.values()], usage };
  });
}

/** The lifts counted for some bins over tax year `year`'s reference period (the statement lists them). */
export async function liftsOf(db: Db, ctx: TrustedContext, binIds: string[], from: number, to: number) {
  if (!binIds.length) return [];
  return db.withTenant(ctx.tenant.id, async (tx) =>
    rowsOf<{ bin_id: string; lifted_at: string; weight_kg: string | null; truck: string; round: string }>(
      await tx.execute(sql`
        SELECT bin_id, lifted_at, weight_kg, truck, round FROM waste_lifts
         WHERE bin_id = ANY(${`{${binIds.join(",")}}`}::uuid[])
           AND lifted_at >= ${yearStart(from)} AND lifted_at < ${yearStart(to)}
         ORDER BY lifted_at, id`),
    ).map((r) => ({
      binId: r.bin_id,
      liftedAt: new Date(r.lifted_at).toISOString(),
      weightKg: r.weight_kg === null ? null : Number(r.weight_kg),
      truck: r.truck,
      round: r.round,
    })),
  );
}
