/**
 * The safe's documents: the month's payroll PDF deposited in bulk (split per payroll number, a
 * manifest of expected vs found, a second person's check, then published and the agents notified —
 * a link, never an attachment), single documents (arrêtés, contracts, certificates, a corrected
 * payslip as a new version that keeps the old), arrêtés notified and acknowledged (or on paper),
 * and the agent's own reads — each one appended to their access journal — and their ZIP export.
 */
import { and, asc, eq, inArray, isNull, or, gte } from "drizzle-orm";
import { zipSync, strToU8 } from "fflate";
import { outbox, staffAgents, staffBatches, staffDocuments, type STAFF_DOCUMENT_TYPES } from "@communa/db";
import { AppError, conflict, forbidden, invalid, notFound, personOf, uuidv7, type Db, type TrustedContext, type Tx, type WriteTx } from "@communa/core";
import { sha256Hex } from "@communa/core/hash";
import { parisDay } from "@communa/core/time";
import type { StaffBindings } from "../env.ts";
import { m } from "../messages.fr.ts";
import { recordAccess, readAccessJournal, type AccessAction } from "./access-journal.ts";
import { agentById, agentOfCaller, agentOut, opposed, type AgentRow } from "./agents.ts";
import { activeTenantKey, openDocument, sealDocument, tenantKey } from "./envelope.ts";
import { splitPayroll } from "./payroll-pdf.ts";
import { retainUntil } from "./rules.ts";

export type DocumentType = (typeof STAFF_DOCUMENT_TYPES)[number];

export interface Deps {
  db: Db;
  ctx: TrustedContext;
  env: Pick<StaffBindings, "STAFF_SAFE" | "STAFF_MASTER_KEY">;
}

type DocumentRow = typeof staffDocuments.$inferSelect;

export const documentOut = (d: DocumentRow) => ({
  id: d.id,
  agentId: d.agentId,
  batchId: d.batchId,
  type: d.type,
  title: d.title,
  period: d.period,
  sha256: d.sha256,
  size: d.size,
  version: d.version,
  replacesId: d.replacesId,
  status: d.status,
  depositedAt: d.depositedAt.toISOString(),
  retainUntil: d.retainUntil,
  notification: d.notification,
  notifiedAt: d.notifiedAt?.toISOString() ?? null,
  acknowledgedAt: d.acknowledgedAt?.toISOString() ?? null,
  acknowledgedVia: d.acknowledgedVia,
});

const isPdf = (b: Uint8Array) => b.length > 5 && new TextDecoder().decode(b.slice(0, 5)) === "%PDF-";
const depositor = (ctx: TrustedContext) => personOf(ctx.actor) ?? `${ctx.actor.kind}:${"id" in ctx.actor ? ctx.actor.id : ""}`;
const objectKey = (tenantId: string, documentId: string) => `${tenantId}/${documentId}`;

/** Encrypts and stores one document (R2: ciphertext only), returns the row's values. */
async function storeDocument(
  tx: WriteTx,
  deps: Deps,
  stored: string[],
  doc: { agent: AgentRow; type: DocumentType; title: string; period: string; bytes: Uint8Array; batchId?: string; status: "pending" | "published" },
) {
  const { ctx, env } = deps;
  const id = uuidv7();
  const key = await activeTenantKey(tx, env.STAFF_MASTER_KEY, ctx.tenant.id);
  const sealed = await sealDocument(key, id, doc.bytes);
  const r2Key = objectKey(ctx.tenant.id, id);
  await env.STAFF_SAFE.put(r2Key, sealed.object);
  stored.push(r2Key);
  return {
    id,
    tenantId: ctx.tenant.id,
    agentId: doc.agent.id,
    batchId: doc.batchId ?? null,
    type: doc.type,
    title: doc.title,
    period: doc.period,
    sha256: await sha256Hex(doc.bytes),
    size: doc.bytes.length,
    r2Key,
    wrappedKey: sealed.wrappedKey,
    keyIv: sealed.keyIv,
    keyVersion: sealed.keyVersion,
    status: doc.status,
    depositedBy: depositor(ctx),
    retainUntil: retainUntil(doc.type, parisDay(), doc.agent.birthYear),
  };
}

