/**
 * Integrity audit (NF Z42-013): every stored object is re-read from R2 and its SHA-512 recomputed,
 * then compared with what cannot be changed unseen (ADR 0020): the SHA-512 and size recorded in
 * the signed journal entry that sealed its deposit (the entry's hash and signature checked), and
 * its content address (`r2_key` = `sha512/<tenant>/<hex>`). The register's `sha512` column is
 * only compared, never trusted. The tenant's sealed journal is verified link by link and held to
 * its signed checkpoints (R2 anchors). Each audit is recorded (archive_audits) with the checkpoint
 * it makes of the journal's head, sealed in the journal and anchored in R2. Runs daily by cron for
 * every tenant, on demand for one unit, and is summed up per year in the yearly integrity report.
 */
import { and, asc, desc, eq, gte, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { archiveAudits, archiveObjects, archiveUnits, tenants } from "@communa/db";
import {
  fromParisWallClock,
  log,
  notFound,
  requestId,
  uuidv7,
  conflict,
  signCheckpoint,
  writeAnchor,
  anchorKey,
  type Db,
  type Tenant,
  type TrustedContext,
} from "@communa/core";
import type { ArchiveBindings } from "../env.ts";
import { m } from "../messages.fr.ts";
import { sealerOf, type ArchiveDeps } from "./context.ts";
import { trustAnchors } from "./tsa.ts";
import { checkJournal, seal, sealedDigests, type JournalReport, type SealedObject } from "./journal.ts";
import { digestOfKey, rehash } from "./store.ts";

export interface ObjectFailure {
  objectId: string;
  unitId: string;
  key: string;
  fileName: string;
  /**
   * missing: no bytes at the key; hash / size: the bytes are not those sealed; seal: no signed
   * deposit entry holds this object's fingerprint; address: the key is not the content address of
   * the sealed fingerprint; register: the register's SHA-512 differs from the sealed one.
   */
  reason: "missing" | "hash" | "size" | "seal" | "address" | "register";
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
  /** The signed checkpoint of the journal's head this audit made (also anchored in R2). */
  checkpoint: { seq: number; hash: string; at: string; anchor: string } | null;
}

type ObjectToCheck = Pick<typeof archiveObjects.$inferSelect, "id" | "unitId" | "r2Key" | "fileName" | "sha512" | "size"> & {
  /** What the deposit's signed entry sealed; null when the unit is sealed but no entry holds it. */
  sealed: SealedObject | null;
  /** False while the deposit is still open (no seal yet: only the content address vouches). */
  unitSealed: boolean;
};

/**
 * Re-hashes objects (each distinct key once), a few at a time, and compares each with its sealed
 * fingerprint and its content address.
 */
export async function checkObjects(bucket: R2Bucket, tenantId: string, objects: ObjectToCheck[], concurrency = 8): Promise<ObjectFailure[]> {
  const byKey = new Map<string, ObjectToCheck[]>();
  for (const o of objects) if (o.r2Key) byKey.set(o.r2Key, [...(byKey.get(o.r2Key) ?? []), o]);
  const keys = [...byKey.keys()];
  const failures: ObjectFailure[] = [];
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++];
      const found = await rehash(bucket, key);
      const addressed = digestOfKey(key, tenantId);
      for (const o of byKey.get(key)!) {
        const fail = (reason: ObjectFailure["reason"], expected: string, got: string | null) =>
          failures.push({ objectId: o.id, unitId: o.unitId, key, fileName: o.fileName, reason, expected, found: got });
        // The reference: the sealed entry; before the seal, the content address.
        const want = o.sealed ? o.sealed : o.unitSealed ? null : addressed ? { sha512: addressed, size: o.size } : null;
        if (!want) fail(o.unitSealed ? "seal" : "address", o.sha512 ?? "", null);
        else if (!found) fail("missing", want.sha512, null);
        else if (found.sha512 !== want.sha512) fail("hash", want.sha512, found.sha512);
        else if (found.size !== want.size) fail("size", String(want.size), String(found.size));
        else if (addressed !== want.sha512) fail("address", want.sha512, key);
        else if (o.sha512 !== want.sha512) fail("register", want.sha512, o.sha512);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
  return failures;
}

/** The system as actor of scheduled work (journalled as such). */
const systemContext = (tenant: Tenant): TrustedContext => ({
  tenant,
  actor: { kind: "api-key", id: "systeme:audit-integrite", permissions: [] },
  requestId: requestId(),
});

/**
 * Records an audit: its row, its sealed entry and — when the chain verified — a signed checkpoint
 * of the journal's head (the audit's own entry), kept in the row and anchored in R2 once the
 * transaction has committed (an anchor never names an entry that was rolled back).
 */
async function record(
  deps: ArchiveDeps,
  kind: "scheduled" | "unit",
  unitId: string | null,
  startedAt: Date,
  checked: number,
  failures: ObjectFailure[],
  journal: JournalReport,
): Promise<AuditReport> {
  const sealer = await sealerOf(deps.env);
  const finishedAt = new Date();
  const id = uuidv7();
  const result = await deps.db.write(deps.ctx, async (tx, audit) => {
    const s = await seal(tx, deps.ctx, sealer, {
      action: "archive.audit",
      target: `archive_audits/${id}`,
      details: {
        kind,
        unitId,
        objectsChecked: checked,
        objectsFailed: failures.length,
        failed: failures.map((f) => f.objectId),
        chainOk: journal.ok,
        firstBroken: journal.firstBroken,
        chainChecked: journal.checked,
      },
    });
    const checkpoint = journal.ok
      ? await signCheckpoint(sealer.signer, { chain: "archive", tenantId: deps.ctx.tenant.id, seq: s.seq, hash: s.hash, at: s.at.toISOString() })
      : null;
    await tx.insert(archiveAudits).values({
      id,
      tenantId: deps.ctx.tenant.id,
      kind,
      unitId,
      startedAt,
      finishedAt,
      objectsChecked: checked,
      objectsFailed: failures.length,
      chainOk: journal.ok,
      report: { failures, journal },
      checkpoint,
    });
    await audit({
      action: "archive.audit",
      target: `archive_audits/${id}`,
      summary: { kind, objectsChecked: checked, objectsFailed: failures.length, chainOk: journal.ok, checkpointSeq: checkpoint?.seq ?? null },
    });
    return { checkpoint };
  });
  if (result.checkpoint) await writeAnchor(deps.env.ARCHIVE, result.checkpoint);
  const checkpoint = result.checkpoint && {
    seq: result.checkpoint.seq,
    hash: result.checkpoint.hash,
    at: result.checkpoint.at,
    anchor: anchorKey(result.checkpoint),
  };
  return {
    id,
    kind,
    unitId,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    objectsChecked: checked,
    objectsFailed: failures.length,
    failures,
    journal,
    checkpoint,
  };
}

/** The sealed fingerprints of these objects' deposits (one query per page of objects). */
async function withSeals(
  deps: ArchiveDeps,
  rows: Array<Omit<ObjectToCheck, "sealed" | "unitSealed"> & { depositId: string; unitStatus: string }>,
): Promise<ObjectToCheck[]> {
  const t = deps.ctx.tenant.id;
  const signer = (await sealerOf(deps.env)).signer;
  const depositIds = [...new Set(rows.filter((r) => r.unitStatus !== "pending").map((r) => r.depositId))];
  const { objects } = await deps.db.withTenant(t, (tx) => sealedDigests(tx, t, signer, depositIds));
  return rows.map(({ depositId: _d, unitStatus, ...r }) => ({ ...r, sealed: objects.get(r.id) ?? null, unitSealed: unitStatus !== "pending" }));
}

const objectColumns = {
  id: archiveObjects.id,
  unitId: archiveObjects.unitId,
  r2Key: archiveObjects.r2Key,
  fileName: archiveObjects.fileName,
  sha512: archiveObjects.sha512,
  size: archiveObjects.size,
  depositId: archiveUnits.depositId,
  unitStatus: archiveUnits.status,
};

/** The whole audit of one tenant: every stored object, the journal chain. */
export async function auditTenant(deps: ArchiveDeps): Promise<AuditReport> {
  const startedAt = new Date();
  const t = deps.ctx.tenant.id;
  const signer = (await sealerOf(deps.env)).signer;
  // The chain is checked first: the audit's own entry must not hide a break found now.
  const journal = await checkJournal(deps.db, deps.env.ARCHIVE, t, signer, { tsaTrust: trustAnchors(deps.env.ARCHIVE_TSA_TRUST) });
  const failures: ObjectFailure[] = [];
  let checked = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const page = await deps.db.withTenant(t, (tx) =>
      tx
        .select(objectColumns)
        .from(archiveObjects)
        .innerJoin(archiveUnits, eq(archiveUnits.id, archiveObjects.unitId))
        .where(
          and(eq(archiveObjects.tenantId, t), isNotNull(archiveObjects.storedAt), isNull(archiveObjects.destroyedAt), sql`${archiveObjects.id} > ${after}`),
        )
        .orderBy(asc(archiveObjects.id))
        .limit(1000),
    );
    if (!page.length) break;
    failures.push(...(await checkObjects(deps.env.ARCHIVE, t, await withSeals(deps, page))));
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
    tx
      .select(objectColumns)
      .from(archiveObjects)
      .innerJoin(archiveUnits, eq(archiveUnits.id, archiveObjects.unitId))
      .where(and(eq(archiveObjects.unitId, unitId), isNotNull(archiveObjects.storedAt), isNull(archiveObjects.destroyedAt))),
  );
  const signer = (await sealerOf(deps.env)).signer;
  const journal = await checkJournal(deps.db, deps.env.ARCHIVE, t, signer, { tsaTrust: trustAnchors(deps.env.ARCHIVE_TSA_TRUST) });
  const failures = await checkObjects(deps.env.ARCHIVE, t, await withSeals(deps, objects));
  return record(deps, "unit", unitId, startedAt, objects.length, failures, journal);
}

