/**
 * The registry: premises (locaux) liable to the tax or fee, their bins, collective bins shared by
 * several premises, and the history of which chip each bin carried. Every write is journalled; an
 * agent opening one premises (address, occupant link) is journalled too.
 */
import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { communes, wasteBins, wasteDepots, wasteBinShares, wasteChipAssignments, wastePremises } from "@communa/db";
import { conflict, invalid, likeContains, notFound, rpcCall, type Db, type TrustedContext, type WriteTx } from "@communa/core";
import type { WasteIdentityService } from "@communa/contracts/rpc";
import { m } from "../messages.fr.ts";
import type { Stream } from "./billing-core.ts";
import { isUuid } from "@communa/core/ids";

export type PremisesRow = typeof wastePremises.$inferSelect;
export type BinRow = typeof wasteBins.$inferSelect;
export type BinStatus = BinRow["status"];

/** ISO 11784/11785 style identifier: 3-digit country or manufacturer code + 12-digit number. */
export const CHIP = /^[0-9]{15}$/;

export const actorName = (ctx: TrustedContext) => (ctx.actor.kind === "anonymous" ? "anonyme" : `${ctx.actor.kind}:${ctx.actor.id}`);
/** The caller's person id when the caller is a person known to the database. */
export const personIdOf = (ctx: TrustedContext) => (ctx.actor.kind === "person" && isUuid(ctx.actor.id) ? ctx.actor.id : null);

export interface PremisesInput {
  reference: string;
  invariant?: string | null;
  address: string;
  postcode: string;
  communeInsee: string;
  kind?: "household" | "business" | "public";
  rentalValueCents: number;
  firstOccupiedYear?: number | null;
  closedAt?: string | null;
  /** Links the resident (by the e-mail of their account here); null unlinks. */
  occupantEmail?: string | null;
}

/** A commune of this tenant's territory (any known commune when the tenant has none on record). */
async function checkCommune(db: Db, ctx: TrustedContext, insee: string) {
  const mine = or(eq(communes.epciSiren, ctx.tenant.siren), ctx.tenant.insee ? eq(communes.insee, ctx.tenant.insee) : sql`false`)!;
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ insee: communes.insee, mine: sql<boolean>`${mine}` })
      .from(communes)
      .where(or(mine, eq(communes.insee, insee))),
  );
  const territory = rows.filter((r) => r.mine);
  const ok = territory.length ? territory.some((r) => r.insee === insee) : rows.some((r) => r.insee === insee);
  if (!ok) throw invalid(undefined, [{ path: "body/communeInsee", message: m.communeOutside(insee) }]);
}

/** The occupant's account, a member of this tenant found by its e-mail address (identity's door: the id only). */
async function occupantId(identity: WasteIdentityService, ctx: TrustedContext, email: string | null | undefined): Promise<string | null | undefined> {
  if (email === undefined) return undefined;
  if (email === null) return null;
  const row = await rpcCall("identité", () => identity.memberByEmail({ id: ctx.tenant.id }, email.trim().toLowerCase()));
  if (!row) throw invalid(undefined, [{ path: "body/occupantEmail", message: m.occupantUnknown }]);
  return row.personId;
}

const premisesView = (p: PremisesRow) => ({
  id: p.id,
  reference: p.reference,
  invariant: p.invariant,
  address: p.address,
  postcode: p.postcode,
  communeInsee: p.communeInsee,
  kind: p.kind,
  rentalValueCents: p.rentalValueCents,
  firstOccupiedYear: p.firstOccupiedYear,
  closedAt: p.closedAt,
  occupantLinked: p.occupantPersonId !== null,
});

export async function listPremises({
  db,
  ctx,
  query,
}: {
  db: Db;
  ctx: TrustedContext;
  query: { q?: string; commune?: string; limit: number; offset: number };
}) {
  const where: SQL[] = [];
  if (query.commune) where.push(eq(wastePremises.communeInsee, query.commune));
  if (query.q) {
    const like = likeContains(query.q);
    where.push(or(ilike(wastePremises.address, like), ilike(wastePremises.reference, like), eq(wastePremises.invariant, query.q.toUpperCase()))!);
  }
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(wastePremises)
      .where(where.length ? and(...where) : undefined)
      .orderBy(asc(wastePremises.communeInsee), asc(wastePremises.address))
      .limit(query.limit)
      .offset(query.offset),
  );
  return rows.map(premisesView);
}

