/**
 * Deposits (versements): a transferring service announces a package (description, rules, files
 * with their sizes and, optionally, their SHA-512), sends each file, then the package is sealed:
 * units and objects recorded, one sealed journal entry, the acceptance report (SEDA
 * ArchiveTransferReply). `depositPackage` does all three for other modules (council minutes, HR
 * files) and for SEDA imports: every declared fingerprint is checked before anything is stored.
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { archiveDeposits, archiveJournal, archiveObjects, archiveUnits } from "@communa/db";
import { can, conflict, forbidden, invalid, notFound, type FieldError, type Tx } from "@communa/core";
import { m } from "../messages.fr.ts";
import { actorId, archivalAgency, nextReference, sealerOf, type ArchiveDeps } from "./context.ts";
import { fingerprintBytes } from "./digest.ts";
import { lockChain, seal } from "./journal.ts";
import { refusing } from "./refusal.ts";
import { ruleDates, tenantRules, today } from "./rules.ts";
import { archiveTransferReplyXml } from "./seda.ts";
import { IN_MEMORY_LIMIT, storeBytes, storeStream, type Stored } from "./store.ts";

export const HR_DOCUMENT_TYPES = ["career_decision", "contract", "training_certificate"] as const;
export type HrDocumentType = (typeof HR_DOCUMENT_TYPES)[number];

export interface UnitInput {
  title: string;
  description?: string;
  originatingAgency: string;
  startDate?: string | null;
  endDate?: string | null;
  keywords?: string[];
  appraisalRule: string;
  accessRule: string;
  /** Start of the DUA and of the communicability delay; defaults to the end date, then today. */
  ruleStartDate?: string | null;
  /** HR agent file profile. */
  hr?: { documentType: HrDocumentType; agentName: string; birthDate: string; deathDate?: string | null };
}

export interface FileInput {
  name: string;
  size: number;
  sha512?: string | null;
}

export interface DepositInput {
  transferringAgency: string;
  comment?: string;
  messageIdentifier?: string;
  source: "api" | "form" | "seda" | "service";
  units: Array<UnitInput & { files: FileInput[] }>;
}

export type DepositRow = typeof archiveDeposits.$inferSelect;
export type UnitRow = typeof archiveUnits.$inferSelect;
export type ObjectRow = typeof archiveObjects.$inferSelect;

/** May the caller deposit or read HR agent files? HR agents and archivists only. */
export const canHr = (deps: Pick<ArchiveDeps, "ctx">, mode: "read" | "write") =>
  can(deps.ctx.actor, `hr:${mode}`) || can(deps.ctx.actor, "archives:restricted");

function checkShape(input: DepositInput, deps: ArchiveDeps) {
  const errors: FieldError[] = [];
  if (!input.units.length) errors.push({ path: "body/units", message: m.noFiles });
  input.units.forEach((u, i) => {
    if (!u.files.length) errors.push({ path: `body/units/${i}/files`, message: m.noFiles });
    if (u.hr && !canHr(deps, "write")) throw forbidden(m.hrForbidden);
  });
  if (errors.length) throw invalid(undefined, errors);
}

