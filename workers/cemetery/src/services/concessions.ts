/**
 * Concessions: granted on a plot in a category the council opened, at the grid's tariff in force
 * on the act's day, with holders and heirs; each one's clocks (expiry, renewal window, letter,
 * repossession) computed from the legal parameters; renewal inside the window at today's tariff.
 */
import { and, asc, desc, eq, inArray, isNotNull, max } from "drizzle-orm";
import { concessionPeople, concessions, deceased, plots } from "@communa/db";
import { conflict, invalid, notFound, AppError, parisDay, type Db, type TrustedContext, type Tx, type WriteTx } from "@communa/core";
import type { ConcessionCategory } from "@communa/contracts/cemetery";
import { abandonmentEligibility, clocksOf, durationError, renewal, renewalWindowEnd, expiresOn, type Term } from "./clocks.ts";
import { addDelay, parameterOn } from "./legal-parameters.ts";
import { plotOccupancy, priceOf, tariffOn } from "./register.ts";
import { m } from "../messages.fr.ts";

const CONCEDED = new Set(["concession", "columbarium", "cavurne", "enfeu"]);
/** Holders' details are kept this many years after the end of the renewal window (schema comment). */
const PEOPLE_KEPT_YEARS = 10;

export interface PersonInput {
  role: "holder" | "heir";
  name: string;
  firstName?: string;
  relationship?: string;
  address?: string;
}

export interface ConcessionInput {
  plotId: string;
  category: ConcessionCategory;
  durationYears: number | null;
  actNumber: string;
  actDate: string;
  people: PersonInput[];
}

export function durationProblem(category: ConcessionCategory, durationYears: number | null, on: string): string | null {
  const e = durationError(category, durationYears, on);
  if (!e) return null;
  return e === "temporary" ? m.duration.temporary(parameterOn("temporaryMaxYears", on).value) : m.duration[e];
}

export function retainUntil(t: Term): string | null {
  const exp = expiresOn(t);
  return exp ? addDelay(renewalWindowEnd(exp), { years: PEOPLE_KEPT_YEARS }) : null;
}

export async function insertConcession(
  tx: WriteTx,
  tenantId: string,
  input: ConcessionInput,
  plot: typeof plots.$inferSelect,
  priced?: number,
  deliberation?: string,
) {
  const problem = durationProblem(input.category, input.durationYears, input.actDate);
  if (problem) throw invalid(undefined, [{ path: "body/durationYears", message: problem }]);
  if (!CONCEDED.has(plot.type)) throw conflict(m.notConcessionPlot);
  const [busy] = await tx
    .select({ id: concessions.id })
    .from(concessions)
    .where(and(eq(concessions.plotId, plot.id), eq(concessions.status, "active")))
    .limit(1);
  if (busy) throw conflict(m.plotBusy);
  const [dup] = await tx.select({ id: concessions.id }).from(concessions).where(eq(concessions.actNumber, input.actNumber)).limit(1);
  if (dup) throw conflict(m.actTaken);
  let priceCents = priced;
  let delib = deliberation;
  if (priceCents === undefined) {
    const t = await tariffOn(tx, input.category, input.durationYears, input.actDate);
    if (!t) throw new AppError("unprocessable", m.noTariff(input.category, input.durationYears, input.actDate));
    priceCents = priceOf(t, plot.surfaceM2);
    delib = t.deliberation;
  }
  const term: Term = { category: input.category, durationYears: input.durationYears, startsOn: input.actDate };
  const [row] = await tx
    .insert(concessions)
    .values({
      tenantId,
      plotId: plot.id,
      category: input.category,
      durationYears: input.durationYears,
      actNumber: input.actNumber,
      actDate: input.actDate,
      startsOn: input.actDate,
      priceCents,
      deliberation: delib ?? "",
    })
    .returning();
  if (input.people.length)
    await tx.insert(concessionPeople).values(
      input.people.map((p) => ({
        tenantId,
        concessionId: row.id,
        role: p.role,
        name: p.name,
        firstName: p.firstName ?? "",
        relationship: p.relationship ?? "",
        address: p.address ?? "",
        retainUntil: retainUntil(term),
      })),
    );
  return row;
}

export async function createConcession({ db, ctx, input }: { db: Db; ctx: TrustedContext; input: ConcessionInput }) {
  return db.write(ctx, async (tx, journal) => {
    const [plot] = await tx.select().from(plots).where(eq(plots.id, input.plotId)).limit(1);
    if (!plot) throw notFound(m.noPlot);
    const row = await insertConcession(tx, ctx.tenant.id, input, plot);
    await journal({
      action: "cemetery.concession.grant",
      target: `concessions/${row.id}`,
      summary: { act: input.actNumber, category: input.category, plot: plot.id },
    });
    return { id: row.id, priceCents: row.priceCents, deliberation: row.deliberation };
  });
}

/** Last burial in a plot (for the abandonment conditions). */
export async function lastBurial(tx: Tx | WriteTx, plotId: string): Promise<string | null> {
  const [r] = await tx
    .select({ last: max(deceased.burialDate) })
    .from(deceased)
    .where(and(eq(deceased.plotId, plotId), isNotNull(deceased.burialDate)));
  return r?.last ?? null;
}

const termOf = (c: typeof concessions.$inferSelect): Term => ({ category: c.category, durationYears: c.durationYears, startsOn: c.startsOn });

