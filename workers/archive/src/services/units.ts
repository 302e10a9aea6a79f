/**
 * Search and communication. Archivists and authorised agents search (French full text on title,
 * keywords, originating agency and description; dates; agency); a unit not yet communicable is
 * listed but not opened without `archives:restricted`; HR agent files are seen by HR and
 * archivists only. Every consultation (and every refused one) is sealed in the journal. A unit is
 * communicated as a zip holding its SEDA 2.3 manifest and its files, streamed from R2.
 */
import { and, asc, desc, eq, ne, sql, type SQL } from "drizzle-orm";
import { Zip, ZipPassThrough } from "fflate";
import { archiveObjects, archiveUnits } from "@communa/db";
import { can, forbidden, log, notFound, conflict, type TrustedContext } from "@communa/core";
import { m } from "../messages.fr.ts";
import { archivalAgency, sealerOf, type ArchiveDeps } from "./context.ts";
import { canHr } from "./deposits.ts";
import { lockChain, seal, sealedDigests, type SealedObject } from "./journal.ts";
import { checkStored, digestOfKey, readPinned, readVerified } from "./store.ts";
import { today } from "./rules.ts";
import { archiveTransferXml } from "./seda.ts";
import { objectUri, sedaUnitOf } from "./seda-units.ts";

type UnitRow = typeof archiveUnits.$inferSelect;
type ObjectRow = typeof archiveObjects.$inferSelect;

export interface SearchQuery {
  q?: string;
  agency?: string;
  keyword?: string;
  from?: string;
  to?: string;
  profile?: "generic" | "hr_agent";
  agent?: string;
  limit: number;
  offset: number;
}

export const isCommunicable = (u: Pick<UnitRow, "communicableFrom">, ctx: TrustedContext) =>
  u.communicableFrom <= today() || can(ctx.actor, "archives:restricted");

const listed = (u: UnitRow, ctx: TrustedContext) => ({
  id: u.id,
  reference: u.reference,
  title: u.title,
  originatingAgency: u.originatingAgency,
  startDate: u.startDate,
  endDate: u.endDate,
  keywords: u.keywords,
  profile: u.profile,
  status: u.status,
  statusLabel: m.statusLabels[u.status],
  communicableFrom: u.communicableFrom,
  communicable: isCommunicable(u, ctx),
  // A unit not yet communicable is listed with its title only.
  description: isCommunicable(u, ctx) ? u.description : null,
});

export async function searchUnits(deps: ArchiveDeps, q: SearchQuery) {
  const t = deps.ctx.tenant.id;
  const where: SQL[] = [eq(archiveUnits.tenantId, t), ne(archiveUnits.status, "pending")];
  const text = q.q?.trim();
  if (text) where.push(sql`search @@ websearch_to_tsquery('app.fr', ${text})`);
  if (q.agency) where.push(sql`${archiveUnits.originatingAgency} ILIKE ${`%${q.agency}%`}`);
  if (q.keyword) where.push(sql`${q.keyword} = ANY(${archiveUnits.keywords})`);
  // Units whose dates overlap the period asked.
  if (q.from) where.push(sql`coalesce(${archiveUnits.endDate}, ${archiveUnits.startDate}) >= ${q.from}`);
  if (q.to) where.push(sql`coalesce(${archiveUnits.startDate}, ${archiveUnits.endDate}) <= ${q.to}`);
  const hr = canHr(deps, "read");
  if (q.profile) where.push(eq(archiveUnits.profile, q.profile));
  if (!hr) where.push(eq(archiveUnits.profile, "generic"));
  if (q.agent && hr) where.push(sql`${archiveUnits.agentName} ILIKE ${`%${q.agent}%`}`);
  const rows = await deps.db.withTenant(t, (tx) =>
    tx
      .select()
      .from(archiveUnits)
      .where(and(...where))
      .orderBy(text ? sql`ts_rank(search, websearch_to_tsquery('app.fr', ${text})) DESC` : desc(archiveUnits.createdAt), asc(archiveUnits.reference))
      .limit(q.limit)
      .offset(q.offset),
  );
  return rows.map((u) => listed(u, deps.ctx));
}

async function loadUnit(deps: ArchiveDeps, unitId: string): Promise<{ unit: UnitRow; objects: ObjectRow[] }> {
  const t = deps.ctx.tenant.id;
  return deps.db.withTenant(t, async (tx) => {
    const [unit] = await tx
      .select()
      .from(archiveUnits)
      .where(and(eq(archiveUnits.id, unitId), ne(archiveUnits.status, "pending")));
    if (!unit) throw notFound(m.unitNotFound);
    const objects = await tx.select().from(archiveObjects).where(eq(archiveObjects.unitId, unitId)).orderBy(asc(archiveObjects.createdAt));
    return { unit, objects };
  });
}

