/**
 * The desk's statistics (issue #18): counts and minutes of accompaniments grouped by month ×
 * operator × commune × mission (or any set of dimensions: the export format is configurable until
 * the ANCT publishes its own, services/parameters.ts), as JSON for the chart, as CSV, and a yearly
 * summary for the label's renewal. Operators are their codes; a local partner is its name.
 */
import { and, gte, lte, sql } from "drizzle-orm";
import { franceServicesAccompaniments as acc, franceServicesPartners as partners } from "@communa/db";
import { invalid, type Db, type TrustedContext } from "@communa/core";
import { toCsv } from "@communa/core/csv";
import { STAT_DIMENSIONS, type StatDimension } from "@communa/contracts/france-services";
import { m } from "../messages.fr.ts";
import { EXPORT_FORMATS, validOn } from "./parameters.ts";

/** One cell of the full cube: every dimension, its count and minutes. */
export type Cell = Record<StatDimension, string> & { count: number; minutes: number; mandates: number };

/** The accompaniments of the period grouped by every dimension. */
export async function cube({ db, ctx, from, to }: { db: Db; ctx: TrustedContext; from: string; to: string }): Promise<Cell[]> {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({
        month: sql<string>`to_char(${acc.day}, 'YYYY-MM')`,
        operator: sql<string>`coalesce(${acc.operator}, (SELECT ${partners.name} FROM ${partners} WHERE ${partners.id} = ${acc.partnerId}))`,
        commune: acc.communeInsee,
        mission: acc.mission,
        family: acc.family,
        channel: acc.channel,
        outcome: acc.outcome,
        autonomy: sql<string>`${acc.autonomy}::text`,
        count: sql<number>`count(*)::int`,
        minutes: sql<number>`sum(${acc.minutes})::int`,
        mandates: sql<number>`(count(*) FILTER (WHERE ${acc.mandate}))::int`,
      })
      .from(acc)
      .where(and(gte(acc.day, from), lte(acc.day, to)))
      .groupBy(sql`1, 2, 3, 4, 5, 6, 7, 8`),
  );
  return rows.map((r) => ({ ...r, commune: r.commune.trim() }));
}

/** The cube rolled up onto `dimensions`, sorted by them. */
export function rollUp(cells: readonly Cell[], dimensions: readonly StatDimension[]) {
  const groups = new Map<string, { key: Record<string, string>; count: number; minutes: number }>();
  for (const c of cells) {
    const key = Object.fromEntries(dimensions.map((d) => [d, c[d]]));
    const id = JSON.stringify(dimensions.map((d) => c[d]));
    const g = groups.get(id) ?? { key, count: 0, minutes: 0 };
    g.count += c.count;
    g.minutes += c.minutes;
    groups.set(id, g);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => g);
}

/** The columns of an export: an explicit list, else the format's (by id, else the one valid at `to`). */
export function exportColumns(to: string, format?: string, columns?: string): readonly StatDimension[] {
  if (columns) {
    const list = columns.split(",").map((c) => c.trim());
    if (!list.length || list.some((c) => !(STAT_DIMENSIONS as readonly string[]).includes(c)) || new Set(list).size !== list.length)
      throw invalid(undefined, [{ path: "query/columns", message: m.fields.columns }]);
    return list as StatDimension[];
  }
  if (format) {
    const f = EXPORT_FORMATS.find((x) => x.id === format);
    if (!f) throw invalid(undefined, [{ path: "query/format", message: m.fields.format }]);
    return f.columns;
  }
  return validOn(
    EXPORT_FORMATS.filter((f) => !f.onRequest),
    to,
  ).columns;
}

export function statisticsCsv(cells: readonly Cell[], dimensions: readonly StatDimension[]): string {
  const header = [...dimensions.map((d) => m.csv[d]), m.csv.count, m.csv.minutes];
  const rows = rollUp(cells, dimensions).map((r) => [...dimensions.map((d) => r.key[d]), r.count, r.minutes]);
  return toCsv(header, rows);
}

/** The months (AAAA-MM) from `from`'s to `to`'s. */
export function months(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, mo] = from.slice(0, 7).split("-").map(Number);
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(mo).padStart(2, "0")}`;
    out.push(key);
    if (key >= last) return out;
    mo = mo === 12 ? 1 : mo + 1;
    if (mo === 1) y++;
  }
}

/** The period's figures for the chart and table: the month × operator × commune × mission lines and each month's total. */
export function periodFigures(cells: readonly Cell[], from: string, to: string) {
  const total = (dim: StatDimension) => rollUp(cells, [dim]).map((r) => ({ key: r.key[dim], count: r.count, minutes: r.minutes }));
  const byMonth = new Map(total("month").map((r) => [r.key, r]));
  return {
    from,
    to,
    total: cells.reduce((n, c) => n + c.count, 0),
    minutes: cells.reduce((n, c) => n + c.minutes, 0),
    byMonth: months(from, to).map((month) => ({ month, count: byMonth.get(month)?.count ?? 0, minutes: byMonth.get(month)?.minutes ?? 0 })),
    lines: rollUp(cells, ["month", "operator", "commune", "mission"]).map((r) => ({
      month: r.key.month,
      operator: r.key.operator,
      commune: r.key.commune,
      mission: r.key.mission,
      count: r.count,
      minutes: r.minutes,
    })),
    byOperator: total("operator"),
    byMission: total("mission"),
  };
}

/** The yearly summary for the label's renewal: totals by every dimension. */
export function yearSummary(cells: readonly Cell[], year: number) {
  const total = (dim: StatDimension) => rollUp(cells, [dim]).map((r) => ({ key: r.key[dim], count: r.count, minutes: r.minutes }));
  return {
    year,
    total: cells.reduce((n, c) => n + c.count, 0),
    minutes: cells.reduce((n, c) => n + c.minutes, 0),
    /** Accompaniments done under an Aidants Connect mandate. */
    mandates: cells.reduce((n, c) => n + c.mandates, 0),
    byMonth: total("month"),
    byOperator: total("operator"),
    byCommune: total("commune"),
    byMission: total("mission"),
    byFamily: total("family"),
    byChannel: total("channel"),
    byOutcome: total("outcome"),
    byAutonomy: total("autonomy"),
  };
}
