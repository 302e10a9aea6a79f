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
import { can, forbidden, notFound, conflict, type TrustedContext } from "@communa/core";
import { m } from "../messages.fr.ts";
import { archivalAgency, sealerOf, type ArchiveDeps } from "./context.ts";
import { canHr } from "./deposits.ts";
import { lockChain, seal } from "./journal.ts";
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

export const isCommunicable = (u: Pick<UnitRow, "communicableFrom">, ctx: TrustedContext) => u.communicableFrom <= today() || can(ctx.actor, "archives:restricted");

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
    const [unit] = await tx.select().from(archiveUnits).where(and(eq(archiveUnits.id, unitId), ne(archiveUnits.status, "pending")));
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
    objects: objects.map((o) => ({ id: o.id, fileName: o.fileName, size: o.size, sha512: o.sha512, sha256: o.sha256, mimeType: o.mimeType, puid: o.puid, formatName: o.formatName, destroyed: o.destroyedAt !== null })),
  };
}

/** One file of a unit, streamed from R2. */
export async function readObject(deps: ArchiveDeps, unitId: string, objectId: string) {
  const { unit, objects } = await openUnit(deps, unitId, "fichier", { objectId });
  if (unit.status === "destroyed") throw conflict(m.destroyed);
  const o = objects.find((x) => x.id === objectId);
  if (!o?.r2Key) throw notFound(m.unitNotFound);
  const body = await deps.env.ARCHIVE.get(o.r2Key);
  if (!body) throw notFound(m.unitNotFound);
  return { object: o, body };
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
        const body = await bucket.get(o.r2Key!);
        if (!body) throw new Error(`objet absent de R2 : ${o.r2Key}`);
        await add(objectUri(o), body.body);
      }
    }
    zip.end();
  };
  pump().catch((err) => writer.abort(err));
  return { stream: readable, name: `${opened.map((o) => o.unit.reference).join("_")}.zip`, manifest };
}

