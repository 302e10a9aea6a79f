/**
 * Billing runs: the year's tariff applied to the registry and year N-1's lifts, frozen in a run
 * (totals, the 10–45 % check, one line per premises with what explains it); a premises' statement
 * with the lifts counted; the tax role (CSV) for the tax office, or the fee list under REOMi.
 */
import { and, asc, desc, eq } from "drizzle-orm";
import { wasteBillingLines, wasteBillingRuns, wastePremises } from "@communa/db";
import { AppError, notFound, type Db, type TrustedContext } from "@communa/core";
import { m } from "../messages.fr.ts";
import { computeBilling, type BillLine, type Stream } from "./billing-core.ts";
import { liftsOf, loadBillingInputs } from "./billing-data.ts";
import { actorName } from "./registry.ts";
import { getTariff, percent } from "./tariffs.ts";
import { toCsv } from "@communa/core/csv";

const runView = (r: typeof wasteBillingRuns.$inferSelect) => ({
  id: r.id,
  year: r.year,
  fixedTotalCents: r.fixedTotalCents,
  incentiveTotalCents: r.incentiveTotalCents,
  incentiveShareMillionths: r.incentiveShareMillionths,
  shareWithinLimits: r.shareWithinLimits,
  premisesCount: r.premisesCount,
  createdAt: r.createdAt.toISOString(),
  derogation: r.derogationDeliberation && r.derogationVotedOn ? { deliberation: r.derogationDeliberation, votedOn: r.derogationVotedOn } : null,
  warning: r.shareWithinLimits ? null : m.shareWarning(percent(r.incentiveShareMillionths)),
});

export interface Derogation {
  deliberation: string;
  votedOn: string;
}

/**
 * Computes and freezes the bills of tax `year`. An incentive share outside 10–45 % (CGI art. 1522
 * bis) is refused unless the agent records the deliberation that decides otherwise (`derogation`,
 * kept on the run); a derogation for a share within the limits is refused too, so that none is
 * recorded for nothing. The database holds the same rule (waste_billing_runs_share_or_derogation).
 */
export async function runBilling({ db, ctx, year, derogation }: { db: Db; ctx: TrustedContext; year: number; derogation?: Derogation }) {
  const tariff = await getTariff(db, ctx, year);
  const data = await loadBillingInputs(db, ctx, year);
  const result = computeBilling({ tariff, ...data });
  const pct = percent(result.check.shareMillionths);
  if (!result.check.withinLimits && !derogation)
    throw new AppError("unprocessable", m.shareRefused(pct), { errors: [{ path: "body/derogation", message: m.shareRefused(pct) }] });
  if (result.check.withinLimits && derogation)
    throw new AppError("unprocessable", m.derogationWithin(pct), { errors: [{ path: "body/derogation", message: m.derogationWithin(pct) }] });
  const run = await db.write(ctx, async (tx, journal) => {
    const [r] = await tx
      .insert(wasteBillingRuns)
      .values({
        tenantId: ctx.tenant.id,
        year,
        tariffId: tariff.id,
        fixedTotalCents: result.check.fixedTotalCents,
        incentiveTotalCents: result.check.incentiveTotalCents,
        incentiveShareMillionths: result.check.shareMillionths,
        shareWithinLimits: result.check.withinLimits,
        derogationDeliberation: derogation?.deliberation ?? null,
        derogationVotedOn: derogation?.votedOn ?? null,
        premisesCount: result.lines.length,
        byActor: actorName(ctx),
      })
      .returning();
    for (let i = 0; i < result.lines.length; i += 500) {
      await tx.insert(wasteBillingLines).values(
        result.lines.slice(i, i + 500).map((l) => ({
          tenantId: ctx.tenant.id,
          runId: r.id,
          premisesId: l.premisesId,
          fixedCents: l.fixedCents,
          incentiveCents: l.incentiveCents,
          exempt: l.exempt,
          details: { bins: l.bins, streams: l.streams },
        })),
      );
    }
    await journal({
      action: "waste.billing.run",
      target: `waste_billing_runs/${r.id}`,
      summary: { year, premises: result.lines.length, ...result.check, derogation: derogation ?? null },
    });
    return r;
  });
  return runView(run);
}

export async function listRuns({ db, ctx }: { db: Db; ctx: TrustedContext }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(wasteBillingRuns).orderBy(desc(wasteBillingRuns.createdAt)).limit(50));
  return rows.map(runView);
}

async function runOf(db: Db, ctx: TrustedContext, runId: string) {
  const [run] = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(wasteBillingRuns).where(eq(wasteBillingRuns.id, runId)));
  if (!run) throw notFound(m.noRun);
  return run;
}

