/**
 * The catalogue: services, places, desks, motifs, agents, their weekly rules, absences and the
 * tenant's holiday exceptions. Agents of the service write it; everyone reads the services and
 * motifs of their commune and of its EPCI ('shared' RLS), each naming the tenant that receives.
 */
import { and, eq, gte, inArray, isNull, or } from "drizzle-orm";
import {
  citizenAbsences,
  citizenAgents,
  citizenClosures,
  citizenDesks,
  citizenMotifs,
  citizenOpeningRules,
  citizenPlaces,
  citizenServices,
  tenants,
} from "@communa/db";
import { invalid, notFound, type Db, type TrustedContext } from "@communa/core";
import { parisDay } from "@communa/core/time";
import { m } from "../messages.fr.ts";

type Ctx = { db: Db; ctx: TrustedContext };

export async function createService({
  db,
  ctx,
  input,
}: Ctx & { input: typeof citizenServices.$inferInsert extends infer T ? Omit<T, "id" | "tenantId" | "createdAt"> : never }) {
  return db.write(ctx, async (tx, journal) => {
    const [row] = await tx
      .insert(citizenServices)
      .values({ ...input, tenantId: ctx.tenant.id })
      .returning({ id: citizenServices.id });
    await journal({ action: "citizen.service.create", target: `citizen_services/${row.id}`, summary: { name: input.name } });
    return { id: row.id };
  });
}

export async function createPlace({ db, ctx, input }: Ctx & { input: { name: string; address: string; communeInsee?: string | null; desks?: string[] } }) {
  return db.write(ctx, async (tx, journal) => {
    const [row] = await tx
      .insert(citizenPlaces)
      .values({ tenantId: ctx.tenant.id, name: input.name, address: input.address, communeInsee: input.communeInsee ?? null })
      .returning({ id: citizenPlaces.id });
    const desks = input.desks?.length
      ? await tx
          .insert(citizenDesks)
          .values(input.desks.map((label) => ({ tenantId: ctx.tenant.id, placeId: row.id, label })))
          .returning({ id: citizenDesks.id, label: citizenDesks.label })
      : [];
    await journal({ action: "citizen.place.create", target: `citizen_places/${row.id}`, summary: { name: input.name, desks: input.desks ?? [] } });
    return { id: row.id, desks };
  });
}

export type MotifInput = Omit<typeof citizenMotifs.$inferInsert, "id" | "tenantId" | "createdAt">;

export async function createMotif({ db, ctx, input }: Ctx & { input: MotifInput }) {
  return db.write(ctx, async (tx, journal) => {
    const [svc] = await tx
      .select({ id: citizenServices.id })
      .from(citizenServices)
      .where(and(eq(citizenServices.id, input.serviceId), eq(citizenServices.tenantId, ctx.tenant.id)));
    if (!svc) throw invalid(undefined, [{ path: "body/serviceId", message: m.noService }]);
    const [row] = await tx
      .insert(citizenMotifs)
      .values({ ...input, tenantId: ctx.tenant.id })
      .returning({ id: citizenMotifs.id });
    await journal({ action: "citizen.motif.create", target: `citizen_motifs/${row.id}`, summary: { name: input.name, locationType: input.locationType } });
    return { id: row.id };
  });
}

export async function createAgent({ db, ctx, input }: Ctx & { input: { serviceId: string; displayName: string; personId?: string | null } }) {
  return db.write(ctx, async (tx, journal) => {
    const [svc] = await tx
      .select({ id: citizenServices.id })
      .from(citizenServices)
      .where(and(eq(citizenServices.id, input.serviceId), eq(citizenServices.tenantId, ctx.tenant.id)));
    if (!svc) throw invalid(undefined, [{ path: "body/serviceId", message: m.noService }]);
    const [row] = await tx
      .insert(citizenAgents)
      .values({ tenantId: ctx.tenant.id, serviceId: input.serviceId, displayName: input.displayName, personId: input.personId ?? null })
      .returning({ id: citizenAgents.id });
    await journal({ action: "citizen.agent.create", target: `citizen_agents/${row.id}`, summary: { displayName: input.displayName } });
    return { id: row.id };
  });
}

export type RuleInput = Omit<typeof citizenOpeningRules.$inferInsert, "id" | "tenantId">;

export async function addRule({ db, ctx, input }: Ctx & { input: RuleInput }) {
  if (input.startMinute >= input.endMinute) throw invalid(undefined, [{ path: "body/endMinute", message: m.ruleRange }]);
  return db.write(ctx, async (tx, journal) => {
    const [a] = await tx.select({ id: citizenAgents.id }).from(citizenAgents).where(eq(citizenAgents.id, input.agentId));
    if (!a) throw invalid(undefined, [{ path: "body/agentId", message: m.noAgent }]);
    const [p] = await tx
      .select({ id: citizenPlaces.id })
      .from(citizenPlaces)
      .where(and(eq(citizenPlaces.id, input.placeId), eq(citizenPlaces.tenantId, ctx.tenant.id)));
    if (!p) throw invalid(undefined, [{ path: "body/placeId", message: m.noPlace }]);
    const [row] = await tx
      .insert(citizenOpeningRules)
      .values({ ...input, tenantId: ctx.tenant.id })
      .returning({ id: citizenOpeningRules.id });
    await journal({ action: "citizen.rule.create", target: `citizen_opening_rules/${row.id}`, summary: { ...input } });
    return { id: row.id };
  });
}

