/**
 * The tenant's staff as the safe knows them (HR registers them): payroll number, the identity person
 * who reads the safe, professional e-mail, service, position, birth year (for the 75-years rule),
 * departure date. HR sees the tenant's agents only (RLS 'own').
 */
import { and, asc, desc, eq } from "drizzle-orm";
import { staffAgents, staffOppositions, staffSettings } from "@communa/db";
import { conflict, notFound, sqlState, AppError, personOf, type Db, type TrustedContext, type Tx, type WriteTx } from "@communa/core";
import { m } from "../messages.fr.ts";
import { effectiveFrom, parameterOn } from "./rules.ts";
import { withdrawOnDeparture } from "./directory.ts";
import { parisDay } from "@communa/core/time";

export interface AgentInput {
  payrollNumber: string;
  personId?: string | null;
  name: string;
  email?: string;
  service?: string;
  position?: string;
  birthYear: number;
  departureDate?: string | null;
  phone?: string;
}

export type AgentRow = typeof staffAgents.$inferSelect;

export const agentOut = (a: AgentRow) => ({
  id: a.id,
  payrollNumber: a.payrollNumber,
  personId: a.personId,
  name: a.name,
  email: a.email,
  service: a.service,
  position: a.position,
  birthYear: a.birthYear,
  departureDate: a.departureDate,
  phone: a.phone,
});

function uniqueProblem(err: unknown): never {
  if (sqlState(err) === "23505") {
    const text = String((err as { cause?: { constraint?: string } }).cause?.constraint ?? (err as Error).message);
    throw conflict(text.includes("person") ? m.personTaken : m.payrollTaken);
  }
  throw err;
}

export async function createAgent(db: Db, ctx: TrustedContext, input: AgentInput) {
  try {
    return await db.write(ctx, async (tx, journal) => {
      const [row] = await tx
        .insert(staffAgents)
        .values({
          tenantId: ctx.tenant.id,
          payrollNumber: input.payrollNumber,
          personId: input.personId ?? null,
          name: input.name,
          email: input.email ?? "",
          service: input.service ?? "",
          position: input.position ?? "",
          birthYear: input.birthYear,
          departureDate: input.departureDate ?? null,
          phone: input.phone ?? "",
        })
        .returning();
      await journal({ action: "staff.agent.create", target: `staff_agents/${row.id}`, summary: { payrollNumber: row.payrollNumber } });
      return agentOut(row);
    });
  } catch (err) {
    uniqueProblem(err);
  }
}

export async function updateAgent(
  db: Db,
  ctx: TrustedContext,
  agentId: string,
  input: Partial<Omit<AgentInput, "payrollNumber">>,
  env?: Parameters<typeof withdrawOnDeparture>[1],
) {
  try {
    // An empty patch changes nothing: the agent as stored (an UPDATE needs a column to set).
    if (Object.keys(input).length === 0) return await db.withTenant(ctx.tenant.id, async (tx) => agentOut(await agentById(tx, agentId)));
    return await db.write(ctx, async (tx, journal) => {
      const [row] = await tx.update(staffAgents).set(input).where(eq(staffAgents.id, agentId)).returning();
      if (!row) throw notFound(m.noAgent);
      // Departed (the day reached): the directory photo and its consents go (trombinoscope rule).
      if (env && row.departureDate && row.departureDate <= parisDay()) await withdrawOnDeparture(tx, env, row);
      await journal({ action: "staff.agent.update", target: `staff_agents/${row.id}`, summary: { fields: Object.keys(input) } });
      return agentOut(row);
    });
  } catch (err) {
    uniqueProblem(err);
  }
}

export async function listAgents(db: Db, ctx: TrustedContext) {
  return db.withTenant(ctx.tenant.id, async (tx) => (await tx.select().from(staffAgents).orderBy(asc(staffAgents.name))).map(agentOut));
}