/** A run's lines with each premises' reference and address (agents' list, and the tax role). */
export async function runLines({
  db,
  ctx,
  runId,
  limit = 100_000,
  offset = 0,
}: {
  db: Db;
  ctx: TrustedContext;
  runId: string;
  limit?: number;
  offset?: number;
}) {
  const run = await runOf(db, ctx, runId);
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ line: wasteBillingLines, premises: wastePremises })
      .from(wasteBillingLines)
      .innerJoin(wastePremises, eq(wastePremises.id, wasteBillingLines.premisesId))
      .where(eq(wasteBillingLines.runId, runId))
      .orderBy(asc(wastePremises.communeInsee), asc(wastePremises.reference))
      .limit(limit)
      .offset(offset),
  );
  return {
    run: runView(run),
    lines: rows.map(({ line, premises }) => ({
      premisesId: premises.id,
      reference: premises.reference,
      invariant: premises.invariant,
      address: premises.address,
      communeInsee: premises.communeInsee,
      rentalValueCents: premises.rentalValueCents,
      fixedCents: line.fixedCents,
      incentiveCents: line.incentiveCents,
      exempt: line.exempt,
    })),
  };
}

export interface Statement {
  year: number;
  regime: "teomi" | "reomi";
  basis: "lifts" | "volume" | "weight";
  tenantName: string;
  premises: { reference: string; address: string; postcode: string; communeInsee: string; rentalValueCents: number; invariant: string | null };
  line: Pick<BillLine, "fixedCents" | "incentiveCents" | "exempt" | "bins" | "streams">;
  fixedRateMillionths: number | null;
  unitPrices: Partial<Record<Stream, number>>;
  lifts: Array<{ binId: string; liftedAt: string; weightKg: number | null; truck: string; round: string }>;
  shareWarning: string | null;
}

/** One premises' statement: its line, the tariff, and every lift counted. Journalled (fiscal data). */
export async function statement({
  db,
  ctx,
  runId,
  premisesId,
  ownerOnly,
}: {
  db: Db;
  ctx: TrustedContext;
  runId: string;
  premisesId: string;
  ownerOnly?: string;
}): Promise<Statement> {
  const run = await runOf(db, ctx, runId);
  const [row] = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ line: wasteBillingLines, premises: wastePremises })
      .from(wasteBillingLines)
      .innerJoin(wastePremises, eq(wastePremises.id, wasteBillingLines.premisesId))
      .where(and(eq(wasteBillingLines.runId, runId), eq(wasteBillingLines.premisesId, premisesId))),
  );
  if (!row || (ownerOnly !== undefined && row.premises.occupantPersonId !== ownerOnly)) throw notFound(m.noLine);
  const tariff = await getTariff(db, ctx, run.year);
  const details = row.line.details as Pick<BillLine, "bins" | "streams">;
  const lifts = await liftsOf(db, ctx, [...new Set(details.bins.map((b) => b.binId))], run.year - 1, run.year);
  await db.write(ctx, (_tx, journal) =>
    journal({ action: "waste.statement.read", target: `waste_premises/${premisesId}`, summary: { runId, year: run.year } }),
  );
  const p = row.premises;
  return {
    year: run.year,
    regime: tariff.regime,
    basis: tariff.basis,
    tenantName: ctx.tenant.name,
    premises: {
      reference: p.reference,
      address: p.address,
      postcode: p.postcode,
      communeInsee: p.communeInsee,
      rentalValueCents: p.rentalValueCents,
      invariant: p.invariant,
    },
    line: { fixedCents: row.line.fixedCents, incentiveCents: row.line.incentiveCents, exempt: row.line.exempt, ...details },
    fixedRateMillionths: tariff.fixedRateMillionths ?? null,
    unitPrices: tariff.rates,
    lifts,
    shareWarning: run.shareWithinLimits ? null : m.shareWarning(percent(run.incentiveShareMillionths)),
  };
}

const decimal = (cents: number) => `${Math.trunc(cents / 100)},${String(Math.abs(cents) % 100).padStart(2, "0")}`;

/**
 * The tax role for the tax office (TEOMi: per local, with its invariant number), or the fee list
 * (REOMi): semicolon-separated, UTF-8 with BOM, decimal comma — what French spreadsheets open.
 */
export async function taxRoleCsv({ db, ctx, runId }: { db: Db; ctx: TrustedContext; runId: string }) {
  const { run, lines } = await runLines({ db, ctx, runId });
  const tariff = await getTariff(db, ctx, run.year);
  const header = [
    "annee",
    "regime",
    "reference_local",
    "invariant",
    "commune_insee",
    "adresse",
    "valeur_locative",
    "part_fixe",
    "part_incitative",
    "total",
    "exoneration_part_incitative",
  ];
  const body = lines.map((l) => [
    run.year,
    tariff.regime === "teomi" ? "TEOMi" : "REOMi",
    l.reference,
    l.invariant,
    l.communeInsee,
    l.address,
    decimal(l.rentalValueCents),
    decimal(l.fixedCents),
    decimal(l.incentiveCents),
    decimal(l.fixedCents + l.incentiveCents),
    l.exempt ? "construction nouvelle" : "",
  ]);
  await db.write(ctx, (_tx, journal) => journal({ action: "waste.billing.export", target: `waste_billing_runs/${runId}`, summary: { lines: lines.length } }));
  return { year: run.year, csv: toCsv(header, body, { finalNewline: true }) };
}
