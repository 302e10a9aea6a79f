/**
 * Integrity audit (NF Z42-013): every stored object is re-read from R2 and its SHA-512 recomputed;
 * the tenant's sealed journal is verified link by link. Each audit is recorded (archive_audits)
 * and sealed in the journal. Runs daily by cron for every tenant, on demand for one unit, and is
 * summed up per year in the yearly integrity report.
 */
import { and, asc, eq, gte, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { archiveAudits, archiveObjects, archiveUnits, tenants } from "@communa/db";
import { fromParisWallClock, log, notFound, requestId, conflict, type Db, type Tenant, type TrustedContext } from "@communa/core";
import type { ArchiveBindings } from "../env.ts";
import { m } from "../messages.fr.ts";
import { sealerOf, type ArchiveDeps } from "./context.ts";
import { seal, verifyJournal, type JournalReport } from "./journal.ts";
import { rehash } from "./store.ts";

export interface ObjectFailure {
  objectId: string;
  unitId: string;
  key: string;
  fileName: string;
  reason: "missing" | "hash" | "size";
  expected: string;
  found: string | null;
}

export interface AuditReport {
  id: string;
  kind: "scheduled" | "unit" | "yearly";
  unitId: string | null;
  startedAt: string;
  finishedAt: string;
  objectsChecked: number;
  objectsFailed: number;
  failures: ObjectFailure[];
  journal: JournalReport;
}

type ObjectToCheck = Pick<typeof archiveObjects.$inferSelect, "id" | "unitId" | "r2Key" | "fileName" | "sha512" | "size">;

/** Re-hashes objects (each distinct key once), a few at a time. */
export async function checkObjects(bucket: R2Bucket, objects: ObjectToCheck[], concurrency = 8): Promise<ObjectFailure[]> {
  const byKey = new Map<string, ObjectToCheck[]>();
  for (const o of objects) if (o.r2Key) byKey.set(o.r2Key, [...(byKey.get(o.r2Key) ?? []), o]);
  const keys = [...byKey.keys()];
  const failures: ObjectFailure[] = [];
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++];
      const found = await rehash(bucket, key);
      for (const o of byKey.get(key)!) {
        const base = { objectId: o.id, unitId: o.unitId, key, fileName: o.fileName, expected: o.sha512 ?? "" };
        if (!found) failures.push({ ...base, reason: "missing", found: null });
        else if (found.sha512 !== o.sha512) failures.push({ ...base, reason: "hash", found: found.sha512 });
        else if (found.size !== o.size) failures.push({ ...base, reason: "size", expected: String(o.size), found: String(found.size) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
  return failures;
}

/** The system as actor of scheduled work (journalled as such). */
const systemContext = (tenant: Tenant): TrustedContext => ({ tenant, actor: { kind: "api-key", id: "systeme:audit-integrite", permissions: [] }, requestId: requestId() });

async function record(deps: ArchiveDeps, kind: "scheduled" | "unit", unitId: string | null, startedAt: Date, checked: number, failures: ObjectFailure[], journal: JournalReport): Promise<AuditReport> {
  const sealer = await sealerOf(deps.env);
  const finishedAt = new Date();
  return deps.db.write(deps.ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(archiveAudits)
      .values({ tenantId: deps.ctx.tenant.id, kind, unitId, startedAt, finishedAt, objectsChecked: checked, objectsFailed: failures.length, chainOk: journal.ok, report: { failures, journal } })
      .returning();
    await seal(tx, deps.ctx, sealer, {
      action: "archive.audit",
      target: `archive_audits/${row.id}`,
      details: { kind, unitId, objectsChecked: checked, objectsFailed: failures.length, failed: failures.map((f) => f.objectId), chainOk: journal.ok, firstBroken: journal.firstBroken, chainChecked: journal.checked },
    });
    await audit({ action: "archive.audit", target: `archive_audits/${row.id}`, summary: { kind, objectsChecked: checked, objectsFailed: failures.length, chainOk: journal.ok } });
    return { id: row.id, kind, unitId, startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), objectsChecked: checked, objectsFailed: failures.length, failures, journal };
  });
}

/** The whole audit of one tenant: every stored object, the journal chain. */
export async function auditTenant(deps: ArchiveDeps): Promise<AuditReport> {
  const startedAt = new Date();
  const t = deps.ctx.tenant.id;
  const signer = (await sealerOf(deps.env)).signer;
  // The chain is checked first: the audit's own entry must not hide a break found now.
  const journal = await deps.db.withTenant(t, (tx) => verifyJournal(tx, t, signer));
  const failures: ObjectFailure[] = [];
  let checked = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const page = await deps.db.withTenant(t, (tx) =>
      tx
        .select({ id: archiveObjects.id, unitId: archiveObjects.unitId, r2Key: archiveObjects.r2Key, fileName: archiveObjects.fileName, sha512: archiveObjects.sha512, size: archiveObjects.size })
        .from(archiveObjects)
        .where(and(eq(archiveObjects.tenantId, t), isNotNull(archiveObjects.storedAt), isNull(archiveObjects.destroyedAt), sql`${archiveObjects.id} > ${after}`))
        .orderBy(asc(archiveObjects.id))
        .limit(1000),
    );
    if (!page.length) break;
    failures.push(...(await checkObjects(deps.env.ARCHIVE, page)));
    checked += page.length;
    after = page[page.length - 1].id;
    if (page.length < 1000) break;
  }
  return record(deps, "scheduled", null, startedAt, checked, failures, journal);
}