/** Bins of a premises: its own, and the collective bins it shares (with the sharing premises). */
export async function binsOfPremises(db: Db, ctx: TrustedContext, premisesIds: string[]) {
  if (!premisesIds.length) return [];
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const own = await tx.select().from(wasteBins).where(inArray(wasteBins.premisesId, premisesIds));
    const shared = await tx
      .select({ bin: wasteBins, premisesId: wasteBinShares.premisesId })
      .from(wasteBinShares)
      .innerJoin(wasteBins, eq(wasteBins.id, wasteBinShares.binId))
      .where(inArray(wasteBinShares.premisesId, premisesIds));
    const sharers = shared.length
      ? await tx
          .select()
          .from(wasteBinShares)
          .where(
            inArray(
              wasteBinShares.binId,
              shared.map((s) => s.bin.id),
            ),
          )
      : [];
    return [
      ...own.map((b) => ({ ...binView(b), premisesIds: [b.premisesId!] })),
      ...shared.map((s) => ({ ...binView(s.bin), premisesIds: sharers.filter((x) => x.binId === s.bin.id).map((x) => x.premisesId) })),
    ];
  });
}

export const binView = (b: BinRow) => ({
  id: b.id,
  chipId: b.chipId,
  stream: b.stream as Stream,
  volumeLitres: b.volumeLitres,
  status: b.status,
  premisesId: b.premisesId,
  collective: b.collective,
  depotId: b.depotId,
  note: b.note,
});

export async function getPremises({ db, ctx, id }: { db: Db; ctx: TrustedContext; id: string }) {
  const [row] = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(wastePremises).where(eq(wastePremises.id, id)));
  if (!row) throw notFound(m.noPremises);
  // Who opened which household's record is kept (RGPD accountability).
  await db.write(ctx, async (_tx, journal) => journal({ action: "waste.premises.read", target: `waste_premises/${id}` }));
  return { ...premisesView(row), bins: await binsOfPremises(db, ctx, [id]) };
}

export async function savePremises({
  db,
  ctx,
  identity,
  id,
  input,
}: {
  db: Db;
  ctx: TrustedContext;
  /** Identity's door (people are identity's, ADR 0025). */
  identity: WasteIdentityService;
  id?: string;
  input: PremisesInput;
}) {
  await checkCommune(db, ctx, input.communeInsee);
  // Asked before the transaction opens: no connection held while identity answers.
  const occupant = await occupantId(identity, ctx, input.occupantEmail);
  return db.write(ctx, async (tx, journal) => {
    const values = {
      reference: input.reference.trim(),
      invariant: input.invariant?.toUpperCase() ?? null,
      address: input.address.trim(),
      postcode: input.postcode,
      communeInsee: input.communeInsee,
      kind: input.kind ?? "household",
      rentalValueCents: input.rentalValueCents,
      firstOccupiedYear: input.firstOccupiedYear ?? null,
      closedAt: input.closedAt ?? null,
      ...(occupant !== undefined ? { occupantPersonId: occupant } : {}),
    };
    let row: PremisesRow | undefined;
    if (id) {
      [row] = await tx
        .update(wastePremises)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(wastePremises.id, id))
        .returning();
      if (!row) throw notFound(m.noPremises);
    } else {
      [row] = await tx
        .insert(wastePremises)
        .values({ ...values, tenantId: ctx.tenant.id })
        .returning();
    }
    await journal({
      action: id ? "waste.premises.update" : "waste.premises.create",
      target: `waste_premises/${row.id}`,
      summary: {
        reference: row.reference,
        communeInsee: row.communeInsee,
        rentalValueCents: row.rentalValueCents,
        occupant: occupant === undefined ? "inchangé" : occupant ? "lié" : "délié",
      },
    });
    return premisesView(row);
  });
}

export interface BinInput {
  stream: Stream;
  volumeLitres: number;
  status?: BinStatus;
  premisesId?: string | null;
  collective?: boolean;
  /** Collective bins: the premises sharing it (replaces the list). */
  sharedBy?: string[];
  depotId?: string | null;
  note?: string | null;
  chipId?: string | null;
}