/** Opens a deposit: units pending, objects announced (not yet received). */
export async function openDeposit(deps: ArchiveDeps, input: DepositInput): Promise<{ deposit: DepositRow; units: UnitRow[]; objects: ObjectRow[] }> {
  checkShape(input, deps);
  const { db, ctx } = deps;
  const rules = await db.withTenant(ctx.tenant.id, (tx) => tenantRules(tx, ctx.tenant.id));
  const dated = input.units.map((u, i) => {
    const start = u.ruleStartDate ?? u.endDate ?? u.startDate ?? today();
    return ruleDates(
      rules,
      {
        appraisalRule: u.appraisalRule,
        accessRule: u.accessRule,
        startDate: start,
        agent: u.hr ? { birthDate: u.hr.birthDate, deathDate: u.hr.deathDate } : undefined,
      },
      `body/units/${i}`,
    );
  });
  return db.write(ctx, async (tx, journal) => {
    await lockChain(tx, ctx.tenant.id);
    const reference = await nextReference(tx, "archive_deposits", "VERS");
    const [deposit] = await tx
      .insert(archiveDeposits)
      .values({
        tenantId: ctx.tenant.id,
        reference,
        messageIdentifier: input.messageIdentifier ?? reference,
        comment: input.comment ?? "",
        transferringAgency: input.transferringAgency,
        source: input.source,
        depositorKind: ctx.actor.kind,
        depositorId: ctx.actor.kind === "anonymous" ? null : ctx.actor.id,
      })
      .returning();
    const units: UnitRow[] = [];
    const objects: ObjectRow[] = [];
    for (const [i, u] of input.units.entries()) {
      const d = dated[i];
      const start = u.ruleStartDate ?? u.endDate ?? u.startDate ?? today();
      const [unit] = await tx
        .insert(archiveUnits)
        .values({
          tenantId: ctx.tenant.id,
          depositId: deposit.id,
          reference: await nextReference(tx, "archive_units", "ARC"),
          title: u.title,
          description: u.description ?? "",
          originatingAgency: u.originatingAgency,
          startDate: u.startDate ?? null,
          endDate: u.endDate ?? null,
          keywords: u.keywords ?? [],
          profile: u.hr ? "hr_agent" : "generic",
          documentType: u.hr?.documentType ?? null,
          agentName: u.hr?.agentName ?? null,
          agentBirthDate: u.hr?.birthDate ?? null,
          agentDeathDate: u.hr?.deathDate ?? null,
          appraisalRule: d.appraisal.code,
          appraisalStartDate: start,
          duaEnd: d.duaEnd,
          finalAction: d.finalAction,
          accessRule: d.access.code,
          communicableFrom: d.communicableFrom,
        })
        .returning();
      units.push(unit);
      if (u.files.length) {
        const rows = await tx
          .insert(archiveObjects)
          .values(
            u.files.map((f) => ({ tenantId: ctx.tenant.id, unitId: unit.id, fileName: f.name, size: f.size, declaredSha512: f.sha512?.toLowerCase() ?? null })),
          )
          .returning();
        objects.push(...rows);
      }
    }
    await journal({
      action: "archive.deposit.open",
      target: `archive_deposits/${deposit.id}`,
      summary: { reference, units: units.map((u) => u.reference), files: objects.length },
    });
    return { deposit, units, objects };
  });
}

async function objectOfDeposit(deps: ArchiveDeps, depositId: string, objectId: string) {
  const { db, ctx } = deps;
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ object: archiveObjects, unit: archiveUnits, deposit: archiveDeposits })
      .from(archiveObjects)
      .innerJoin(archiveUnits, eq(archiveUnits.id, archiveObjects.unitId))
      .innerJoin(archiveDeposits, eq(archiveDeposits.id, archiveUnits.depositId))
      .where(and(eq(archiveObjects.id, objectId), eq(archiveDeposits.id, depositId))),
  );
  if (!rows[0]) throw notFound(m.depositNotFound);
  return rows[0];
}

/** Records where objects' bytes were stored (once each), in one transaction. */
async function recordStoredMany(
  deps: ArchiveDeps,
  items: Array<{ objectId: string; stored: Stored }>,
  target = `archive_objects/${items[0]?.objectId}`,
): Promise<ObjectRow[]> {
  return deps.db.write(deps.ctx, async (tx, journal) => {
    const rows: ObjectRow[] = [];
    const now = new Date();
    for (const { objectId, stored: s } of items) {
      const [row] = await tx
        .update(archiveObjects)
        .set({ sha512: s.sha512, sha256: s.sha256, r2Key: s.key, mimeType: s.mimeType, puid: s.puid, formatName: s.formatName, storedAt: now })
        .where(and(eq(archiveObjects.id, objectId), isNull(archiveObjects.storedAt)))
        .returning();
      if (!row) throw conflict(m.fileAlreadyStored);
      rows.push(row);
    }
    await journal({
      action: "archive.object.store",
      target,
      summary: { objects: items.map((i) => ({ id: i.objectId, sha512: i.stored.sha512, size: i.stored.size, created: i.stored.created })) },
    });
    return rows;
  });
}

