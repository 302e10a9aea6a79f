/** Resources, renters, trainings and tariff grids of a tenant. */
import { and, asc, desc, eq, lte } from "drizzle-orm";
import { schema } from "@communa/db";
import { AppError, invalid, notFound, personOf, type Db, type TrustedContext, type WriteTx } from "@communa/core";
import { bookingTexts } from "../messages.fr.ts";

const { bookingResources: resources, bookingRenters: renters, bookingTrainings: trainings, bookingTariffs: tariffs } = schema;

export type Resource = typeof resources.$inferSelect;
export type Renter = typeof renters.$inferSelect;
type Deps = { db: Db; ctx: TrustedContext };

export const EXCLUSIVE_KINDS = new Set(["hall", "room", "machine"]);

export interface ResourceInput {
  kind: Resource["kind"];
  name: string;
  description?: string;
  capacity?: number | null;
  quantity?: number | null;
  accessibility?: string;
  stepFree?: boolean;
  equipment?: string[];
  rules?: string;
  requiresTraining?: boolean;
  optionDays?: number;
  unavailableReason?: string | null;
}

/** Public view of a resource (everything on it is public). */
export const publicResource = (r: Resource) => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  description: r.description,
  capacity: r.capacity,
  quantity: r.quantity,
  accessibility: r.accessibility,
  stepFree: r.stepFree,
  equipment: r.equipment,
  rules: r.rules,
  requiresTraining: r.requiresTraining,
  optionDays: r.optionDays,
  unavailableReason: r.unavailableReason,
  fictional: r.fictional,
});

export async function createResource({ db, ctx, input }: Deps & { input: ResourceInput }) {
  if ((input.kind === "equipment") !== (input.quantity != null))
    throw invalid(undefined, [{ path: "body/quantity", message: bookingTexts.stockOnlyForEquipment }]);
  return db.write(ctx, async (tx, journal) => {
    const [row] = await tx
      .insert(resources)
      .values({ ...input, tenantId: ctx.tenant.id })
      .returning();
    await journal({ action: "booking.resource.create", target: `booking_resources/${row.id}`, summary: { name: row.name, kind: row.kind } });
    return publicResource(row);
  });
}

export async function listResources({ db, ctx, kind }: Deps & { kind?: Resource["kind"] }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(resources)
      .where(kind ? eq(resources.kind, kind) : undefined)
      .orderBy(asc(resources.kind), asc(resources.name)),
  );
  return rows.map(publicResource);
}

export async function getResource(tx: WriteTx, id: string): Promise<Resource> {
  const [row] = await tx.select().from(resources).where(eq(resources.id, id));
  if (!row) throw notFound(bookingTexts.resourceNotFound);
  return row;
}

export interface RenterInput {
  kind: Renter["kind"];
  name: string;
  email?: string | null;
  rna?: string | null;
  insuranceValidUntil?: string | null;
}

function checkRenter(input: RenterInput) {
  if (input.kind === "association" && !input.rna) throw invalid(undefined, [{ path: "body/rna", message: bookingTexts.rnaRequired }]);
  if (input.rna && !/^W[0-9]{9}$/.test(input.rna)) throw invalid(undefined, [{ path: "body/rna", message: bookingTexts.rnaFormat }]);
}

const renterOut = (r: Renter) => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  email: r.email,
  rna: r.rna,
  insuranceValidUntil: r.insuranceValidUntil,
});

export async function createRenter({ db, ctx, input }: Deps & { input: RenterInput }) {
  checkRenter(input);
  return db.write(ctx, async (tx, journal) => {
    const [row] = await tx
      .insert(renters)
      .values({ ...input, tenantId: ctx.tenant.id })
      .returning();
    await journal({ action: "booking.renter.create", target: `booking_renters/${row.id}`, summary: { kind: row.kind } });
    return renterOut(row);
  });
}

export async function listRenters({ db, ctx }: Deps) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(renters).orderBy(asc(renters.name)).limit(500));
  return rows.map(renterOut);
}

