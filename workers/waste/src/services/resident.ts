/**
 * The resident's view (citizen:self): only the premises linked to the signed-in person, their bins,
 * this year's lifts, sorting feedback, the estimated incentive part, and their statements.
 * Nothing about other households: a shared bin shows its lifts and this premises' share only.
 */
import { desc, eq, inArray, sql } from "drizzle-orm";
import { wasteBillingLines, wasteBillingRuns, wastePremises } from "@communa/db";
import { notFound, parisYear, type Db, type TrustedContext } from "@communa/core";
import { m } from "../messages.fr.ts";
import { computeBilling } from "./billing-core.ts";
import { loadBillingInputs, rowsOf, yearStart } from "./billing-data.ts";
import { sortingHistory } from "./checks.ts";
import { residentInterventions } from "./interventions.ts";
import { binsOfPremises, personIdOf } from "./registry.ts";
import { findTariff } from "./tariffs.ts";

/** The premises linked to the caller (none for a caller who is not a known person). */
export async function myPremisesIds(db: Db, ctx: TrustedContext): Promise<string[]> {
  const me = personIdOf(ctx);
  if (!me) return [];
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx.select({ id: wastePremises.id }).from(wastePremises).where(eq(wastePremises.occupantPersonId, me)),
  );
  return rows.map((r) => r.id);
}

export async function assertMine(db: Db, ctx: TrustedContext, premisesId: string) {
  if (!(await myPremisesIds(db, ctx)).includes(premisesId)) throw notFound(m.notYourPremises);
}

export async function residentOverview({ db, ctx }: { db: Db; ctx: TrustedContext }) {
  const ids = await myPremisesIds(db, ctx);
  if (!ids.length) return { year: parisYear(), premises: [] };
  const year = parisYear();
  const [premises, bins, interventions] = await Promise.all([
    db.withTenant(ctx.tenant.id, (tx) => tx.select().from(wastePremises).where(inArray(wastePremises.id, ids))),
    binsOfPremises(db, ctx, ids),
    residentInterventions(db, ctx, ids),
  ]);
  const binIds = [...new Set(bins.map((b) => b.id))];
  const liftRows = binIds.length
    ? await db.withTenant(ctx.tenant.id, async (tx) =>
        rowsOf<{ bin_id: string; lifts: number; last: string | null }>(
          await tx.execute(sql`
            SELECT bin_id, count(*)::int AS lifts, max(lifted_at) AS last FROM waste_lifts
             WHERE bin_id = ANY(${`{${binIds.join(",")}}`}::uuid[]) AND lifted_at >= ${yearStart(year)}
             GROUP BY bin_id`),
        ),
      )
    : [];
  const liftsByBin = new Map(liftRows.map((r) => [r.bin_id, r]));
  // The estimate: this year's lifts so far at next year's tariff (or the latest one voted).
  const tariff = await findTariff(db, ctx, year + 1, true);
  const estimate = tariff
    ? computeBilling({
        tariff: { ...tariff, year: year + 1 },
        ...(await loadBillingInputs(db, ctx, year + 1, { premisesIds: ids, period: { from: year, to: year + 1 } })),
      })
    : null;
  const statements = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({
        runId: wasteBillingRuns.id,
        year: wasteBillingRuns.year,
        premisesId: wasteBillingLines.premisesId,
        fixedCents: wasteBillingLines.fixedCents,
        incentiveCents: wasteBillingLines.incentiveCents,
        createdAt: wasteBillingRuns.createdAt,
      })
      .from(wasteBillingLines)
      .innerJoin(wasteBillingRuns, eq(wasteBillingRuns.id, wasteBillingLines.runId))
      .where(inArray(wasteBillingLines.premisesId, ids))
      .orderBy(desc(wasteBillingRuns.createdAt)),
  );
  const since = `${year - 1}-01-01T00:00:00+01:00`;
  const out = [];
  for (const p of premises.sort((a, b) => a.reference.localeCompare(b.reference))) {
    const history = await sortingHistory({ db, ctx, premisesId: p.id, since });
    const line = estimate?.lines.find((l) => l.premisesId === p.id);
    // The latest run of each year only (a year may have been billed again after a correction).
    const seen = new Set<number>();
    out.push({
      id: p.id,
      reference: p.reference,
      address: p.address,
      postcode: p.postcode,
      bins: bins
        .filter((b) => b.premisesIds.includes(p.id))
        .map((b) => ({
          id: b.id,
          chipId: b.chipId,
          stream: b.stream,
          volumeLitres: b.volumeLitres,
          status: b.status,
          collective: b.collective,
          sharedWith: b.collective ? b.premisesIds.length - 1 : 0,
          liftsThisYear: Number(liftsByBin.get(b.id)?.lifts ?? 0),
          lastLift: liftsByBin.get(b.id)?.last ? new Date(liftsByBin.get(b.id)!.last!).toISOString() : null,
        })),
      sorting: {
        months: history.months,
        checks: history.checks.map((c) => ({ checkedAt: c.checkedAt, grade: c.grade, findings: c.findings })),
        events: history.events.map((e) => ({ observedAt: e.observedAt, category: e.category })),
      },
      estimate:
        line && tariff
          ? {
              taxYear: year + 1,
              tariffYear: tariff.year,
              basis: tariff.basis,
              regime: tariff.regime,
              incentiveCents: line.incentiveCents,
              fixedCents: line.fixedCents,
              exempt: line.exempt,
              streams: line.streams,
            }
          : null,
      statements: statements
        .filter((s) => s.premisesId === p.id && !seen.has(s.year) && seen.add(s.year))
        .map((s) => ({ runId: s.runId, year: s.year, totalCents: s.fixedCents + s.incentiveCents })),
    });
  }
  return { year, premises: out, interventions };
}
