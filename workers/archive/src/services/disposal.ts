/**
 * Retention and disposal (sort final). When a unit's DUA ends it appears in the disposal
 * proposals: final action Keep → it stays; Destroy → the archivist decides an elimination, the
 * control authority's visa is recorded (by another person), then execution marks the objects
 * destroyed (the database checks DUA, visa and legal hold itself), removes the bytes from R2 when
 * no other live object shares them, keeps metadata and journal, and issues the destruction
 * certificate (JSON, its SHA-256 sealed in the journal, and PDF).
 */
import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { archiveDisposals, archiveDisposalUnits, archiveObjects, archiveUnits } from "@communa/db";
import { conflict, forbidden, invalid, notFound, personOf, type FieldError, type TrustedContext } from "@communa/core";
import { m } from "../messages.fr.ts";
import { actorId, archivalAgency, nextReference, sealerOf, type ArchiveDeps } from "./context.ts";
import { sha256Hex } from "@communa/core/hash";
import { lockChain, seal, stableJson } from "./journal.ts";
import { refusing } from "./refusal.ts";
import { today } from "./rules.ts";

export type DisposalRow = typeof archiveDisposals.$inferSelect;
type UnitRow = typeof archiveUnits.$inferSelect;

const OPEN = ["decided", "approved"] as const;

async function openDisposalUnits(deps: ArchiveDeps): Promise<Set<string>> {
  const t = deps.ctx.tenant.id;
  const rows = await deps.db.withTenant(t, (tx) =>
    tx
      .select({ unitId: archiveDisposalUnits.unitId })
      .from(archiveDisposalUnits)
      .innerJoin(archiveDisposals, eq(archiveDisposals.id, archiveDisposalUnits.disposalId))
      .where(and(eq(archiveDisposals.tenantId, t), inArray(archiveDisposals.status, [...OPEN]))),
  );
  return new Set(rows.map((r) => r.unitId));
}

const brief = (u: UnitRow) => ({
  id: u.id,
  reference: u.reference,
  title: u.title,
  originatingAgency: u.originatingAgency,
  appraisalRule: u.appraisalRule,
  duaEnd: u.duaEnd,
  finalAction: u.finalAction,
  legalHold: u.legalHold,
  legalHoldReason: u.legalHoldReason,
  profile: u.profile,
});

/** Units whose DUA has ended, by what happens to them. */
export async function disposalProposals(deps: ArchiveDeps) {
  const t = deps.ctx.tenant.id;
  const due = await deps.db.withTenant(t, (tx) =>
    tx
      .select()
      .from(archiveUnits)
      .where(and(eq(archiveUnits.tenantId, t), eq(archiveUnits.status, "sealed"), lte(archiveUnits.duaEnd, today())))
      .orderBy(asc(archiveUnits.duaEnd), asc(archiveUnits.reference)),
  );
  const inProgress = await openDisposalUnits(deps);
  return {
    date: today(),
    toDestroy: due.filter((u) => u.finalAction === "Destroy" && !u.legalHold && !inProgress.has(u.id)).map(brief),
    toKeep: due.filter((u) => u.finalAction === "Keep").map(brief),
    frozen: due.filter((u) => u.legalHold).map(brief),
    inProgress: due.filter((u) => inProgress.has(u.id)).map(brief),
  };
}

/** Why a unit may not be destroyed now (null when it may). */
function whyNot(u: UnitRow, inProgress: Set<string>): string | null {
  if (u.status !== "sealed") return m.notSealed;
  if (u.legalHold) return m.legalHold;
  if (u.finalAction !== "Destroy") return m.finalKeep;
  if (u.duaEnd > today()) return m.duaRunning(u.duaEnd);
  if (inProgress.has(u.id)) return m.alreadyInDisposal;
  return null;
}

/**
 * Separation of duties compares people, not credentials: an API key acts for the person who
 * created it, so the archivist's own key cannot give the visa on the archivist's decision. Both
 * sides are recorded as `person:<id>`; the credential used is in the sealed journal entry. A caller
 * that is no person (device, key of nobody) can neither decide nor give the visa.
 */
function personRef(ctx: TrustedContext): string {
  const person = personOf(ctx.actor);
  if (!person) throw forbidden(m.disposalNeedsPerson);
  return `person:${person}`;
}