/** The renter a signed-in person books as: found by their person id, or created from what they give. */
export async function renterOfPerson(tx: WriteTx, ctx: TrustedContext, input: RenterInput): Promise<Renter> {
  const personId = personOf(ctx.actor);
  if (!personId) throw new AppError("forbidden");
  const [found] = await tx.select().from(renters).where(eq(renters.personId, personId)).limit(1);
  if (found) return found;
  checkRenter(input);
  const [row] = await tx
    .insert(renters)
    .values({ ...input, personId, tenantId: ctx.tenant.id })
    .returning();
  return row;
}

export async function recordTraining({
  db,
  ctx,
  input,
}: Deps & { input: { resourceId: string; renterId: string; trainer: string; trainedOn: string; validUntil: string } }) {
  if (input.validUntil < input.trainedOn) throw invalid(undefined, [{ path: "body/validUntil", message: bookingTexts.trainingPeriod }]);
  return db.write(ctx, async (tx, journal) => {
    await getResource(tx, input.resourceId);
    // Foreign keys do not see RLS: the renter is looked up under the caller's tenant first.
    const [renter] = await tx.select({ id: renters.id }).from(renters).where(eq(renters.id, input.renterId));
    if (!renter) throw notFound(bookingTexts.renterNotFound);
    const [row] = await tx
      .insert(trainings)
      .values({ ...input, tenantId: ctx.tenant.id })
      .returning();
    await journal({
      action: "booking.training.record",
      target: `booking_trainings/${row.id}`,
      summary: { resourceId: input.resourceId, renterId: input.renterId },
    });
    return { id: row.id, resourceId: row.resourceId, renterId: row.renterId, trainer: row.trainer, trainedOn: row.trainedOn, validUntil: row.validUntil };
  });
}

/** Whether `renterId` holds a training on `resourceId` valid from `firstDay` to `lastDay`. */
export async function hasValidTraining(tx: WriteTx, resourceId: string, renterId: string, firstDay: string, lastDay: string): Promise<boolean> {
  const rows = await tx
    .select({ validUntil: trainings.validUntil })
    .from(trainings)
    .where(and(eq(trainings.resourceId, resourceId), eq(trainings.renterId, renterId), lte(trainings.trainedOn, firstDay)));
  return rows.some((r) => r.validUntil >= lastDay);
}

export interface TariffInput {
  resourceId: string;
  renterKind: Renter["kind"];
  unit: "hour" | "day" | "booking";
  amountCents: number;
  deliberationNumber: string;
  deliberationDate: string;
  validFrom: string;
}

const tariffOut = (t: typeof tariffs.$inferSelect) => ({
  id: t.id,
  resourceId: t.resourceId,
  renterKind: t.renterKind,
  unit: t.unit,
  amountCents: t.amountCents,
  deliberationNumber: t.deliberationNumber,
  deliberationDate: t.deliberationDate,
  validFrom: t.validFrom,
});

export async function setTariff({ db, ctx, input }: Deps & { input: TariffInput }) {
  if (input.validFrom < input.deliberationDate) throw invalid(undefined, [{ path: "body/validFrom", message: bookingTexts.tariffBeforeDeliberation }]);
  return db.write(ctx, async (tx, journal) => {
    await getResource(tx, input.resourceId);
    const [row] = await tx
      .insert(tariffs)
      .values({ ...input, tenantId: ctx.tenant.id })
      .returning();
    await journal({ action: "booking.tariff.set", target: `booking_tariffs/${row.id}`, summary: { ...input } });
    return tariffOut(row);
  });
}

export async function listTariffs({ db, ctx, resourceId }: Deps & { resourceId: string }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx.select().from(tariffs).where(eq(tariffs.resourceId, resourceId)).orderBy(asc(tariffs.renterKind), desc(tariffs.validFrom)),
  );
  return rows.map(tariffOut);
}

/** The tariff line in force for a renter kind on a day (the latest one valid from then). */
export async function tariffFor(tx: WriteTx, resourceId: string, renterKind: Renter["kind"], day: string) {
  const [row] = await tx
    .select()
    .from(tariffs)
    .where(and(eq(tariffs.resourceId, resourceId), eq(tariffs.renterKind, renterKind), lte(tariffs.validFrom, day)))
    .orderBy(desc(tariffs.validFrom))
    .limit(1);
  return row;
}