export async function addAbsence({ db, ctx, input }: Ctx & { input: { agentId: string; startsAt: string; endsAt: string } }) {
  if (Date.parse(input.startsAt) >= Date.parse(input.endsAt)) throw invalid(undefined, [{ path: "body/endsAt", message: m.ruleRange }]);
  return db.write(ctx, async (tx, journal) => {
    const [a] = await tx.select({ id: citizenAgents.id }).from(citizenAgents).where(eq(citizenAgents.id, input.agentId));
    if (!a) throw invalid(undefined, [{ path: "body/agentId", message: m.noAgent }]);
    const [row] = await tx
      .insert(citizenAbsences)
      .values({ tenantId: ctx.tenant.id, agentId: input.agentId, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) })
      .returning({ id: citizenAbsences.id });
    await journal({ action: "citizen.absence.create", target: `citizen_absences/${row.id}`, summary: { agentId: input.agentId } });
    return { id: row.id };
  });
}

export async function setClosure({ db, ctx, input }: Ctx & { input: { day: string; kind: "closed" | "open"; label: string } }) {
  return db.write(ctx, async (tx, journal) => {
    await tx
      .insert(citizenClosures)
      .values({ tenantId: ctx.tenant.id, ...input })
      .onConflictDoUpdate({ target: [citizenClosures.tenantId, citizenClosures.day], set: { kind: input.kind, label: input.label } });
    await journal({ action: "citizen.closure.set", target: `citizen_closures/${input.day}`, summary: input });
    return input;
  });
}

/** Services and their public motifs as residents of this tenant see them: its own and its EPCI's. */
export async function listCatalogue({ db, ctx }: Ctx) {
  const owners = [ctx.tenant.id, ...(ctx.tenant.parentId ? [ctx.tenant.parentId] : [])];
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const services = await tx
      .select({
        id: citizenServices.id,
        name: citizenServices.name,
        description: citizenServices.description,
        tenant: tenants.slug,
        tenantName: tenants.name,
        contactPhone: citizenServices.contactPhone,
        contactEmail: citizenServices.contactEmail,
      })
      .from(citizenServices)
      .innerJoin(tenants, eq(tenants.id, citizenServices.tenantId))
      .where(inArray(citizenServices.tenantId, owners))
      .orderBy(citizenServices.name);
    const motifs = services.length
      ? await tx
          .select()
          .from(citizenMotifs)
          .where(
            and(
              inArray(
                citizenMotifs.serviceId,
                services.map((s) => s.id),
              ),
              // Motifs booked by agents only are not offered to residents.
              eq(citizenMotifs.bookableBy, "anyone"),
            ),
          )
          .orderBy(citizenMotifs.name)
      : [];
    const places = await tx
      .select({ id: citizenPlaces.id, name: citizenPlaces.name, address: citizenPlaces.address, tenant: tenants.slug })
      .from(citizenPlaces)
      .innerJoin(tenants, eq(tenants.id, citizenPlaces.tenantId))
      .where(inArray(citizenPlaces.tenantId, owners))
      .orderBy(citizenPlaces.name);
    return {
      services: services.map((s) => ({
        ...s,
        motifs: motifs
          .filter((x) => x.serviceId === s.id)
          .map((x) => ({
            id: x.id,
            name: x.name,
            durationMinutes: x.durationMinutes,
            locationType: x.locationType,
            acceptText: x.acceptText,
            instructions: x.instructions,
            changeWindowHours: x.changeWindowHours,
          })),
      })),
      places,
    };
  });
}

/** A motif of this tenant (bookings go to the tenant that receives). */
export async function motifOf(tx: Pick<import("@communa/core").Tx, "select">, ctx: TrustedContext, motifId: string) {
  const [motif] = await tx
    .select()
    .from(citizenMotifs)
    .where(and(eq(citizenMotifs.id, motifId), eq(citizenMotifs.tenantId, ctx.tenant.id)));
  if (!motif) throw notFound(m.noMotif);
  return motif;
}

/**
 * The tenant's own places where residents book in person, each with the public desk motifs
 * bookable there today or later: a motif of a service one of whose agents has a weekly rule at the
 * place still valid (ADR 0045, addendum — how a France services permanence is booked). Derived
 * from the rules, never stored twice: a rule that ends takes the motif off the place.
 */
export async function bookablePlaces({ db, ctx, ids }: Ctx & { ids: string[] | null }) {
  if (ids && !ids.length) return [];
  const today = parisDay();
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const list = await tx
      .select({ id: citizenPlaces.id, name: citizenPlaces.name, address: citizenPlaces.address })
      .from(citizenPlaces)
      .where(and(eq(citizenPlaces.tenantId, ctx.tenant.id), ids ? inArray(citizenPlaces.id, ids) : undefined))
      .orderBy(citizenPlaces.name);
    if (!list.length) return [];
    const offered = await tx
      .selectDistinct({ placeId: citizenOpeningRules.placeId, id: citizenMotifs.id, name: citizenMotifs.name, durationMinutes: citizenMotifs.durationMinutes })
      .from(citizenOpeningRules)
      .innerJoin(citizenAgents, eq(citizenAgents.id, citizenOpeningRules.agentId))
      .innerJoin(citizenMotifs, eq(citizenMotifs.serviceId, citizenAgents.serviceId))
      .where(
        and(
          inArray(
            citizenOpeningRules.placeId,
            list.map((p) => p.id),
          ),
          eq(citizenMotifs.bookableBy, "anyone"),
          eq(citizenMotifs.locationType, "desk"),
          or(isNull(citizenOpeningRules.validUntil), gte(citizenOpeningRules.validUntil, today)),
        ),
      )
      .orderBy(citizenMotifs.name);
    return list.map((p) => ({
      ...p,
      motifs: offered.filter((o) => o.placeId === p.id).map(({ id, name, durationMinutes }) => ({ id, name, durationMinutes })),
    }));
  });
}