/** Cron: every tenant in turn; one tenant's failure does not stop the others. */
export async function scheduledAudit(db: Db, env: ArchiveBindings, at: Date): Promise<void> {
  const all = await db.reference((tx) => tx.select().from(tenants));
  for (const t of all) {
    const tenant: Tenant = {
      id: t.id,
      slug: t.slug,
      kind: t.kind as Tenant["kind"],
      name: t.name,
      siren: t.siren,
      insee: t.insee ?? null,
      parentId: t.parentId ?? null,
    };
    try {
      const hasObjects = await db.withTenant(t.id, (tx) =>
        tx.select({ id: archiveObjects.id }).from(archiveObjects).where(eq(archiveObjects.tenantId, t.id)).limit(1),
      );
      if (!hasObjects.length) continue;
      const r = await auditTenant({ db, env, ctx: systemContext(tenant) });
      log(r.objectsFailed || !r.journal.ok ? "error" : "info", "audit d’intégrité des archives", {
        tenant: t.slug,
        at: at.toISOString(),
        checked: r.objectsChecked,
        failed: r.objectsFailed,
        chainOk: r.journal.ok,
      });
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
    tx
      .select()
      .from(archiveAudits)
      .where(and(eq(archiveAudits.tenantId, t), gte(archiveAudits.startedAt, from), lt(archiveAudits.startedAt, to)))
      .orderBy(asc(archiveAudits.startedAt)),
  );
  const signer = (await sealerOf(deps.env)).signer;
  const journal = await checkJournal(deps.db, deps.env.ARCHIVE, t, signer, { tsaTrust: trustAnchors(deps.env.ARCHIVE_TSA_TRUST) });
  const failed = audits.filter((a) => a.objectsFailed > 0 || !a.chainOk);
  return {
    tenant: deps.ctx.tenant.name,
    year,
    generatedAt: new Date().toISOString(),
    audits: audits.length,
    objectsChecked: audits.reduce((n, a) => n + a.objectsChecked, 0),
    auditsWithFailures: failed.length,
    failures: failed.map((a) => ({
      id: a.id,
      kind: a.kind,
      at: a.startedAt.toISOString(),
      objectsFailed: a.objectsFailed,
      chainOk: a.chainOk,
      report: a.report,
    })),
    journal,
  };
}

/** The newest audit of the whole fonds (daily or on demand, not one unit's), for the security audit's evidence. */
export async function lastIntegrityAudit(db: Db, tenantId: string) {
  const [row] = await db.withTenant(tenantId, (tx) =>
    tx
      .select({
        kind: archiveAudits.kind,
        finishedAt: archiveAudits.finishedAt,
        objectsChecked: archiveAudits.objectsChecked,
        objectsFailed: archiveAudits.objectsFailed,
        chainOk: archiveAudits.chainOk,
      })
      .from(archiveAudits)
      .where(and(eq(archiveAudits.tenantId, tenantId), isNull(archiveAudits.unitId)))
      .orderBy(desc(archiveAudits.finishedAt))
      .limit(1),
  );
  return row ? { ...row, finishedAt: row.finishedAt.toISOString() } : null;
}
