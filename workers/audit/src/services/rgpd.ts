/**
 * The register of processing activities (RGPD art. 30), generated from what the code declares: each
 * table holding personal data (db/src/retention.ts: what, why, legal basis, how long, which function
 * purges it) grouped into one processing per module (its owner, db/src/ownership.ts). What the code
 * cannot know — the controller's own wording of the purpose, the recipients, the legal basis where
 * the law needs words — is each tenant's note (security_processing_notes), shown beside what the
 * code says, never replacing it silently.
 */
import { TABLE_OWNERS, type Domain } from "@communa/db/ownership";
import { RETENTION_REGISTER, type RetentionEntry } from "@communa/db/retention";
import { MODULES } from "./catalogue.ts";

export interface ProcessingNote {
  purpose: string;
  recipients: string;
  legalBasis: string;
}

export interface Processing {
  module: Domain;
  label: string;
  tables: Array<Pick<RetentionEntry, "table" | "holds" | "purpose" | "basis" | "period"> & { purgedAutomatically: boolean }>;
  note: ProcessingNote | null;
}

export function processingRegister(notes: ReadonlyMap<string, ProcessingNote> = new Map()): Processing[] {
  const byModule = new Map<Domain, Processing>();
  for (const e of RETENTION_REGISTER) {
    const owner = TABLE_OWNERS[e.table]?.owner;
    if (!owner) throw new Error(`register table without an owner in db/src/ownership.ts: ${e.table}`);
    let p = byModule.get(owner);
    if (!p) {
      p = { module: owner, label: MODULES[owner].label, tables: [], note: notes.get(owner) ?? null };
      byModule.set(owner, p);
    }
    p.tables.push({ table: e.table, holds: e.holds, purpose: e.purpose, basis: e.basis, period: e.period, purgedAutomatically: e.purgedBy !== null });
  }
  return [...byModule.values()];
}

/** What each module handles, for its homologation pack. */
export function dataHandledBy(module: Domain): string[] {
  return RETENTION_REGISTER.filter((e) => TABLE_OWNERS[e.table]?.owner === module).map((e) => e.holds);
}