function checkBin(input: BinInput) {
  if (input.chipId != null && !CHIP.test(input.chipId)) throw invalid(undefined, [{ path: "body/chipId", message: m.chipFormat }]);
  if (input.collective && input.premisesId) throw invalid(undefined, [{ path: "body/premisesId", message: m.collectiveOwner }]);
  if (!input.collective && input.sharedBy?.length) throw invalid(undefined, [{ path: "body/sharedBy", message: m.individualShares }]);
  if ((input.status ?? "stock") === "in_service" && !input.collective && !input.premisesId)
    throw invalid(undefined, [{ path: "body/premisesId", message: m.inServiceNeedsPremises }]);
}

async function assertChipFree(tx: WriteTx, chipId: string, binId: string) {
  const [other] = await tx
    .select({ id: wasteBins.id })
    .from(wasteBins)
    .where(and(eq(wasteBins.chipId, chipId), eq(wasteBins.status, "in_service"), sql`${wasteBins.id} <> ${binId}`));
  if (other) throw conflict(m.chipTaken(chipId));
}

/** Puts `chipId` on `bin` (or takes its chip off with null), closing and opening history rows. */
async function setChip(tx: WriteTx, ctx: TrustedContext, bin: BinRow, chipId: string | null, reason: string) {
  if (bin.chipId === chipId) return bin;
  const now = new Date();
  // A chip on a bin in service stays there until that bin is taken out of service or re-chipped.
  if (chipId) await assertChipFree(tx, chipId, bin.id);
  // The chip leaves whatever bin (out of service) still carried it, and this bin leaves its old chip.
  await tx
    .update(wasteChipAssignments)
    .set({ unassignedAt: now })
    .where(
      and(
        isNull(wasteChipAssignments.unassignedAt),
        or(eq(wasteChipAssignments.binId, bin.id), chipId ? eq(wasteChipAssignments.chipId, chipId) : sql`false`)!,
      ),
    );
  if (chipId) {
    await tx
      .update(wasteBins)
      .set({ chipId: null, updatedAt: now })
      .where(and(eq(wasteBins.chipId, chipId), sql`${wasteBins.id} <> ${bin.id}`));
    await tx.insert(wasteChipAssignments).values({ tenantId: ctx.tenant.id, chipId, binId: bin.id, assignedAt: now, reason, byActor: actorName(ctx) });
  }
  const [row] = await tx.update(wasteBins).set({ chipId, updatedAt: now }).where(eq(wasteBins.id, bin.id)).returning();
  return row;
}

async function setShares(tx: WriteTx, ctx: TrustedContext, binId: string, premisesIds: string[] | undefined) {
  if (premisesIds === undefined) return;
  await tx.delete(wasteBinShares).where(eq(wasteBinShares.binId, binId));
  const unique = [...new Set(premisesIds)];
  if (unique.length) await tx.insert(wasteBinShares).values(unique.map((premisesId) => ({ tenantId: ctx.tenant.id, binId, premisesId })));
}

/**
 * Foreign keys do not see row-level security: a premises or depot id from another tenant would
 * pass them. Every referenced id is looked up under this tenant's RLS first.
 */
async function assertOwnRefs(tx: WriteTx, input: BinInput) {
  const premisesIds = [...new Set([...(input.premisesId ? [input.premisesId] : []), ...(input.sharedBy ?? [])])];
  if (premisesIds.length) {
    const found = await tx.select({ id: wastePremises.id }).from(wastePremises).where(inArray(wastePremises.id, premisesIds));
    if (found.length !== premisesIds.length)
      throw invalid(undefined, [{ path: input.sharedBy?.length ? "body/sharedBy" : "body/premisesId", message: m.noPremises }]);
  }
  if (input.depotId) {
    const [d] = await tx.select({ id: wasteDepots.id }).from(wasteDepots).where(eq(wasteDepots.id, input.depotId));
    if (!d) throw invalid(undefined, [{ path: "body/depotId", message: m.noDepot }]);
  }
}