/** Seals one consultation (or refused attempt) in the journal. */
async function journalConsultation(deps: ArchiveDeps, unit: UnitRow, action: string, details: Record<string, unknown>) {
  const sealer = await sealerOf(deps.env);
  await deps.db.write(deps.ctx, async (tx, journal) => {
    await lockChain(tx, deps.ctx.tenant.id);
    await seal(tx, deps.ctx, sealer, { action, target: `archive_units/${unit.id}`, details: { reference: unit.reference, ...details } });
    await journal({ action, target: `archive_units/${unit.id}`, summary: { reference: unit.reference } });
  });
}

/** Opens a unit: access rule and HR restriction checked; the consultation, allowed or refused, journalled. */
async function openUnit(deps: ArchiveDeps, unitId: string, purpose: string, details: Record<string, unknown> = {}, profile?: "hr_agent") {
  const { unit, objects } = await loadUnit(deps, unitId);
  if (profile && unit.profile !== profile) throw notFound(m.unitNotFound);
  if (unit.profile === "hr_agent" && !canHr(deps, "read")) {
    await journalConsultation(deps, unit, "archive.unit.consult.denied", { purpose, why: "hr" });
    throw forbidden(m.hrForbidden);
  }
  if (!isCommunicable(unit, deps.ctx)) {
    await journalConsultation(deps, unit, "archive.unit.consult.denied", { purpose, why: "access-rule", communicableFrom: unit.communicableFrom });
    throw forbidden(m.notCommunicable(new Date(`${unit.communicableFrom}T12:00:00Z`).toLocaleDateString("fr-FR", { dateStyle: "long" })));
  }
  await journalConsultation(deps, unit, "archive.unit.consult", { purpose, ...details });
  return { unit, objects };
}

export async function consultUnit(deps: ArchiveDeps, unitId: string, profile?: "hr_agent") {
  const { unit, objects } = await openUnit(deps, unitId, "notice", {}, profile);
  return {
    ...listed(unit, deps.ctx),
    description: unit.description,
    documentType: unit.documentType,
    agent: unit.profile === "hr_agent" ? { name: unit.agentName, birthDate: unit.agentBirthDate, deathDate: unit.agentDeathDate } : null,
    appraisalRule: unit.appraisalRule,
    appraisalStartDate: unit.appraisalStartDate,
    duaEnd: unit.duaEnd,
    finalAction: unit.finalAction,
    accessRule: unit.accessRule,
    legalHold: unit.legalHold,
    legalHoldReason: unit.legalHoldReason,
    sealedAt: unit.sealedAt,
    destroyedAt: unit.destroyedAt,
    objects: objects.map((o) => ({
      id: o.id,
      fileName: o.fileName,
      size: o.size,
      sha512: o.sha512,
      sha256: o.sha256,
      mimeType: o.mimeType,
      puid: o.puid,
      formatName: o.formatName,
      destroyed: o.destroyedAt !== null,
    })),
  };
}

/** The fingerprints sealed at the unit's deposit (signed journal entry, checked), by object id. */
async function sealedOf(deps: ArchiveDeps, unit: UnitRow): Promise<Map<string, SealedObject>> {
  const t = deps.ctx.tenant.id;
  const signer = (await sealerOf(deps.env)).signer;
  return (await deps.db.withTenant(t, (tx) => sealedDigests(tx, t, signer, [unit.depositId]))).objects;
}

/**
 * An object refused at communication: the anomaly is sealed in the journal (and the platform
 * journal), then the caller gets a problem — never the bytes, never a recomputed digest.
 */
async function refuseObject(deps: ArchiveDeps, unit: UnitRow, o: ObjectRow, reason: string, expected: string | null, found: string | null): Promise<never> {
  const sealer = await sealerOf(deps.env);
  const details = { reference: unit.reference, objectId: o.id, fileName: o.fileName, key: o.r2Key, reason, expected, found };
  await deps.db.write(deps.ctx, async (tx, journal) => {
    await lockChain(tx, deps.ctx.tenant.id);
    await seal(tx, deps.ctx, sealer, { action: "archive.integrity.failure", target: `archive_objects/${o.id}`, details });
    await journal({ action: "archive.integrity.failure", target: `archive_objects/${o.id}`, summary: { reference: unit.reference, reason } });
  });
  log("error", "contrôle d’intégrité échoué à la communication", { tenant: deps.ctx.tenant.slug, objectId: o.id, reason });
  throw reason === "missing" ? notFound(m.contentMissing(o.fileName)) : conflict(m.integrityFailed(o.fileName));
}