export async function agentById(tx: Tx | WriteTx, agentId: string): Promise<AgentRow> {
  const [row] = await tx.select().from(staffAgents).where(eq(staffAgents.id, agentId)).limit(1);
  if (!row) throw notFound(m.noAgent);
  return row;
}

/** The caller's own safe: the agent row whose person is the caller. */
export async function agentOfCaller(tx: Tx | WriteTx, ctx: TrustedContext): Promise<AgentRow> {
  const who = personOf(ctx.actor);
  if (!who) throw new AppError("forbidden", m.notAnAgent);
  const [row] = await tx.select().from(staffAgents).where(eq(staffAgents.personId, who)).limit(1);
  if (!row) throw notFound(m.notAnAgent);
  return row;
}

// ---- settings and the opposition register (D3243-7) ----

export async function getSettings(tx: Tx | WriteTx, tenantId: string) {
  const [row] = await tx.select().from(staffSettings).where(eq(staffSettings.tenantId, tenantId)).limit(1);
  return { oppositionEnabled: row?.oppositionEnabled ?? false, rulesSource: row?.rulesSource ?? "", rulesSince: row?.rulesSince ?? null };
}

export async function saveSettings(db: Db, ctx: TrustedContext, input: { oppositionEnabled: boolean; rulesSource: string; rulesSince: string | null }) {
  return db.write(ctx, async (tx, journal) => {
    await tx
      .insert(staffSettings)
      .values({ tenantId: ctx.tenant.id, ...input })
      .onConflictDoUpdate({ target: staffSettings.tenantId, set: { ...input, updatedAt: new Date() } });
    await journal({ action: "staff.settings.update", target: "staff_settings", summary: input });
    return getSettings(tx, ctx.tenant.id);
  });
}

export async function recordOpposition(db: Db, ctx: TrustedContext, agentId: string, input: { kind: "notice" | "opposition" | "withdrawal"; on: string }) {
  return db.write(ctx, async (tx, journal) => {
    if (!(await getSettings(tx, ctx.tenant.id)).oppositionEnabled) throw conflict(m.oppositionDisabled);
    await agentById(tx, agentId);
    const [row] = await tx
      .insert(staffOppositions)
      .values({
        tenantId: ctx.tenant.id,
        agentId,
        kind: input.kind,
        on: input.on,
        effectiveFrom: effectiveFrom(input.kind, input.on),
        recordedBy: personOf(ctx.actor) ?? ctx.actor.kind,
      })
      .returning();
    await journal({ action: `staff.opposition.${input.kind}`, target: `staff_agents/${agentId}`, summary: { on: input.on } });
    return oppositionOut(row);
  });
}

const oppositionOut = (r: typeof staffOppositions.$inferSelect) => ({
  id: r.id,
  agentId: r.agentId,
  kind: r.kind,
  on: r.on,
  effectiveFrom: r.effectiveFrom,
  source: r.kind === "notice" ? parameterOn("noticeDays", r.on).source : parameterOn("oppositionEffectDays", r.on).source,
});

export async function oppositionRegister(db: Db, ctx: TrustedContext) {
  return db.withTenant(ctx.tenant.id, async (tx) => ({
    settings: await getSettings(tx, ctx.tenant.id),
    entries: (await tx.select().from(staffOppositions).orderBy(asc(staffOppositions.on), asc(staffOppositions.createdAt))).map(oppositionOut),
  }));
}

/** Has the agent opposed e-payslips (latest entry an opposition, where the register is open)? Then paper. */
export async function opposed(tx: Tx | WriteTx, tenantId: string, agentId: string): Promise<boolean> {
  if (!(await getSettings(tx, tenantId)).oppositionEnabled) return false;
  const [last] = await tx
    .select({ kind: staffOppositions.kind })
    .from(staffOppositions)
    .where(and(eq(staffOppositions.agentId, agentId)))
    .orderBy(desc(staffOppositions.on), desc(staffOppositions.createdAt))
    .limit(1);
  return last?.kind === "opposition";
}