export async function saveBin({ db, ctx, id, input }: { db: Db; ctx: TrustedContext; id?: string; input: BinInput }) {
  checkBin(input);
  return db.write(ctx, async (tx, journal) => {
    await assertOwnRefs(tx, input);
    const values = {
      stream: input.stream,
      volumeLitres: input.volumeLitres,
      status: input.status ?? "stock",
      premisesId: input.collective ? null : (input.premisesId ?? null),
      collective: input.collective ?? false,
      depotId: input.depotId ?? null,
      note: input.note ?? null,
      updatedAt: new Date(),
    };
    let row: BinRow | undefined;
    if (id) {
      // Locked so two agents re-chipping the same bin queue up rather than interleave.
      [row] = await tx.select().from(wasteBins).where(eq(wasteBins.id, id)).for("update");
      if (!row) throw notFound(m.noBin);
      const chip = input.chipId !== undefined ? input.chipId : row.chipId;
      if (chip && values.status === "in_service") await assertChipFree(tx, chip, id);
      [row] = await tx.update(wasteBins).set(values).where(eq(wasteBins.id, id)).returning();
    } else {
      [row] = await tx
        .insert(wasteBins)
        .values({ ...values, tenantId: ctx.tenant.id })
        .returning();
    }
    if (input.chipId !== undefined) row = await setChip(tx, ctx, row, input.chipId, id ? "modification du bac" : "mise en service");
    // A full replacement: an individual bin shares with nobody; a collective one keeps its list
    // unless a new one is given.
    await setShares(tx, ctx, row.id, input.collective ? input.sharedBy : []);
    await journal({
      action: id ? "waste.bin.update" : "waste.bin.create",
      target: `waste_bins/${row.id}`,
      summary: { chipId: row.chipId, status: row.status, stream: row.stream, premisesId: row.premisesId, sharedBy: input.sharedBy?.length ?? 0 },
    });
    return binView(row);
  });
}

/** Re-chips a bin (new chip, replaced chip, chip removed): the history keeps every period. */
export async function assignChip({ db, ctx, binId, chipId, reason }: { db: Db; ctx: TrustedContext; binId: string; chipId: string | null; reason: string }) {
  if (chipId !== null && !CHIP.test(chipId)) throw invalid(undefined, [{ path: "body/chipId", message: m.chipFormat }]);
  return db.write(ctx, async (tx, journal) => {
    const [bin] = await tx.select().from(wasteBins).where(eq(wasteBins.id, binId)).for("update");
    if (!bin) throw notFound(m.noBin);
    const row = await setChip(tx, ctx, bin, chipId, reason);
    await journal({ action: "waste.bin.chip", target: `waste_bins/${binId}`, summary: { from: bin.chipId, to: chipId, reason } });
    return binView(row);
  });
}

export async function listBins({
  db,
  ctx,
  query,
}: {
  db: Db;
  ctx: TrustedContext;
  query: { chip?: string; status?: BinStatus; stream?: Stream; premisesId?: string; limit: number; offset: number };
}) {
  const where: SQL[] = [];
  if (query.chip) where.push(eq(wasteBins.chipId, query.chip));
  if (query.status) where.push(eq(wasteBins.status, query.status));
  if (query.stream) where.push(eq(wasteBins.stream, query.stream));
  if (query.premisesId) where.push(eq(wasteBins.premisesId, query.premisesId));
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(wasteBins)
      .where(where.length ? and(...where) : undefined)
      .orderBy(asc(wasteBins.createdAt))
      .limit(query.limit)
      .offset(query.offset),
  );
  return rows.map(binView);
}

/** Which bins carried a chip, and which chips a bin carried, oldest first. */
export async function chipHistory({ db, ctx, chipId, binId }: { db: Db; ctx: TrustedContext; chipId?: string; binId?: string }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(wasteChipAssignments)
      .where(chipId ? eq(wasteChipAssignments.chipId, chipId) : eq(wasteChipAssignments.binId, binId!))
      .orderBy(asc(wasteChipAssignments.assignedAt), asc(wasteChipAssignments.id)),
  );
  return rows.map((r) => ({
    chipId: r.chipId,
    binId: r.binId,
    assignedAt: r.assignedAt.toISOString(),
    unassignedAt: r.unassignedAt?.toISOString() ?? null,
    reason: r.reason,
    by: r.byActor,
  }));
}

/** The bin in service carrying a chip (field tablet scan), with its premises' address. */
export async function lookupChip({ db, ctx, chipId }: { db: Db; ctx: TrustedContext; chipId: string }) {
  if (!CHIP.test(chipId)) throw invalid(undefined, [{ path: "query/chip", message: m.chipFormat }]);
  const [row] = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ bin: wasteBins, address: wastePremises.address, reference: wastePremises.reference })
      .from(wasteBins)
      .leftJoin(wastePremises, eq(wastePremises.id, wasteBins.premisesId))
      .where(eq(wasteBins.chipId, chipId))
      .orderBy(sql`${wasteBins.status} = 'in_service' DESC`)
      .limit(1),
  );
  if (!row) throw notFound(m.noBin);
  return { ...binView(row.bin), address: row.address, premisesReference: row.reference };
}