/** What an object must be: its sealed fingerprint, under its content address; refused otherwise. */
async function expectedOf(deps: ArchiveDeps, unit: UnitRow, o: ObjectRow, sealed: Map<string, SealedObject>): Promise<SealedObject> {
  const want = sealed.get(o.id);
  if (!want) return refuseObject(deps, unit, o, "seal", null, o.sha512);
  if (!o.r2Key || digestOfKey(o.r2Key, deps.ctx.tenant.id) !== want.sha512) return refuseObject(deps, unit, o, "address", want.sha512, o.r2Key);
  return want;
}

/**
 * One file of a unit, verified against its sealed fingerprint before a byte is served
 * (`readVerified`: in memory up to 16 MiB, else a full check then an etag-pinned read).
 */
export async function readObject(deps: ArchiveDeps, unitId: string, objectId: string) {
  const { unit, objects } = await openUnit(deps, unitId, "fichier", { objectId });
  if (unit.status === "destroyed") throw conflict(m.destroyed);
  const o = objects.find((x) => x.id === objectId);
  if (!o) throw notFound(m.objectNotFound);
  if (o.destroyedAt) throw conflict(m.destroyed);
  const want = await expectedOf(deps, unit, o, await sealedOf(deps, unit));
  const read = await readVerified(deps.env.ARCHIVE, o.r2Key!, want);
  if (!read.ok) return refuseObject(deps, unit, o, read.reason, want.sha512, read.found);
  return { object: { ...o, sha512: want.sha512 }, body: read.body, size: read.size };
}

/**
 * Communication package: a zip with `manifest.xml` (SEDA 2.3 ArchiveTransfer) and the files under
 * `content/`, streamed (files stored uncompressed: they are read once from R2 and passed through).
 */
export async function exportUnits(deps: ArchiveDeps, unitIds: string[]): Promise<{ stream: ReadableStream<Uint8Array>; name: string; manifest: string }> {
  const opened: Array<{ unit: UnitRow; objects: ObjectRow[] }> = [];
  for (const id of unitIds) {
    const o = await openUnit(deps, id, "communication");
    if (o.unit.status === "destroyed") throw conflict(m.destroyed);
    opened.push(o);
  }
  // Every file is checked against its sealed fingerprint before the package starts: a file that
  // does not hold is refused with a problem, and the manifest carries the sealed digests (never
  // ones recomputed from what is stored). Each file is then streamed from a read pinned to the
  // etag that was checked.
  const pinned = new Map<string, string>();
  for (const entry of opened) {
    const sealed = await sealedOf(deps, entry.unit);
    const live = entry.objects.filter((x) => x.r2Key && !x.destroyedAt);
    for (const o of live) {
      const want = await expectedOf(deps, entry.unit, o, sealed);
      const checked = await checkStored(deps.env.ARCHIVE, o.r2Key!, want);
      if (!checked.ok) await refuseObject(deps, entry.unit, o, checked.reason, want.sha512, checked.found);
      else pinned.set(o.id, checked.etag);
    }
    entry.objects = entry.objects.map((o) => (pinned.has(o.id) ? { ...o, sha512: sealed.get(o.id)!.sha512 } : o));
  }
  const manifest = archiveTransferXml({
    messageIdentifier: `COM-${opened.map((o) => o.unit.reference).join("-")}-${Date.now()}`,
    date: new Date(),
    comment: `Communication de ${opened.map((o) => o.unit.reference).join(", ")}`,
    archivalAgency: archivalAgency(deps.env, deps.ctx),
    transferringAgency: archivalAgency(deps.env, deps.ctx),
    units: opened.map((o) => sedaUnitOf(o.unit, o.objects)),
  });
  const bucket = deps.env.ARCHIVE;
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  const zip = new Zip((err, chunk, final) => {
    if (err) void writer.abort(err);
    else {
      void writer.write(chunk);
      if (final) void writer.close();
    }
  });
  const pump = async () => {
    const add = async (name: string, source: ReadableStream<Uint8Array> | Uint8Array) => {
      const entry = new ZipPassThrough(name);
      zip.add(entry);
      if (source instanceof Uint8Array) {
        entry.push(source, true);
        return;
      }
      const reader = source.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        entry.push(value);
        await writer.ready;
      }
      entry.push(new Uint8Array(), true);
    };
    await add("manifest.xml", new TextEncoder().encode(manifest));
    for (const { objects } of opened) {
      for (const o of objects.filter((x) => x.r2Key && !x.destroyedAt)) {
        const body = await readPinned(bucket, o.r2Key!, pinned.get(o.id) ?? "");
        if (!body) throw new Error(`object changed or missing since its check: ${o.r2Key}`);
        await add(objectUri(o), body);
      }
    }
    zip.end();
  };
  pump().catch((err) => writer.abort(err));
  return { stream: readable, name: `${opened.map((o) => o.unit.reference).join("_")}.zip`, manifest };
}