const recordStored = async (deps: ArchiveDeps, objectId: string, stored: Stored) => (await recordStoredMany(deps, [{ objectId, stored }]))[0];

/** Most files one batch request may carry, and their total size (the batch is held in memory). */
export const BATCH_MAX_FILES = 100;
export const BATCH_MAX_BYTES = 32 * 1024 * 1024;

/**
 * Receives several announced small files in one request (multipart, field name = object id): all
 * are fingerprinted and checked first, then stored, then recorded in one transaction — fewer round
 * trips than one request per file. Nothing is recorded if one of them is refused.
 */
export async function uploadFiles(deps: ArchiveDeps, depositId: string, parts: Array<{ objectId: string; bytes: Uint8Array }>): Promise<ObjectRow[]> {
  const receipt = await depositReceipt(deps, depositId);
  if (receipt.status !== "open") throw conflict(m.depositNotOpen);
  const announced = new Map(receipt.units.flatMap((u) => u.objects.map((o) => [o.id, { ...o, profile: u.profile }] as const)));
  const declared = await deps.db.withTenant(deps.ctx.tenant.id, (tx) =>
    tx
      .select({ id: archiveObjects.id, declaredSha512: archiveObjects.declaredSha512 })
      .from(archiveObjects)
      .where(
        inArray(
          archiveObjects.id,
          parts.map((p) => p.objectId),
        ),
      ),
  );
  const errors: FieldError[] = [];
  const checked = await Promise.all(
    parts.map(async (p) => {
      const o = announced.get(p.objectId);
      const path = `body/${p.objectId}`;
      if (!o) return (errors.push({ path, message: m.depositNotFound }), null);
      if (o.received) return (errors.push({ path, message: `${o.fileName} : ${m.fileAlreadyStored}` }), null);
      if (o.profile === "hr_agent" && !canHr(deps, "write")) throw forbidden(m.hrForbidden);
      if (p.bytes.byteLength !== o.size) return (errors.push({ path, message: `${o.fileName} : ${m.sizeMismatch}` }), null);
      const fp = await fingerprintBytes(p.bytes);
      const want = declared.find((d) => d.id === p.objectId)?.declaredSha512;
      if (want && want !== fp.sha512) return (errors.push({ path, message: `${o.fileName} : ${m.hashMismatchField(fp.sha512)}` }), null);
      return { p, fp };
    }),
  );
  if (errors.length) throw invalid(m.batchRefused, errors);
  const stored = await Promise.all(
    checked.map(async (c) => ({ objectId: c!.p.objectId, stored: await storeBytes(deps.env.ARCHIVE, deps.ctx.tenant.id, c!.p.bytes, null, "body", c!.fp) })),
  );
  return recordStoredMany(deps, stored, `archive_deposits/${depositId}`);
}

/**
 * Receives one announced file (the request body, streamed). Up to 16 MiB it is hashed in memory;
 * beyond, its SHA-512 must have been declared and is checked on the way to R2.
 */
export async function uploadFile(deps: ArchiveDeps, depositId: string, objectId: string, body: ReadableStream<Uint8Array> | null): Promise<ObjectRow> {
  const { object, unit, deposit } = await objectOfDeposit(deps, depositId, objectId);
  if (deposit.status !== "open") throw conflict(m.depositNotOpen);
  if (object.storedAt) throw conflict(m.fileAlreadyStored);
  if (unit.profile === "hr_agent" && !canHr(deps, "write")) throw forbidden(m.hrForbidden);
  const stream = body ?? new Blob([]).stream();
  let stored: Stored;
  if (object.size <= IN_MEMORY_LIMIT) {
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    if (bytes.byteLength !== object.size) throw invalid(m.sizeMismatch, [{ path: "body", message: m.sizeMismatch }]);
    stored = await storeBytes(deps.env.ARCHIVE, deps.ctx.tenant.id, bytes, object.declaredSha512);
  } else {
    if (!object.declaredSha512)
      throw invalid(m.declaredHashRequired(IN_MEMORY_LIMIT / 1024 / 1024), [{ path: "body", message: m.declaredHashRequired(IN_MEMORY_LIMIT / 1024 / 1024) }]);
    stored = await storeStream(deps.env.ARCHIVE, deps.ctx.tenant.id, stream, object.size, object.declaredSha512);
  }
  return recordStored(deps, objectId, stored);
}