/** Runs a write that stores objects; the objects go again if the transaction fails. */
async function writeWithObjects<T>(
  deps: Deps,
  fn: (tx: WriteTx, journal: Parameters<Parameters<Db["write"]>[1]>[1], stored: string[]) => Promise<T>,
): Promise<T> {
  const stored: string[] = [];
  try {
    return await deps.db.write(deps.ctx, (tx, journal) => fn(tx, journal, stored));
  } catch (err) {
    if (stored.length) await deps.env.STAFF_SAFE.delete(stored);
    throw err;
  }
}

/** Publishing a document: an older published one of the same agent, type and period becomes superseded. */
async function supersede(tx: WriteTx, d: { id: string; agentId: string; type: string; period: string }) {
  const older = await tx
    .select()
    .from(staffDocuments)
    .where(
      and(
        eq(staffDocuments.agentId, d.agentId),
        eq(staffDocuments.type, d.type as DocumentType),
        eq(staffDocuments.period, d.period),
        eq(staffDocuments.status, "published"),
      ),
    );
  const previous = older.filter((o) => o.id !== d.id).sort((a, b) => b.version - a.version)[0];
  if (!previous) return;
  await tx.update(staffDocuments).set({ status: "superseded" }).where(eq(staffDocuments.id, previous.id));
  await tx
    .update(staffDocuments)
    .set({ version: previous.version + 1, replacesId: previous.id })
    .where(eq(staffDocuments.id, d.id));
}

/** The notice to the agent: a mail with a link (never the document), or paper if they opposed or have no address. */
async function notify(tx: WriteTx, ctx: TrustedContext, agent: AgentRow, doc: { id: string; type: DocumentType; period: string }) {
  const paper = !agent.email || (await opposed(tx, ctx.tenant.id, agent.id));
  if (!paper) {
    const label = m.label(doc.type, doc.period);
    const link = `${ctx.siteUrl ?? `/${ctx.tenant.slug}`}/espace/mon-coffre/?document=${encodeURIComponent(doc.id)}`;
    await tx
      .insert(outbox)
      .values({ id: uuidv7(), tenantId: ctx.tenant.id, recipient: agent.email, subject: m.mail.subject(label), body: m.mail.body(agent.name, label, link) });
  }
  await tx
    .update(staffDocuments)
    .set({ notification: paper ? "paper" : "mail", notifiedAt: new Date() })
    .where(eq(staffDocuments.id, doc.id));
}

// ---------------------------------------------------------------- bulk payroll deposit

export interface Manifest {
  pages: number;
  expected: number;
  found: Array<{ payrollNumber: string; agentId: string; name: string; pages: number[]; documentId: string }>;
  unknown: Array<{ payrollNumber: string; pages: number[] }>;
  missing: Array<{ payrollNumber: string; agentId: string; name: string }>;
  orphanPages: number[];
  paper: string[];
}

export async function depositPayroll(deps: Deps, input: { period: string; fileName: string; pdf: Uint8Array }) {
  if (!isPdf(input.pdf)) throw invalid(undefined, [{ path: "body", message: m.notPdf }]);
  let split: Awaited<ReturnType<typeof splitPayroll>>;
  try {
    split = await splitPayroll(input.pdf);
  } catch {
    throw invalid(undefined, [{ path: "body", message: m.unreadablePdf }]);
  }
  if (!split.payslips.length) throw invalid(undefined, [{ path: "body", message: m.noPayslip }]);
  const { ctx } = deps;
  return writeWithObjects(deps, async (tx, journal, stored) => {
    const monthStart = `${input.period}-01`;
    const agents = await tx
      .select()
      .from(staffAgents)
      .where(or(isNull(staffAgents.departureDate), gte(staffAgents.departureDate, monthStart)));
    const byNumber = new Map(agents.map((a) => [a.payrollNumber, a]));
    const batchId = uuidv7();
    const manifest: Manifest = {
      pages: split.pageCount,
      expected: agents.length,
      found: [],
      unknown: [],
      missing: [],
      orphanPages: split.orphanPages,
      paper: [],
    };
    const rows = [];
    for (const slip of split.payslips) {
      const agent = byNumber.get(slip.payrollNumber);
      if (!agent) {
        manifest.unknown.push({ payrollNumber: slip.payrollNumber, pages: slip.pages });
        continue;
      }
      const row = await storeDocument(tx, deps, stored, {
        agent,
        type: "payslip",
        title: m.payslipTitle(input.period),
        period: input.period,
        bytes: slip.bytes,
        batchId,
        status: "pending",
      });
      rows.push(row);
      manifest.found.push({ payrollNumber: slip.payrollNumber, agentId: agent.id, name: agent.name, pages: slip.pages, documentId: row.id });
      if (await opposed(tx, ctx.tenant.id, agent.id)) manifest.paper.push(agent.payrollNumber);
    }
    const seen = new Set(manifest.found.map((f) => f.payrollNumber));
    manifest.missing = agents.filter((a) => !seen.has(a.payrollNumber)).map((a) => ({ payrollNumber: a.payrollNumber, agentId: a.id, name: a.name }));
    await tx.insert(staffBatches).values({
      id: batchId,
      tenantId: ctx.tenant.id,
      period: input.period,
      fileName: input.fileName,
      sha256: await sha256Hex(input.pdf),
      pages: split.pageCount,
      depositedBy: depositor(ctx),
      manifest,
    });
    if (rows.length) await tx.insert(staffDocuments).values(rows);
    await journal({
      action: "staff.payroll.deposit",
      target: `staff_batches/${batchId}`,
      summary: { period: input.period, found: manifest.found.length, unknown: manifest.unknown.length, missing: manifest.missing.length },
    });
    return batchOut((await tx.select().from(staffBatches).where(eq(staffBatches.id, batchId)))[0]);
  });
}