/** The credential behind a person's act, when it was not their own session (for the sealed journal). */
const credential = (ctx: TrustedContext) => (ctx.actor.kind === "person" ? {} : { credential: actorId(ctx) });

/** The archivist's decision to eliminate units whose DUA has ended (final action Destroy). */
export async function decideDisposal(deps: ArchiveDeps, input: { unitIds: string[]; reason: string }): Promise<DisposalRow> {
  const t = deps.ctx.tenant.id;
  const units = await deps.db.withTenant(t, (tx) => tx.select().from(archiveUnits).where(inArray(archiveUnits.id, input.unitIds)));
  const inProgress = await openDisposalUnits(deps);
  const errors: FieldError[] = [];
  input.unitIds.forEach((id, i) => {
    const u = units.find((x) => x.id === id);
    const why = u ? whyNot(u, inProgress) : m.unitNotFound;
    if (why) errors.push({ path: `body/unitIds/${i}`, message: u ? m.notDisposable(u.reference, why) : why });
  });
  if (errors.length) throw invalid(undefined, errors);
  const decidedBy = personRef(deps.ctx);
  const sealer = await sealerOf(deps.env);
  return deps.db.write(deps.ctx, async (tx, journal) => {
    await lockChain(tx, t);
    const reference = await nextReference(tx, "archive_disposals", "ELIM");
    const [d] = await tx.insert(archiveDisposals).values({ tenantId: t, reference, reason: input.reason, decidedBy }).returning();
    await tx.insert(archiveDisposalUnits).values(units.map((u) => ({ tenantId: t, disposalId: d.id, unitId: u.id })));
    await seal(tx, deps.ctx, sealer, {
      action: "archive.disposal.decide",
      target: `archive_disposals/${d.id}`,
      details: { reference, reason: input.reason, units: units.map((u) => u.reference), ...credential(deps.ctx) },
    });
    await journal({ action: "archive.disposal.decide", target: `archive_disposals/${d.id}`, summary: { reference, units: units.length } });
    return d;
  });
}

async function disposalOf(deps: ArchiveDeps, id: string): Promise<{ disposal: DisposalRow; units: UnitRow[] }> {
  const t = deps.ctx.tenant.id;
  return deps.db.withTenant(t, async (tx) => {
    const [disposal] = await tx.select().from(archiveDisposals).where(eq(archiveDisposals.id, id));
    if (!disposal) throw notFound(m.disposalNotFound);
    const units = await tx
      .select({ u: archiveUnits })
      .from(archiveDisposalUnits)
      .innerJoin(archiveUnits, eq(archiveUnits.id, archiveDisposalUnits.unitId))
      .where(eq(archiveDisposalUnits.disposalId, id))
      .orderBy(asc(archiveUnits.reference));
    return { disposal, units: units.map((r) => r.u) };
  });
}

/** The control authority's answer (visa or refusal), recorded once, by someone other than the archivist. */
export async function recordVisa(
  deps: ArchiveDeps,
  id: string,
  input: { approved: boolean; authority: string; reference: string; comment?: string },
): Promise<DisposalRow> {
  const { disposal } = await disposalOf(deps, id);
  if (disposal.status !== "decided") throw conflict(m.visaAlready);
  const by = personRef(deps.ctx);
  // Decisions recorded before people were compared may name a credential: never the same one.
  if (by === disposal.decidedBy || actorId(deps.ctx) === disposal.decidedBy) throw conflict(m.visaSamePerson);
  const sealer = await sealerOf(deps.env);
  return refusing(() =>
    deps.db.write(deps.ctx, async (tx, journal) => {
      await lockChain(tx, deps.ctx.tenant.id);
      const [d] = await tx
        .update(archiveDisposals)
        .set({
          status: input.approved ? "approved" : "refused",
          visaAuthority: input.authority,
          visaBy: by,
          visaReference: input.reference,
          visaComment: input.comment ?? null,
          visaAt: new Date(),
        })
        .where(and(eq(archiveDisposals.id, id), eq(archiveDisposals.status, "decided")))
        .returning();
      if (!d) throw conflict(m.visaAlready);
      await seal(tx, deps.ctx, sealer, {
        action: input.approved ? "archive.disposal.visa" : "archive.disposal.refuse",
        target: `archive_disposals/${id}`,
        details: { reference: d.reference, authority: input.authority, visaReference: input.reference, comment: input.comment ?? "", ...credential(deps.ctx) },
      });
      await journal({
        action: input.approved ? "archive.disposal.visa" : "archive.disposal.refuse",
        target: `archive_disposals/${id}`,
        summary: { reference: d.reference, authority: input.authority },
      });
      return d;
    }),
  );
}