export interface Receipt {
  id: string;
  reference: string;
  status: string;
  messageIdentifier: string;
  transferringAgency: string;
  acceptedAt: string | null;
  units: Array<{
    id: string;
    reference: string;
    title: string;
    profile: string;
    appraisalRule: string;
    duaEnd: string;
    finalAction: string;
    accessRule: string;
    communicableFrom: string;
    objects: Array<{
      id: string;
      fileName: string;
      size: number;
      sha512: string | null;
      sha256: string | null;
      mimeType: string | null;
      puid: string | null;
      received: boolean;
    }>;
  }>;
  seal: { seq: number; hash: string; at: string } | null;
}

/** A deposit as its depositor sees it (status, units, objects and their fingerprints). */
export async function depositReceipt(deps: ArchiveDeps, depositId: string): Promise<Receipt> {
  const { db, ctx } = deps;
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const [deposit] = await tx.select().from(archiveDeposits).where(eq(archiveDeposits.id, depositId));
    if (!deposit) throw notFound(m.depositNotFound);
    const units = await tx.select().from(archiveUnits).where(eq(archiveUnits.depositId, depositId)).orderBy(asc(archiveUnits.reference));
    if (units.some((u) => u.profile === "hr_agent") && !canHr(deps, "read")) throw forbidden(m.hrForbidden);
    const objects = units.length
      ? await tx
          .select()
          .from(archiveObjects)
          .where(
            inArray(
              archiveObjects.unitId,
              units.map((u) => u.id),
            ),
          )
          .orderBy(asc(archiveObjects.createdAt))
      : [];
    const sealEntry = deposit.status === "accepted" ? await sealOf(tx, ctx.tenant.id, depositId) : null;
    return {
      id: deposit.id,
      reference: deposit.reference,
      status: deposit.status,
      messageIdentifier: deposit.messageIdentifier,
      transferringAgency: deposit.transferringAgency,
      acceptedAt: deposit.acceptedAt?.toISOString() ?? null,
      units: units.map((u) => ({
        id: u.id,
        reference: u.reference,
        title: u.title,
        profile: u.profile,
        appraisalRule: u.appraisalRule,
        duaEnd: u.duaEnd,
        finalAction: u.finalAction,
        accessRule: u.accessRule,
        communicableFrom: u.communicableFrom,
        objects: objects
          .filter((o) => o.unitId === u.id)
          .map((o) => ({
            id: o.id,
            fileName: o.fileName,
            size: o.size,
            sha512: o.sha512,
            sha256: o.sha256,
            mimeType: o.mimeType,
            puid: o.puid,
            received: o.storedAt !== null,
          })),
      })),
      seal: sealEntry,
    };
  });
}

async function sealOf(tx: Tx, tenantId: string, depositId: string) {
  const [row] = await tx
    .select({ seq: archiveJournal.seq, hash: archiveJournal.hash, at: archiveJournal.at })
    .from(archiveJournal)
    .where(
      and(
        eq(archiveJournal.tenantId, tenantId),
        eq(archiveJournal.target, `archive_deposits/${depositId}`),
        eq(archiveJournal.action, "archive.deposit.accept"),
      ),
    )
    .orderBy(sql`${archiveJournal.seq} DESC`)
    .limit(1);
  return row ? { seq: Number(row.seq), hash: row.hash, at: new Date(row.at).toISOString() } : null;
}

/**
 * Seals an open deposit whose files have all arrived: units sealed, the deposit accepted, one
 * sealed journal entry listing every object's SHA-512, and the acceptance report.
 */