const batchOut = (b: typeof staffBatches.$inferSelect) => ({
  id: b.id,
  period: b.period,
  fileName: b.fileName,
  sha256: b.sha256,
  pages: b.pages,
  status: b.status,
  depositedBy: b.depositedBy,
  depositedAt: b.depositedAt.toISOString(),
  validatedBy: b.validatedBy,
  validatedAt: b.validatedAt?.toISOString() ?? null,
  manifest: b.manifest as Manifest,
});

export async function getBatch(db: Db, ctx: TrustedContext, batchId: string) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const [b] = await tx.select().from(staffBatches).where(eq(staffBatches.id, batchId));
    if (!b) throw notFound(m.noBatch);
    return batchOut(b);
  });
}

export async function listBatches(db: Db, ctx: TrustedContext) {
  return db.withTenant(ctx.tenant.id, async (tx) => (await tx.select().from(staffBatches).orderBy(asc(staffBatches.depositedAt))).map(batchOut).reverse());
}

/** The second person's check: publishes the batch's payslips and notifies their agents. */
export async function validateBatch(deps: Deps, batchId: string) {
  const { ctx } = deps;
  const who = personOf(ctx.actor);
  if (!who) throw forbidden(m.personOnly);
  return deps.db.write(ctx, async (tx, journal) => {
    const [b] = await tx.select().from(staffBatches).where(eq(staffBatches.id, batchId)).for("update");
    if (!b) throw notFound(m.noBatch);
    if (b.status !== "pending") throw conflict(m.batchNotPending);
    if (b.depositedBy === who) throw forbidden(m.fourEyes);
    await tx.update(staffBatches).set({ status: "published", validatedBy: who, validatedAt: new Date() }).where(eq(staffBatches.id, batchId));
    const docs = await tx.select().from(staffDocuments).where(eq(staffDocuments.batchId, batchId));
    await tx.update(staffDocuments).set({ status: "published" }).where(eq(staffDocuments.batchId, batchId));
    const agentIds = [...new Set(docs.map((d) => d.agentId))];
    const agents = new Map((agentIds.length ? await tx.select().from(staffAgents).where(inArray(staffAgents.id, agentIds)) : []).map((a) => [a.id, a]));
    for (const d of docs) {
      await supersede(tx, d);
      await notify(tx, ctx, agents.get(d.agentId)!, d);
    }
    await journal({ action: "staff.payroll.publish", target: `staff_batches/${batchId}`, summary: { period: b.period, published: docs.length } });
    return batchOut((await tx.select().from(staffBatches).where(eq(staffBatches.id, batchId)))[0]);
  });
}

// ---------------------------------------------------------------- single documents

export interface DocumentInput {
  type: DocumentType;
  title: string;
  period: string;
  /** A correction: the published document this one replaces (kept, marked superseded). */
  replaces?: string;
}