export interface DestructionCertificate {
  type: "certificat-de-destruction";
  reference: string;
  tenant: { name: string; siren: string };
  archivalAgency: string;
  decision: { by: string; at: string; reason: string };
  visa: { authority: string; by: string; reference: string; at: string; comment: string };
  executedAt: string;
  method: string;
  units: Array<{
    reference: string;
    title: string;
    originatingAgency: string;
    startDate: string | null;
    endDate: string | null;
    appraisalRule: string;
    duaEnd: string;
    objects: Array<{ fileName: string; size: number; sha512: string; key: string; bytesRemoved: boolean }>;
  }>;
  journal: { seq: number; hash: string };
}

/**
 * Executes an approved disposal: objects marked destroyed (the database refuses if the DUA has not
 * ended, the visa is missing or a legal hold was placed since), bytes removed from R2, then the
 * certificate. Safe to call again if the R2 step was interrupted: it finishes the job.
 */
export async function executeDisposal(deps: ArchiveDeps, id: string): Promise<DestructionCertificate> {
  const { disposal, units } = await disposalOf(deps, id);
  if (disposal.status === "executed" && disposal.certificate) return disposal.certificate as DestructionCertificate;
  if (disposal.status !== "approved" && disposal.status !== "executed")
    throw conflict(disposal.status === "decided" ? m.visaNeeded : m.disposalState(m.disposalLabels[disposal.status] ?? disposal.status));
  const t = deps.ctx.tenant.id;
  const sealer = await sealerOf(deps.env);
  const unitIds = units.map((u) => u.id);
  const objects = await deps.db.withTenant(t, (tx) =>
    tx.select().from(archiveObjects).where(inArray(archiveObjects.unitId, unitIds)).orderBy(asc(archiveObjects.createdAt)),
  );
  let executed: { seq: number; hash: string; at: Date } | null = null;
  if (disposal.status === "approved") {
    executed = await refusing(() =>
      deps.db.write(deps.ctx, async (tx, journal) => {
        await lockChain(tx, t);
        const now = new Date();
        await tx
          .update(archiveObjects)
          .set({ destroyedAt: now, disposalId: id })
          .where(and(inArray(archiveObjects.unitId, unitIds), isNull(archiveObjects.destroyedAt)));
        await tx.update(archiveUnits).set({ status: "destroyed", destroyedAt: now }).where(inArray(archiveUnits.id, unitIds));
        await tx.update(archiveDisposals).set({ status: "executed", executedAt: now }).where(eq(archiveDisposals.id, id));
        const s = await seal(tx, deps.ctx, sealer, {
          action: "archive.disposal.execute",
          target: `archive_disposals/${id}`,
          details: { reference: disposal.reference, units: units.map((u) => u.reference), objects: objects.map((o) => ({ id: o.id, sha512: o.sha512 })) },
        });
        await journal({
          action: "archive.disposal.execute",
          target: `archive_disposals/${id}`,
          summary: { reference: disposal.reference, units: units.length, objects: objects.length },
        });
        return s;
      }),
    );
  }
  // Bytes go only when no live object (of any tenant) shares their content address.
  const removed = new Map<string, boolean>();
  for (const key of new Set(objects.map((o) => o.r2Key).filter((k): k is string => !!k))) {
    const inUse = await deps.db.withTenant(
      t,
      async (tx) => ((await tx.execute(sql`SELECT app.archive_key_in_use(${key}) AS used`)).rows[0] as { used: boolean }).used,
    );
    if (!inUse) await deps.env.ARCHIVE.delete(key);
    removed.set(key, (await deps.env.ARCHIVE.head(key)) === null);
  }
  const [after] = await deps.db.withTenant(t, (tx) => tx.select().from(archiveDisposals).where(eq(archiveDisposals.id, id)));
  const certificate: Omit<DestructionCertificate, "journal"> = {
    type: "certificat-de-destruction",
    reference: after.reference,
    tenant: { name: deps.ctx.tenant.name, siren: deps.ctx.tenant.siren },
    archivalAgency: archivalAgency(deps.env, deps.ctx),
    decision: { by: after.decidedBy, at: after.decidedAt.toISOString(), reason: after.reason },
    visa: {
      authority: after.visaAuthority ?? "",
      by: after.visaBy ?? "",
      reference: after.visaReference ?? "",
      at: after.visaAt?.toISOString() ?? "",
      comment: after.visaComment ?? "",
    },
    executedAt: (after.executedAt ?? new Date()).toISOString(),
    method: "Suppression des objets numériques du compartiment d’archives (R2) ; notices descriptives, empreintes et journal scellé conservés (NF Z42-013).",
    units: units.map((u) => ({
      reference: u.reference,
      title: u.title,
      originatingAgency: u.originatingAgency,
      startDate: u.startDate,
      endDate: u.endDate,
      appraisalRule: u.appraisalRule,
      duaEnd: u.duaEnd,
      objects: objects
        .filter((o) => o.unitId === u.id)
        .map((o) => ({
          fileName: o.fileName,
          size: o.size,
          sha512: o.sha512 ?? "",
          key: o.r2Key ?? "",
          bytesRemoved: o.r2Key ? (removed.get(o.r2Key) ?? false) : true,
        })),
    })),
  };
  const hash = await sha256Hex(stableJson(certificate));
  return deps.db.write(deps.ctx, async (tx, journal) => {
    await lockChain(tx, t);
    const s = await seal(tx, deps.ctx, sealer, {
      action: "archive.disposal.certificate",
      target: `archive_disposals/${id}`,
      details: { reference: after.reference, certificateSha256: hash, executedSeq: executed?.seq ?? null },
    });
    const full: DestructionCertificate = { ...certificate, journal: { seq: s.seq, hash: s.hash } };
    await tx.update(archiveDisposals).set({ certificate: full, certificateSha256: hash }).where(eq(archiveDisposals.id, id));
    await journal({
      action: "archive.disposal.certificate",
      target: `archive_disposals/${id}`,
      summary: { reference: after.reference, certificateSha256: hash },
    });
    return full;
  });
}

