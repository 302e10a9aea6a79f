/**
 * The recruitment's statistics (issue #24 « Statistics », for the social report): one anonymous line
 * per application (recruitment_facts: no name, no contact; the link to the application goes when it
 * is purged), written with the application's own changes; the figures for a period are read from
 * these lines, so past years survive the privacy clocks. Time to hire runs from the notice's
 * publication on the site to the hiring decision.
 */
import { and, eq, gte, lte, sql } from "drizzle-orm";
import { APPLICATION_STATES, CATEGORIES, CHANNELS, recruitmentFacts, recruitmentPublications, recruitmentVacancies, type DECLARED_GENDERS } from "@communa/db";
import type { Db, TrustedContext, WriteTx } from "@communa/core";
import { m } from "../messages.fr.ts";

type Fact = typeof recruitmentFacts.$inferInsert;

export async function recordReceipt(
  tx: WriteTx,
  fact: Omit<Fact, "id" | "furthestStage" | "outcome" | "decidedOn"> & { gender: (typeof DECLARED_GENDERS)[number] | null },
) {
  await tx.insert(recruitmentFacts).values(fact);
}

/** The furthest stage an application reached (a move back does not lower it). */
export async function reachStage(tx: WriteTx, applicationId: string, index: number) {
  await tx
    .update(recruitmentFacts)
    .set({ furthestStage: sql`greatest(${recruitmentFacts.furthestStage}, ${index})` })
    .where(eq(recruitmentFacts.applicationId, applicationId));
}

export async function recordOutcome(tx: WriteTx, applicationId: string, outcome: (typeof APPLICATION_STATES)[number], day: string) {
  await tx.update(recruitmentFacts).set({ outcome, decidedOn: day }).where(eq(recruitmentFacts.applicationId, applicationId));
}

const median = (values: number[]) => {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** The figures of the applications received between `from` and `to` (calendar days, inclusive). */
export async function statistics({ db, ctx, from, to }: { db: Db; ctx: TrustedContext; from: string; to: string }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const rows = await tx
      .select({
        vacancyId: recruitmentFacts.vacancyId,
        channel: recruitmentFacts.channel,
        category: recruitmentFacts.category,
        gender: recruitmentFacts.gender,
        furthest: recruitmentFacts.furthestStage,
        outcome: recruitmentFacts.outcome,
        decidedOn: recruitmentFacts.decidedOn,
        receivedOn: recruitmentFacts.receivedOn,
        stages: recruitmentVacancies.stages,
        published: sql<
          string | null
        >`(SELECT to_char(${recruitmentPublications.publishedAt} AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') FROM ${recruitmentPublications} WHERE ${recruitmentPublications.vacancyId} = ${recruitmentFacts.vacancyId} AND ${recruitmentPublications.channel} = 'site')`,
      })
      .from(recruitmentFacts)
      .innerJoin(recruitmentVacancies, eq(recruitmentVacancies.id, recruitmentFacts.vacancyId))
      .where(and(gte(recruitmentFacts.receivedOn, from), lte(recruitmentFacts.receivedOn, to)));
    const count = <K extends string>(keys: readonly K[], of: (r: (typeof rows)[number]) => string | null) =>
      keys.map((key) => ({
        key,
        applications: rows.filter((r) => of(r) === key).length,
        hired: rows.filter((r) => of(r) === key && r.outcome === "hired").length,
      }));
    // Stages' conversion: how many applications reached the first, second… stage, then the appointment (stage lists differ by vacancy: by rank).
    const ranks = Math.max(0, ...rows.map((r) => r.stages.length)) + 1;
    const reached = Array.from({ length: ranks }, (_, i) => rows.filter((r) => r.furthest >= i || (i === ranks - 1 && r.furthest >= r.stages.length)).length);
    const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
    const toHire = rows.filter((r) => r.outcome === "hired" && r.decidedOn && r.published).map((r) => days(r.published!, r.decidedOn!));
    return {
      from,
      to,
      applications: rows.length,
      vacancies: new Set(rows.map((r) => r.vacancyId)).size,
      hired: rows.filter((r) => r.outcome === "hired").length,
      medianDaysToHire: median(toHire),
      byChannel: count(CHANNELS, (r) => r.channel),
      byCategory: count(CATEGORIES, (r) => r.category),
      byGender: [...count(["femme", "homme"] as const, (r) => r.gender), { key: "non-declare", ...countUndeclared(rows) }],
      byOutcome: APPLICATION_STATES.map((key) => ({ key, applications: rows.filter((r) => r.outcome === key).length })),
      stages: reached.map((n, rank) => ({ rank, reached: n })),
      byMonth: months(from, to).map((month) => ({
        month,
        applications: rows.filter((r) => r.receivedOn.startsWith(month)).length,
        hired: rows.filter((r) => r.outcome === "hired" && r.decidedOn?.startsWith(month)).length,
      })),
    };
  });
}

/** The months (AAAA-MM) from `from`'s to `to`'s. */
function months(from: string, to: string): string[] {
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

function countUndeclared(rows: Array<{ gender: string | null; outcome: string }>) {
  const none = rows.filter((r) => r.gender === null);
  return { applications: none.length, hired: none.filter((r) => r.outcome === "hired").length };
}

/** The same figures as a CSV (French headers, semicolons, for a spreadsheet). */
export function statisticsCsv(s: Awaited<ReturnType<typeof statistics>>): string {
  const c = m.csv;
  const lines = [[c.section, c.key, c.applications, c.hired].join(";")];
  for (const r of s.byChannel) lines.push([c.channel, r.key, r.applications, r.hired].join(";"));
  for (const r of s.byCategory) lines.push([c.category, r.key, r.applications, r.hired].join(";"));
  for (const r of s.byGender) lines.push([c.gender, r.key, r.applications, r.hired].join(";"));
  for (const r of s.byOutcome) lines.push([c.outcome, r.key, r.applications, ""].join(";"));
  for (const r of s.byMonth) lines.push([c.month, r.month, r.applications, r.hired].join(";"));
  for (const r of s.stages) lines.push([c.stage, String(r.rank + 1), r.reached, ""].join(";"));
  lines.push([c.median, "", s.medianDaysToHire ?? "", ""].join(";"));
  return `\ufeff${lines.join("\r\n")}\r\n`;
}