export async function depositDocument(deps: Deps, agentId: string, input: DocumentInput, pdf: Uint8Array) {
  if (!isPdf(pdf)) throw invalid(undefined, [{ path: "body", message: m.notPdf }]);
  const { ctx } = deps;
  return writeWithObjects(deps, async (tx, journal, stored) => {
    const agent = await agentById(tx, agentId);
    let replaced: DocumentRow | undefined;
    if (input.replaces) {
      [replaced] = await tx.select().from(staffDocuments).where(eq(staffDocuments.id, input.replaces));
      if (!replaced || replaced.agentId !== agent.id || replaced.type !== input.type || replaced.status !== "published")
        throw invalid(undefined, [{ path: "query/replaces", message: m.replacesOther }]);
    }
    const row = await storeDocument(tx, deps, stored, {
      agent,
      type: input.type,
      title: input.title,
      period: replaced?.period ?? input.period,
      bytes: pdf,
      status: "published",
    });
    await tx.insert(staffDocuments).values({ ...row, version: replaced ? replaced.version + 1 : 1, replacesId: replaced?.id ?? null });
    if (replaced) await tx.update(staffDocuments).set({ status: "superseded" }).where(eq(staffDocuments.id, replaced.id));
    await notify(tx, ctx, agent, row);
    await journal({
      action: replaced ? "staff.document.correct" : "staff.document.deposit",
      target: `staff_documents/${row.id}`,
      summary: { agent: agent.id, type: input.type, period: row.period, replaces: replaced?.id ?? null },
    });
    const [out] = await tx.select().from(staffDocuments).where(eq(staffDocuments.id, row.id));
    return documentOut(out);
  });
}

/** Paper path of an arrêté: notified on paper on a day, acknowledged (signed receipt) on a day. */
export async function recordPaperNotification(deps: Deps, documentId: string, input: { notifiedOn: string; acknowledgedOn?: string }) {
  return deps.db.write(deps.ctx, async (tx, journal) => {
    const [d] = await tx.select().from(staffDocuments).where(eq(staffDocuments.id, documentId));
    if (!d) throw notFound(m.noDocument);
    if (d.type !== "decree") throw conflict(m.notDecree);
    const set: Partial<DocumentRow> = { notification: "paper", notifiedAt: new Date(`${input.notifiedOn}T12:00:00Z`) };
    if (input.acknowledgedOn) Object.assign(set, { acknowledgedAt: new Date(`${input.acknowledgedOn}T12:00:00Z`), acknowledgedVia: "paper" });
    const [out] = await tx.update(staffDocuments).set(set).where(eq(staffDocuments.id, documentId)).returning();
    await journal({ action: "staff.decree.paper", target: `staff_documents/${documentId}`, summary: input });
    return documentOut(out);
  });
}

// ---------------------------------------------------------------- reads (journalled)

type Reader = { agent: AgentRow; role: "agent" | "hr" };

/** Whose safe, by whom: the caller's own (agent), or an agent's as HR. */
async function reader(tx: WriteTx, ctx: TrustedContext, agentId?: string): Promise<Reader> {
  if (agentId) return { agent: await agentById(tx, agentId), role: "hr" };
  return { agent: await agentOfCaller(tx, ctx), role: "agent" };
}

async function access(tx: WriteTx, ctx: TrustedContext, r: Reader, action: AccessAction, documentIds?: Array<string | null>) {
  await recordAccess(tx, ctx.tenant.id, r.agent.id, { actorId: personOf(ctx.actor) ?? ctx.actor.kind, actorRole: r.role }, action, documentIds);
}

async function visibleDocuments(tx: WriteTx, r: Reader) {
  const rows = await tx.select().from(staffDocuments).where(eq(staffDocuments.agentId, r.agent.id)).orderBy(asc(staffDocuments.depositedAt));
  // The agent sees what was published (and its superseded versions); HR also sees what awaits the check.
  return rows.filter((d) => r.role === "hr" || d.status !== "pending").reverse();
}

export async function listSafe(deps: Deps, agentId?: string) {
  const { ctx } = deps;
  return deps.db.write(ctx, async (tx, journal) => {
    const r = await reader(tx, ctx, agentId);
    const docs = await visibleDocuments(tx, r);
    await access(tx, ctx, r, "list");
    await journal({ action: "staff.safe.list", target: `staff_agents/${r.agent.id}`, summary: { by: r.role } });
    return { agent: agentOut(r.agent), documents: docs.map(documentOut) };
  });
}

async function oneDocument(tx: WriteTx, r: Reader, documentId: string): Promise<DocumentRow> {
  const [d] = await tx
    .select()
    .from(staffDocuments)
    .where(and(eq(staffDocuments.id, documentId), eq(staffDocuments.agentId, r.agent.id)));
  if (!d || (r.role === "agent" && d.status === "pending")) throw notFound(m.noDocument);
  return d;
}