/** A disposal with its units (for the back office and the certificate). */
export async function getDisposal(deps: ArchiveDeps, id: string) {
  const { disposal, units } = await disposalOf(deps, id);
  return { ...disposal, statusLabel: m.disposalLabels[disposal.status], units: units.map(brief) };
}

export async function listDisposals(deps: ArchiveDeps) {
  const t = deps.ctx.tenant.id;
  const rows = await deps.db.withTenant(t, (tx) =>
    tx.select().from(archiveDisposals).where(eq(archiveDisposals.tenantId, t)).orderBy(sql`${archiveDisposals.decidedAt} DESC`).limit(200),
  );
  return rows.map((d) => ({
    id: d.id,
    reference: d.reference,
    status: d.status,
    statusLabel: m.disposalLabels[d.status],
    reason: d.reason,
    decidedAt: d.decidedAt,
    visaAt: d.visaAt,
    executedAt: d.executedAt,
  }));
}

/** Places or lifts a legal hold (gel juridique): a held unit cannot be destroyed, even with a visa. */
export async function setLegalHold(deps: ArchiveDeps, unitId: string, input: { hold: boolean; reason?: string }) {
  const sealer = await sealerOf(deps.env);
  return refusing(() =>
    deps.db.write(deps.ctx, async (tx, journal) => {
      await lockChain(tx, deps.ctx.tenant.id);
      const [u] = await tx
        .update(archiveUnits)
        .set({ legalHold: input.hold, legalHoldReason: input.hold ? (input.reason ?? "") : null })
        .where(eq(archiveUnits.id, unitId))
        .returning();
      if (!u) throw notFound(m.unitNotFound);
      await seal(tx, deps.ctx, sealer, {
        action: input.hold ? "archive.unit.hold" : "archive.unit.release",
        target: `archive_units/${unitId}`,
        details: { reference: u.reference, reason: input.reason ?? "" },
      });
      await journal({
        action: input.hold ? "archive.unit.hold" : "archive.unit.release",
        target: `archive_units/${unitId}`,
        summary: { reference: u.reference },
      });
      return brief(u);
    }),
  );
}
