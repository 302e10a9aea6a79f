/**
 * SIRENE establishments import (issue #21): the rows of a monthly extract that fall in a zone's
 * perimeter, compared with the establishments the tenant already holds — new, closed (F, or absent
 * from a full extract), NAF change, band change, unchanged — as a report (dry run) or written in
 * one transaction. Any invalid row refuses the file; nothing is written.
 */
import { asc, eq, inArray } from "drizzle-orm";
import { communes, economyEstablishments, economyEstablishmentTerrains, economySites, economyTerrains } from "@communa/db";
import { invalid, type Db, type FieldError, type TrustedContext, type Tx, type WriteTx } from "@communa/core";
import { headerErrors, inSurface, readSirene, type SireneRow } from "./sirene-core.ts";
import { s } from "../messages.fr.ts";

export type DiffKind = "new" | "closed" | "changed" | "unchanged";
export interface DiffChange {
  field: "naf" | "band" | "state";
  from: string;
  to: string;
}
export interface DiffRow {
  /** The file's line, or null for an establishment closed because it is absent from a full extract. */
  line: number | null;
  siret: string;
  name: string;
  zone: string | null;
  kind: DiffKind;
  changes: DiffChange[];
  units: string[];
  note: string | null;
}
export interface SireneReport {
  dryRun: boolean;
  full: boolean;
  on: string;
  counts: {
    rows: number;
    matched: number;
    ignored: number;
    withoutPosition: number;
    new: number;
    closed: number;
    nafChanged: number;
    bandChanged: number;
    reopened: number;
    unchanged: number;
  };
  rows: DiffRow[];
}