export async function viewDocument(deps: Deps, documentId: string, agentId?: string) {
  const { ctx } = deps;
  return deps.db.write(ctx, async (tx, journal) => {
    const r = await reader(tx, ctx, agentId);
    const d = await oneDocument(tx, r, documentId);
    await access(tx, ctx, r, "view", [d.id]);
    await journal({ action: "staff.document.view", target: `staff_documents/${d.id}`, summary: { by: r.role } });
    return documentOut(d);
  });
}

async function decrypt(tx: WriteTx, deps: Deps, d: DocumentRow): Promise<Uint8Array> {
  const obj = await deps.env.STAFF_SAFE.get(d.r2Key);
  if (!obj) throw new AppError("unavailable", m.missingObject);
  const key = await tenantKey(tx, deps.env.STAFF_MASTER_KEY, deps.ctx.tenant.id, d.keyVersion);
  return openDocument(key, d.id, d.wrappedKey, d.keyIv, new Uint8Array(await obj.arrayBuffer()));
}

export async function downloadDocument(deps: Deps, documentId: string, agentId?: string) {
  const { ctx } = deps;
  return deps.db.write(ctx, async (tx, journal) => {
    const r = await reader(tx, ctx, agentId);
    const d = await oneDocument(tx, r, documentId);
    const bytes = await decrypt(tx, deps, d);
    await access(tx, ctx, r, "download", [d.id]);
    await journal({ action: "staff.document.download", target: `staff_documents/${d.id}`, summary: { by: r.role } });
    return { bytes, fileName: fileNameOf(d) };
  });
}

const fileNameOf = (d: DocumentRow) => `${d.type}-${d.period}-v${d.version}.pdf`;

/** The agent acknowledges an arrêté in their safe (its date is the acknowledgement's). */
export async function acknowledge(deps: Deps, documentId: string) {
  const { ctx } = deps;
  return deps.db.write(ctx, async (tx, journal) => {
    const r = await reader(tx, ctx);
    const d = await oneDocument(tx, r, documentId);
    if (d.type !== "decree") throw conflict(m.notDecree);
    if (d.acknowledgedAt) throw conflict(m.alreadyAcknowledged);
    const [out] = await tx.update(staffDocuments).set({ acknowledgedAt: new Date(), acknowledgedVia: "safe" }).where(eq(staffDocuments.id, d.id)).returning();
    await access(tx, ctx, r, "acknowledge", [d.id]);
    await journal({ action: "staff.decree.acknowledge", target: `staff_documents/${d.id}`, summary: {} });
    return documentOut(out);
  });
}

export async function journalOf(db: Db, ctx: TrustedContext, agentId?: string) {
  return db.withTenant(ctx.tenant.id, async (tx: Tx) => {
    const agent = agentId ? await agentById(tx, agentId) : await agentOfCaller(tx, ctx);
    return readAccessJournal(tx, agent.id);
  });
}

/**
 * Everything in the agent's safe as one ZIP — every version's PDF and a JSON manifest (open formats,
 * CPCE L103's retrieval duty), for a departing agent or any time they ask.
 */
export async function exportSafe(deps: Deps) {
  const { ctx } = deps;
  return deps.db.write(ctx, async (tx, journal) => {
    const r = await reader(tx, ctx);
    const docs = await visibleDocuments(tx, r);
    const files: Record<string, Uint8Array> = {};
    const manifest = [];
    for (const d of docs) {
      const name = fileNameOf(d);
      files[name] = await decrypt(tx, deps, d);
      manifest.push({ file: name, ...documentOut(d) });
    }
    files["manifest.json"] = strToU8(
      JSON.stringify(
        {
          agent: { name: r.agent.name, payrollNumber: r.agent.payrollNumber },
          collectivite: ctx.tenant.name,
          exportedAt: new Date().toISOString(),
          documents: manifest,
        },
        null,
        2,
      ),
    );
    await access(tx, ctx, r, "export", docs.length ? docs.map((d) => d.id) : [null]);
    await journal({ action: "staff.safe.export", target: `staff_agents/${r.agent.id}`, summary: { documents: docs.length } });
    return { zip: zipSync(files, { level: 0 }), fileName: `coffre-${r.agent.payrollNumber}.zip` };
  });
}