export async function sealDeposit(deps: ArchiveDeps, depositId: string): Promise<Receipt> {
  const { db, ctx, env } = deps;
  const before = await depositReceipt(deps, depositId);
  if (before.status !== "open") throw conflict(m.depositNotOpen);
  const missing = before.units.flatMap((u) => u.objects.filter((o) => !o.received).map((o) => o.fileName));
  if (missing.length) throw conflict(m.filesMissing(missing));
  const sealer = await sealerOf(env);
  await refusing(() =>
    db.write(ctx, async (tx, journal) => {
      await lockChain(tx, ctx.tenant.id);
      const now = new Date();
      const [deposit] = await tx
        .update(archiveDeposits)
        .set({ status: "accepted", acceptedAt: now })
        .where(and(eq(archiveDeposits.id, depositId), eq(archiveDeposits.status, "open")))
        .returning();
      if (!deposit) throw conflict(m.depositNotOpen);
      await tx.update(archiveUnits).set({ status: "sealed", sealedAt: now }).where(eq(archiveUnits.depositId, depositId));
      const details = {
        reference: deposit.reference,
        messageIdentifier: deposit.messageIdentifier,
        units: before.units.map((u) => ({
          id: u.id,
          reference: u.reference,
          objects: u.objects.map((o) => ({ id: o.id, name: o.fileName, size: o.size, sha512: o.sha512 })),
        })),
      };
      const s = await seal(tx, ctx, sealer, { action: "archive.deposit.accept", target: `archive_deposits/${depositId}`, details });
      const reply = archiveTransferReplyXml({
        messageIdentifier: `ATR-${deposit.reference}`,
        requestIdentifier: deposit.messageIdentifier,
        date: now,
        grantDate: now,
        archivalAgency: archivalAgency(env, ctx),
        transferringAgency: deposit.transferringAgency,
        replyCode: "OK",
        comment: `Versement ${deposit.reference} accepté et scellé.`,
        units: before.units.map((u) => ({
          id: u.id,
          reference: u.reference,
          title: u.title,
          objects: u.objects.map((o) => ({ id: o.id, fileName: o.fileName, sha512: o.sha512 ?? "" })),
        })),
        seal: s,
      });
      await tx.update(archiveDeposits).set({ replyXml: reply }).where(eq(archiveDeposits.id, depositId));
      await journal({
        action: "archive.deposit.accept",
        target: `archive_deposits/${depositId}`,
        summary: { reference: deposit.reference, sealSeq: s.seq, by: actorId(ctx) },
      });
    }),
  );
  return depositReceipt(deps, depositId);
}

/** A file handed over by another module or a SEDA import: its bytes, or a stream with its declared SHA-512. */
export type PackageFile = FileInput & ({ bytes: Uint8Array; stream?: never } | { stream: ReadableStream<Uint8Array>; sha512: string; bytes?: never });

export interface PackageInput extends Omit<DepositInput, "units"> {
  units: Array<UnitInput & { files: PackageFile[] }>;
}

/**
 * The one way to deposit from code (council minutes, HR files, SEDA imports): announce, store,
 * seal. Every file held in memory is checked against its declared SHA-512 before anything is
 * stored or recorded, so a package with one wrong fingerprint leaves no trace.
 */
export async function depositPackage(deps: ArchiveDeps, input: PackageInput): Promise<Receipt> {
  // Another module's deposit is idempotent on its message identifier (unique per tenant for
  // source "service", migration 0042): a retry returns the first deposit, or completes it.
  const again = input.source === "service" && input.messageIdentifier ? await serviceDeposit(deps, input.messageIdentifier) : null;
  if (again) return resumePackage(deps, again, input);
  try {
    return await freshPackage(deps, input);
  } catch (err) {
    const raced = input.source === "service" && input.messageIdentifier ? await serviceDeposit(deps, input.messageIdentifier) : null;
    if (raced) return resumePackage(deps, raced, input);
    throw err;
  }
}

async function serviceDeposit(deps: ArchiveDeps, messageIdentifier: string): Promise<string | null> {
  const { db, ctx } = deps;
  const [row] = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ id: archiveDeposits.id })
      .from(archiveDeposits)
      .where(and(eq(archiveDeposits.tenantId, ctx.tenant.id), eq(archiveDeposits.source, "service"), eq(archiveDeposits.messageIdentifier, messageIdentifier))),
  );
  return row?.id ?? null;
}

/**
 * A deposit already made under this message identifier: the same files (name, size and, for bytes,
 * SHA-512 against what was declared or sealed) or a conflict; then what is missing stored and sealed.
 */