type AnyTx = Tx | WriteTx;
type Stored = typeof economyEstablishments.$inferSelect;
interface Plan {
  report: SireneReport;
  inserts: Array<{ row: SireneRow; commune: string; unitIds: string[] }>;
  updates: Array<{ id: string; set: Partial<Stored> }>;
  names: Map<string, string>;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

async function plan(tx: AnyTx, db: Db, rows: SireneRow[], opts: { full: boolean; on: string; dryRun: boolean }): Promise<Plan> {
  const sites = await tx
    .select({ id: economySites.id, code: economySites.code, geometry: economySites.geometry })
    .from(economySites)
    .orderBy(asc(economySites.code));
  const units = await tx
    .select({ id: economyTerrains.id, code: economyTerrains.code, siteId: economyTerrains.siteId, geometry: economyTerrains.geometry })
    .from(economyTerrains)
    .orderBy(asc(economyTerrains.code));
  const stored = new Map((await tx.select().from(economyEstablishments)).map((e) => [e.siret, e]));
  const geometry = (g: unknown) => g as { type: string; coordinates: unknown };

  const report: SireneReport = {
    dryRun: opts.dryRun,
    full: opts.full,
    on: opts.on,
    counts: { rows: rows.length, matched: 0, ignored: 0, withoutPosition: 0, new: 0, closed: 0, nafChanged: 0, bandChanged: 0, reopened: 0, unchanged: 0 },
    rows: [],
  };
  const inserts: Plan["inserts"] = [];
  const updates: Plan["updates"] = [];
  const errors: FieldError[] = [];
  const matched: Array<{ row: SireneRow; zone: string; unitIds: string[]; unitCodes: string[] }> = [];

  for (const row of rows) {
    if (!row.point) {
      report.counts.ignored++;
      report.counts.withoutPosition++;
      continue;
    }
    const point = row.point;
    const site = sites.find((z) => inSurface(point, geometry(z.geometry)));
    if (!site) {
      report.counts.ignored++;
      continue;
    }
    const on = units.filter((u) => u.siteId === site.id && inSurface(point, geometry(u.geometry)));
    matched.push({ row, zone: site.code, unitIds: on.map((u) => u.id), unitCodes: on.map((u) => u.code) });
  }

  const codes = [...new Set(matched.map((x) => x.row.communeInsee).filter(Boolean))];
  const names = new Map(
    codes.length
      ? (await db.reference((r) => r.select({ insee: communes.insee, name: communes.name }).from(communes).where(inArray(communes.insee, codes)))).map((c) => [
          c.insee,
          c.name,
        ])
      : [],
  );

  for (const { row, zone, unitIds, unitCodes } of matched) {
    const at = `ligne ${row.line}`;
    const bad = (message: string) => errors.push({ path: at, message });
    const e = stored.get(row.siret);
    const base = { line: row.line, siret: row.siret, name: row.name || e?.name || "", zone, units: unitCodes };
    if (row.state === "A" && !row.naf) bad(s.noNaf);
    if (!e) {
      // Closed before it was ever recorded: nothing to follow.
      if (row.state === "F") {
        report.counts.ignored++;
        continue;
      }
      report.counts.matched++;
      if (!row.name) bad(s.noName);
      if (!row.legalCategory) bad(s.noCategory);
      if (!names.has(row.communeInsee)) bad(s.communeUnknown(row.communeInsee || "—"));
      report.counts.new++;
      report.rows.push({ ...base, kind: "new", changes: [], note: unitIds.length ? null : s.noUnit });
      inserts.push({ row, commune: row.communeInsee, unitIds });
      continue;
    }
    report.counts.matched++;
    if (row.state === "F") {
      if (e.closedOn) {
        report.counts.unchanged++;
        report.rows.push({ ...base, kind: "unchanged", changes: [], note: null });
      } else {
        report.counts.closed++;
        report.rows.push({ ...base, kind: "closed", changes: [{ field: "state", from: "A", to: "F" }], note: null });
        updates.push({ id: e.id, set: { closedOn: row.startedOn, updatedOn: opts.on } });
      }
      continue;
    }
    const changes: DiffChange[] = [];
    const set: Partial<Stored> = {};
    if (e.closedOn) {
      changes.push({ field: "state", from: "F", to: "A" });
      set.closedOn = null;
      report.counts.reopened++;
    }
    if (row.naf && row.naf !== e.nafCode.replace(/^(\d{2})(\d{2})/, "$1.$2")) {
      changes.push({ field: "naf", from: e.nafCode, to: row.naf });
      Object.assign(set, { nafCode: row.naf, nafVersion: row.nafVersion, nafLabel: s.nafLabelPending(row.naf) });
      report.counts.nafChanged++;
    }
    if (row.band !== e.workforceCode) {
      changes.push({ field: "band", from: e.workforceCode, to: row.band });
      Object.assign(set, { workforceCode: row.band, workforceYear: row.bandYear ?? Number(opts.on.slice(0, 4)) });
      report.counts.bandChanged++;
    }
    if (changes.length) {
      report.rows.push({ ...base, kind: "changed", changes, note: null });
      updates.push({ id: e.id, set: { ...set, updatedOn: opts.on } });
    } else {
      report.counts.unchanged++;
      report.rows.push({ ...base, kind: "unchanged", changes: [], note: null });
    }
  }

  if (opts.full) {
    const inFile = new Set(rows.map((r) => r.siret));
    for (const e of stored.values()) {
      if (e.closedOn || inFile.has(e.siret)) continue;
      report.counts.closed++;
      report.rows.push({
        line: null,
        siret: e.siret,
        name: e.name,
        zone: null,
        kind: "closed",
        changes: [{ field: "state", from: "A", to: "F" }],
        units: [],
        note: s.absent,
      });
      updates.push({ id: e.id, set: { closedOn: opts.on, updatedOn: opts.on } });
    }
  }

  if (errors.length) throw invalid(s.refused(new Set(errors.map((x) => x.path)).size), errors.slice(0, 500));
  return { report, inserts, updates, names };
}

/** Reads, checks and compares an extract; writes it unless `dryRun` (one transaction, one journal entry). */
export async function importSirene({
  db,
  ctx,
  text,
  dryRun,
  full,
  on,
}: {
  db: Db;
  ctx: TrustedContext;
  text: string;
  dryRun: boolean;
  full: boolean;
  on: string;
}): Promise<SireneReport> {
  const { rows, errors, fields } = readSirene(text);
  const header = headerErrors(fields);
  if (header.length) throw invalid(header[0].message, header);
  if (!rows.length) throw invalid(s.empty, [{ path: "body", message: s.empty }]);
  if (errors.length) throw invalid(s.refused(new Set(errors.map((x) => x.path)).size), errors.slice(0, 500));
  const opts = { full, on, dryRun };
  if (dryRun) return db.withTenant(ctx.tenant.id, (tx) => plan(tx, db, rows, opts).then((p) => p.report));

  return db.write(ctx, async (tx, journal) => {
    const p = await plan(tx, db, rows, opts);
    for (let i = 0; i < p.inserts.length; i += 200) {
      const chunk = p.inserts.slice(i, i + 200);
      const made = await tx
        .insert(economyEstablishments)
        .values(
          chunk.map(({ row, commune }) => ({
            tenantId: ctx.tenant.id,
            siret: row.siret,
            legalName: row.legalName,
            name: row.name,
            legalCategory: row.legalCategory,
            nafCode: row.naf,
            nafVersion: row.nafVersion,
            nafLabel: s.nafLabelPending(row.naf),
            workforceCode: row.band,
            workforceYear: row.bandYear ?? Number(on.slice(0, 4)),
            headOffice: row.headOffice,
            createdOn: row.createdOn ?? row.startedOn,
            identifiedOn: on,
            updatedOn: on,
            closedOn: null,
            communeInsee: commune,
            communeName: p.names.get(commune) ?? "",
            address: "",
            source: s.source(on),
            geocoding: "inconnu",
            points: { type: "MultiPoint", coordinates: [[round6(row.point![0]), round6(row.point![1])]] },
            publicDiffusion: row.publicDiffusion,
          })),
        )
        .returning({ id: economyEstablishments.id, siret: economyEstablishments.siret });
      const idOf = new Map(made.map((x) => [x.siret, x.id]));
      const links = chunk.flatMap(({ row, unitIds }) =>
        unitIds.map((terrainId) => ({ tenantId: ctx.tenant.id, establishmentId: idOf.get(row.siret)!, terrainId })),
      );
      if (links.length) await tx.insert(economyEstablishmentTerrains).values(links);
    }
    for (const u of p.updates) await tx.update(economyEstablishments).set(u.set).where(eq(economyEstablishments.id, u.id));
    const { rows: _rows, ...counts } = p.report.counts;
    await journal({ action: "economy.sirene.import", target: "economy_establishments", summary: { on, full, rows: _rows, ...counts } });
    return p.report;
  });
}