/** On-demand audit of one unit's objects (and the journal chain). */
export async function auditUnit(deps: ArchiveDeps, unitId: string): Promise<AuditReport> {
  const startedAt = new Date();
  const t = deps.ctx.tenant.id;
  const [unit] = await deps.db.withTenant(t, (tx) => tx.select().from(archiveUnits).where(eq(archiveUnits.id, unitId)));
  if (!unit) throw notFound(m.unitNotFound);
  if (unit.status === "destroyed") throw conflict(m.auditUnitDestroyed);
  const objects = await deps.db.withTenant(t, (tx) =>
    tx.select().from(archiveObjects).where(and(eq(archiveObjects.unitId, unitId), isNotNull(archiveObjects.storedAt), isNull(archiveObjects.destroyedAt))),
  );
  const signer = (await sealerOf(deps.env)).signer;
  const journal = await deps.db.withTenant(t, (tx) => verifyJournal(tx, t, signer));
  const failures = await checkObjects(deps.env.ARCHIVE, objects);
  return record(deps, "unit", unitId, startedAt, objects.length, failures, journal);
}

/** Cron: every tenant in turn; one tenant's failure does not stop the others. */
export async function scheduledAudit(db: Db, env: ArchiveBindings, at: Date): Promise<void> {
  const all = await db.reference((tx) => tx.select().from(tenants));
  for (const t of all) {
    const tenant: Tenant = { id: t.id, slug: t.slug, kind: t.kind as Tenant["kind"], name: t.name, siren: t.siren, insee: t.insee ?? null, parentId: t.parentId ?? null };
    try {
      const hasObjects = await db.withTenant(t.id, (tx) => tx.select({ id: archiveObjects.id }).from(archiveObjects).where(eq(archiveObjects.tenantId, t.id)).limit(1));
      if (!hasObjects.length) continue;
      const r = await auditTenant({ db, env, ctx: systemContext(tenant) });
      log(r.objectsFailed || !r.journal.ok ? "error" : "info", "audit d’intégrité des archives", { tenant: t.slug, at: at.toISOString(), checked: r.objectsChecked, failed: r.objectsFailed, chainOk: r.journal.ok });
    } catch (error) {
      log("error", "audit d’intégrité impossible", { tenant: t.slug, error });
    }
  }
}

/** The yearly integrity report: every audit of the year, summed up, with the chain as it stands now. */
export async function yearlyReport(deps: ArchiveDeps, year: number) {
  const t = deps.ctx.tenant.id;
  // The year as the collectivité counts it: from 1 January 00:00 in Paris.
  const from = new Date(fromParisWallClock(`${year}-01-01T00:00`));
  const to = new Date(fromParisWallClock(`${year + 1}-01-01T00:00`));
  const audits = await deps.db.withTenant(t, (tx) =>
    tx.select().from(archiveAudits).where(and(eq(archiveAudits.tenantId, t), gte(archiveAudits.startedAt, from), lt(archiveAudits.startedAt, to))).orderBy(asc(archiveAudits.startedAt)),
  );
  const signer = (await sealerOf(deps.env)).signer;
  const journal = await deps.db.withTenant(t, (tx) => verifyJournal(tx, t, signer));
  const failed = audits.filter((a) => a.objectsFailed > 0 || !a.chainOk);
  return {
    tenant: deps.ctx.tenant.name,
    year,
    generatedAt: new Date().toISOString(),
    audits: audits.length,
    objectsChecked: audits.reduce((n, a) => n + a.objectsChecked, 0),
    auditsWithFailures: failed.length,
    failures: failed.map((a) => ({ id: a.id, kind: a.kind, at: a.startedAt.toISOString(), objectsFailed: a.objectsFailed, chainOk: a.chainOk, report: a.report })),
    journal,
  };
}