/** The concession sheet: act, people, plot and occupancy, its clocks and the renewal chain. */
export async function getConcession({ db, ctx, concessionId, today = parisDay() }: { db: Db; ctx: TrustedContext; concessionId: string; today?: string }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const [c] = await tx.select().from(concessions).where(eq(concessions.id, concessionId)).limit(1);
    if (!c) throw notFound(m.noConcession);
    const o = await plotOccupancy(tx, ctx.tenant.id, c.plotId);
    const people = await tx
      .select()
      .from(concessionPeople)
      .where(eq(concessionPeople.concessionId, c.id))
      .orderBy(asc(concessionPeople.role), asc(concessionPeople.name));
    const chain = await tx
      .select({
        id: concessions.id,
        actNumber: concessions.actNumber,
        startsOn: concessions.startsOn,
        status: concessions.status,
        renewsId: concessions.renewsId,
      })
      .from(concessions)
      .where(eq(concessions.plotId, c.plotId))
      .orderBy(desc(concessions.startsOn));
    const last = await lastBurial(tx, c.plotId);
    const clocks = clocksOf(termOf(c), today);
    const elig = abandonmentEligibility(c.actDate, last, today);
    return {
      id: c.id,
      plotId: c.plotId,
      plot: { section: o.plot.section, row: o.plot.row, number: o.plot.number, type: o.plot.type, cemeteryId: o.plot.cemeteryId },
      category: c.category,
      durationYears: c.durationYears,
      actNumber: c.actNumber,
      actDate: c.actDate,
      startsOn: c.startsOn,
      priceCents: c.priceCents,
      deliberation: c.deliberation,
      status: c.status,
      people: people.map((p) => ({ id: p.id, role: p.role, name: p.name, firstName: p.firstName, relationship: p.relationship, address: p.address })),
      places: { capacity: o.capacityTenths / 10, used: o.usedTenths / 10, left: o.leftTenths / 10 },
      clocks: { ...clocks, repossessionFrom: clocks.renewalWindowEnd ? addDelay(clocks.renewalWindowEnd, { days: 1 }) : null },
      lastBurial: last,
      abandonment: { eligible: elig.eligible, reasons: elig.reasons, from: [elig.oldEnoughFrom, elig.quietFrom].filter(Boolean).sort().at(-1) as string },
      history: chain.filter((x) => x.id !== c.id),
    };
  });
}

export async function listConcessions({ db, ctx, today = parisDay() }: { db: Db; ctx: TrustedContext; today?: string }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const rows = await tx
      .select({ c: concessions, section: plots.section, row: plots.row, number: plots.number, cemeteryId: plots.cemeteryId })
      .from(concessions)
      .innerJoin(plots, eq(plots.id, concessions.plotId))
      .where(inArray(concessions.status, ["active"]))
      .orderBy(asc(plots.section), asc(plots.number));
    return rows.map(({ c, section, row, number, cemeteryId }) => ({
      id: c.id,
      actNumber: c.actNumber,
      category: c.category,
      durationYears: c.durationYears,
      startsOn: c.startsOn,
      plot: { id: c.plotId, cemeteryId, section, row, number },
      clocks: clocksOf(termOf(c), today),
    }));
  });
}

/** Renewal asked today: inside the window, a new term from the old one's end at today's tariff. */
export async function renewConcession({
  db,
  ctx,
  concessionId,
  actNumber,
  durationYears,
  today = parisDay(),
}: {
  db: Db;
  ctx: TrustedContext;
  concessionId: string;
  actNumber: string;
  durationYears?: number | null;
  today?: string;
}) {
  return db.write(ctx, async (tx, journal) => {
    const [c] = await tx.select().from(concessions).where(eq(concessions.id, concessionId)).limit(1);
    if (!c) throw notFound(m.noConcession);
    if (c.status !== "active") throw conflict(m.alreadyRenewed);
    const r = renewal(termOf(c), today);
    if (!r.ok) throw r.reason === "perpetual" ? conflict(m.perpetualNoRenewal) : new AppError("unprocessable", m.renewalClosed(r.windowEnd!));
    const duration = durationYears === undefined ? c.durationYears : durationYears;
    const problem = durationProblem(c.category, duration, today);
    if (problem) throw invalid(undefined, [{ path: "body/durationYears", message: problem }]);
    const t = await tariffOn(tx, c.category, duration, today);
    if (!t) throw new AppError("unprocessable", m.noTariff(c.category, duration, today));
    const [plot] = await tx.select().from(plots).where(eq(plots.id, c.plotId)).limit(1);
    const [dup] = await tx.select({ id: concessions.id }).from(concessions).where(eq(concessions.actNumber, actNumber)).limit(1);
    if (dup) throw conflict(m.actTaken);
    const term: Term = { category: c.category, durationYears: duration, startsOn: r.startsOn };
    const [row] = await tx
      .insert(concessions)
      .values({
        tenantId: ctx.tenant.id,
        plotId: c.plotId,
        category: c.category,
        durationYears: duration,
        actNumber,
        actDate: today,
        startsOn: r.startsOn,
        priceCents: priceOf(t, plot.surfaceM2),
        deliberation: t.deliberation,
        renewsId: c.id,
      })
      .returning();
    await tx.update(concessions).set({ status: "renewed" }).where(eq(concessions.id, c.id));
    const people = await tx.select().from(concessionPeople).where(eq(concessionPeople.concessionId, c.id));
    if (people.length)
      await tx.insert(concessionPeople).values(
        people.map((p) => ({
          tenantId: ctx.tenant.id,
          concessionId: row.id,
          role: p.role,
          name: p.name,
          firstName: p.firstName,
          relationship: p.relationship,
          address: p.address,
          retainUntil: retainUntil(term),
        })),
      );
    await journal({
      action: "cemetery.concession.renew",
      target: `concessions/${row.id}`,
      summary: { renews: c.id, act: actNumber, startsOn: r.startsOn, priceCents: row.priceCents },
    });
    return { id: row.id, startsOn: r.startsOn, expiresOn: expiresOn(term), priceCents: row.priceCents, deliberation: row.deliberation };
  });
}
