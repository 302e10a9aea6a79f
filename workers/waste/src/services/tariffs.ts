/**
 * Tariffs voted by the EPCI for a tax year (TEOMi or REOMi), and the check that they make the
 * incentive part 10–45 % of the total product, projected on the registry and year N-1's lifts.
 */
import { and, asc, desc, eq, lte } from "drizzle-orm";
import { wasteTariffRates, wasteTariffs } from "@communa/db";
import { invalid, notFound, type Db, type TrustedContext } from "@communa/core";
import { m } from "../messages.fr.ts";
import { computeBilling, STREAMS, type Basis, type Regime, type Stream, type Tariff } from "./billing-core.ts";
import { loadBillingInputs } from "./billing-data.ts";

export interface TariffInput {
  regime: Regime;
  basis: Basis;
  fixedRateMillionths?: number | null;
  fixedFeeCents?: number | null;
  rates: Partial<Record<Stream, number>>;
  deliberation?: string | null;
  votedOn?: string | null;
}

export interface TariffView extends Tariff {
  id: string;
  deliberation: string | null;
  votedOn: string | null;
}

/** The tariff of `year` (or, with `orEarlier`, the latest voted up to it), or undefined. */
export async function findTariff(db: Db, ctx: TrustedContext, year: number, orEarlier = false): Promise<TariffView | undefined> {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const [t] = await tx
      .select()
      .from(wasteTariffs)
      .where(orEarlier ? lte(wasteTariffs.year, year) : eq(wasteTariffs.year, year))
      .orderBy(desc(wasteTariffs.year))
      .limit(1);
    if (!t) return undefined;
    const rates = await tx.select().from(wasteTariffRates).where(eq(wasteTariffRates.tariffId, t.id));
    return {
      id: t.id,
      year: t.year,
      regime: t.regime,
      basis: t.basis,
      fixedRateMillionths: t.fixedRateMillionths,
      fixedFeeCents: t.fixedFeeCents,
      rates: Object.fromEntries(rates.map((r) => [r.stream, r.unitPriceMicros])) as Partial<Record<Stream, number>>,
      deliberation: t.deliberation,
      votedOn: t.votedOn,
    };
  });
}

export async function getTariff(db: Db, ctx: TrustedContext, year: number): Promise<TariffView> {
  const t = await findTariff(db, ctx, year);
  if (!t) throw notFound(m.noTariff(year));
  return t;
}

export async function listTariffs({ db, ctx }: { db: Db; ctx: TrustedContext }) {
  const years = await db.withTenant(ctx.tenant.id, (tx) => tx.select({ year: wasteTariffs.year }).from(wasteTariffs).orderBy(asc(wasteTariffs.year)));
  return Promise.all(years.map((y) => getTariff(db, ctx, y.year)));
}

export async function saveTariff({ db, ctx, year, input }: { db: Db; ctx: TrustedContext; year: number; input: TariffInput }) {
  const fixedOk = input.regime === "teomi" ? input.fixedRateMillionths != null : input.fixedFeeCents != null;
  if (!fixedOk) throw invalid(undefined, [{ path: input.regime === "teomi" ? "body/fixedRateMillionths" : "body/fixedFeeCents", message: m.fixedMissing }]);
  await db.write(ctx, async (tx, journal) => {
    const values = {
      regime: input.regime,
      basis: input.basis,
      fixedRateMillionths: input.regime === "teomi" ? input.fixedRateMillionths! : null,
      fixedFeeCents: input.regime === "reomi" ? input.fixedFeeCents! : null,
      deliberation: input.deliberation ?? null,
      votedOn: input.votedOn ?? null,
    };
    const [t] = await tx
      .insert(wasteTariffs)
      .values({ tenantId: ctx.tenant.id, year, ...values })
      .onConflictDoUpdate({ target: [wasteTariffs.tenantId, wasteTariffs.year], set: { ...values, updatedAt: new Date() } })
      .returning();
    await tx.delete(wasteTariffRates).where(and(eq(wasteTariffRates.tariffId, t.id)));
    const rates = STREAMS.filter((s) => input.rates[s] !== undefined).map((s) => ({
      tenantId: ctx.tenant.id,
      tariffId: t.id,
      stream: s,
      unitPriceMicros: input.rates[s]!,
    }));
    if (rates.length) await tx.insert(wasteTariffRates).values(rates);
    await journal({ action: "waste.tariff.save", target: `waste_tariffs/${t.id}`, summary: { year, ...values, rates: input.rates } });
  });
  return getTariff(db, ctx, year);
}

/** "12,3 %" from millionths. */
export const percent = (millionths: number) => `${(millionths / 10_000).toFixed(1).replace(".", ",")} %`;

/** The voted tariffs applied to the registry and year N-1's lifts: projected product and the 10–45 % check. */
export async function checkTariff({ db, ctx, year }: { db: Db; ctx: TrustedContext; year: number }) {
  const tariff = await getTariff(db, ctx, year);
  const data = await loadBillingInputs(db, ctx, year);
  const { check, lines } = computeBilling({ tariff, ...data });
  return {
    year,
    premisesCount: lines.length,
    ...check,
    message: check.withinLimits ? m.shareOk(percent(check.shareMillionths)) : m.shareWarning(percent(check.shareMillionths)),
  };
}
