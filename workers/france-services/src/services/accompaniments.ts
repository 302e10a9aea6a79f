/**
 * Accompaniments (issue #18): one row of codes per person helped — no name, no address, no free
 * text, no document. A conseiller records and lists their own day; a referent (permission
 * `france-services:correct`) lists anyone's day and corrects a record, the change journalled with
 * its before and after. Each row carries its own end of retention, from the dated rule.
 */
import { and, desc, eq } from "drizzle-orm";
import { franceServicesAccompaniments as acc, franceServicesPartners as partners } from "@communa/db";
import { addYears, invalid, isUuid, notFound, parisDay, personOf, type Db, type TrustedContext, type Tx } from "@communa/core";
import { m } from "../messages.fr.ts";
import type { AccompanimentInput } from "../routes/schemas.ts";
import { RETENTION_RULES, validOn } from "./parameters.ts";
import { territoryCommunes } from "./territory.ts";

type Row = typeof acc.$inferSelect;

/** The local partners an accompaniment may name as its operator. */
export async function localOperators(tx: Tx) {
  return tx
    .select({ id: partners.id, name: partners.name, active: partners.active })
    .from(partners)
    .where(eq(partners.kind, "operateur-local"))
    .orderBy(partners.name);
}

/** What the entry form offers: the territory's communes and the active local operators. */
export async function formChoices(db: Db, ctx: TrustedContext) {
  const [communes, locals] = await Promise.all([territoryCommunes(db, ctx), db.withTenant(ctx.tenant.id, localOperators)]);
  return { communes, localOperators: locals.filter((p) => p.active).map(({ id, name }) => ({ id, name })) };
}

/** Checks what the schema cannot: the day, the commune in the territory, the local partner. */
async function checked(db: Db, ctx: TrustedContext, input: AccompanimentInput) {
  const errors: Array<{ path: string; message: string }> = [];
  if (input.day > parisDay()) errors.push({ path: "body/day", message: m.fields.futureDay });
  const communes = await territoryCommunes(db, ctx);
  if (!communes.some((c) => c.insee === input.communeInsee)) errors.push({ path: "body/communeInsee", message: m.fields.communeOutside });
  let partnerId: string | null = null;
  if (isUuid(input.operator)) {
    const locals = await db.withTenant(ctx.tenant.id, localOperators);
    if (!locals.some((p) => p.id === input.operator && p.active)) errors.push({ path: "body/operator", message: m.fields.partnerUnknown });
    partnerId = input.operator;
  }
  if (errors.length) throw invalid(undefined, errors);
  const { operator, mandateReference, ...rest } = input;
  return { ...rest, operator: partnerId ? null : operator, partnerId, mandateReference: input.mandate ? (mandateReference ?? null) : null };
}

function view(r: Row, names: Map<string, string>) {
  return {
    id: r.id,
    day: r.day,
    minutes: r.minutes,
    channel: r.channel,
    communeInsee: r.communeInsee,
    operator: r.operator ?? r.partnerId!,
    operatorName: r.partnerId ? (names.get(r.partnerId) ?? null) : null,
    family: r.family,
    mission: r.mission,
    outcome: r.outcome,
    autonomy: r.autonomy,
    mandate: r.mandate,
    mandateReference: r.mandateReference,
    createdBy: r.createdBy,
    correctedBy: r.correctedBy,
    createdAt: r.createdAt.toISOString(),
    retainUntil: r.retainUntil,
  };
}

async function partnerNames(tx: Tx) {
  return new Map((await localOperators(tx)).map((p) => [p.id, p.name]));
}

function agentOf(ctx: TrustedContext): string {
  const who = personOf(ctx.actor);
  if (!who) throw invalid(m.noPerson);
  return who;
}

export async function recordAccompaniment({ db, ctx, input }: { db: Db; ctx: TrustedContext; input: AccompanimentInput }) {
  const agent = agentOf(ctx);
  const values = await checked(db, ctx, input);
  const retainUntil = addYears(values.day, validOn(RETENTION_RULES, values.day).years);
  return db.write(ctx, async (tx, journal) => {
    const [row] = await tx
      .insert(acc)
      .values({ ...values, tenantId: ctx.tenant.id, createdBy: agent, retainUntil })
      .returning();
    await journal({ action: "france-services.accompaniment.create", target: `france_services_accompaniments/${row.id}`, summary: { day: row.day } });
    return view(row, await partnerNames(tx as unknown as Tx));
  });
}

/** One day's accompaniments: the caller's own, or everyone's (a referent). */
export async function dayList({ db, ctx, day, mine }: { db: Db; ctx: TrustedContext; day: string; mine: boolean }) {
  const agent = mine ? agentOf(ctx) : null;
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const where = agent ? and(eq(acc.day, day), eq(acc.createdBy, agent)) : eq(acc.day, day);
    const rows = await tx.select().from(acc).where(where).orderBy(acc.createdAt);
    const names = await partnerNames(tx);
    // The caller's latest record, whatever its day: the form's defaults (channel, commune, operator…).
    const [last] = agent ? await tx.select().from(acc).where(eq(acc.createdBy, agent)).orderBy(desc(acc.createdAt)).limit(1) : [];
    return { day, accompaniments: rows.map((r) => view(r, names)), last: last ? view(last, names) : null };
  });
}

const FIELDS = [
  "day",
  "minutes",
  "channel",
  "communeInsee",
  "operator",
  "partnerId",
  "family",
  "mission",
  "outcome",
  "autonomy",
  "mandate",
  "mandateReference",
] as const;

/** A referent's correction of any record; the journal keeps what changed (codes only). */
export async function correctAccompaniment({ db, ctx, id, input }: { db: Db; ctx: TrustedContext; id: string; input: AccompanimentInput }) {
  const referent = agentOf(ctx);
  const values = await checked(db, ctx, input);
  return db.write(ctx, async (tx, journal) => {
    const [before] = await tx.select().from(acc).where(eq(acc.id, id)).for("update");
    if (!before) throw notFound(m.notFound);
    const changed = FIELDS.filter((f) => before[f] !== values[f]);
    const [row] = await tx
      .update(acc)
      .set({ ...values, correctedBy: referent, updatedAt: new Date(), retainUntil: addYears(values.day, validOn(RETENTION_RULES, values.day).years) })
      .where(eq(acc.id, id))
      .returning();
    await journal({
      action: "france-services.accompaniment.correct",
      target: `france_services_accompaniments/${id}`,
      summary: Object.fromEntries(changed.map((f) => [f, { avant: before[f], après: values[f] }])),
    });
    return view(row, await partnerNames(tx as unknown as Tx));
  });
}