async function resumePackage(deps: ArchiveDeps, depositId: string, input: PackageInput): Promise<Receipt> {
  const receipt = await depositReceipt(deps, depositId);
  const announced = receipt.units.flatMap((u) => u.objects);
  const declared = new Map(
    (
      await deps.db.withTenant(deps.ctx.tenant.id, (tx) =>
        tx
          .select({ id: archiveObjects.id, sha512: archiveObjects.declaredSha512 })
          .from(archiveObjects)
          .where(
            inArray(
              archiveObjects.id,
              announced.map((o) => o.id),
            ),
          ),
      )
    ).map((r) => [r.id, r.sha512]),
  );
  const files = await Promise.all(
    input.units.flatMap((u) => u.files).map(async (f) => ({ f, sha512: f.bytes ? (await fingerprintBytes(f.bytes)).sha512 : f.sha512!.toLowerCase() })),
  );
  const match = (o: (typeof announced)[number]) =>
    files.find((x) => x.f.name === o.fileName && x.f.size === o.size && x.sha512 === (o.sha512 ?? declared.get(o.id)));
  if (announced.length !== files.length || !announced.every(match)) throw conflict(m.messageReused(input.messageIdentifier!));
  if (receipt.status === "accepted") return receipt;
  try {
    for (const o of announced.filter((x) => !x.received)) {
      const { f, sha512 } = match(o)!;
      const stored = f.bytes
        ? await storeBytes(deps.env.ARCHIVE, deps.ctx.tenant.id, f.bytes, sha512)
        : await storeStream(deps.env.ARCHIVE, deps.ctx.tenant.id, f.stream!, f.size, sha512);
      await recordStored(deps, o.id, stored);
    }
    return await sealDeposit(deps, depositId);
  } catch (err) {
    // The first delivery, still running, stored or sealed it meanwhile: its result is ours. While
    // it has not finished, the caller gets the conflict and retries (nothing was recorded twice).
    const now = await depositReceipt(deps, depositId);
    if (now.status === "accepted") return now;
    throw err;
  }
}

async function freshPackage(deps: ArchiveDeps, input: PackageInput): Promise<Receipt> {
  const errors: FieldError[] = [];
  const prints = await Promise.all(
    input.units.map((u, i) =>
      Promise.all(
        u.files.map(async (f, j) => {
          if (!f.bytes) return null;
          const fp = await fingerprintBytes(f.bytes);
          if (f.sha512 && f.sha512.toLowerCase() !== fp.sha512)
            errors.push({ path: `units/${i}/files/${j}`, message: `${f.name} : ${m.hashMismatchField(fp.sha512)}` });
          if (f.size !== fp.size) errors.push({ path: `units/${i}/files/${j}`, message: `${f.name} : ${m.sizeMismatch}` });
          return fp;
        }),
      ),
    ),
  );
  if (errors.length) throw invalid(m.hashMismatch, errors);
  const opened = await openDeposit(deps, {
    ...input,
    units: input.units.map((u, i) => ({ ...u, files: u.files.map((f, j) => ({ name: f.name, size: f.size, sha512: f.sha512 ?? prints[i][j]?.sha512 })) })),
  });
  let k = 0;
  for (const u of input.units) {
    for (const f of u.files) {
      const object = opened.objects[k++];
      const stored = f.bytes
        ? await storeBytes(deps.env.ARCHIVE, deps.ctx.tenant.id, f.bytes, object.declaredSha512)
        : await storeStream(deps.env.ARCHIVE, deps.ctx.tenant.id, f.stream!, f.size, f.sha512!);
      await recordStored(deps, object.id, stored);
    }
  }
  return sealDeposit(deps, opened.deposit.id);
}

/** The acceptance report as issued. */
export async function depositReply(deps: ArchiveDeps, depositId: string): Promise<string> {
  const receipt = await depositReceipt(deps, depositId);
  const [row] = await deps.db.withTenant(deps.ctx.tenant.id, (tx) =>
    tx.select({ reply: archiveDeposits.replyXml }).from(archiveDeposits).where(eq(archiveDeposits.id, receipt.id)),
  );
  if (!row?.reply) throw conflict(m.replyNotYet);
  return row.reply;
}
