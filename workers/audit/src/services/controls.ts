/**
 * Communa's own controls, attached as evidence where the platform knows the answer — and only
 * there: a control with no record readable from here says « inconnu », never green. The archive's
 * integrity audit is asked of the archive Worker over RPC (its tables are its own, ADR 0025). The
 * dependency audit and the restore drill run in CI and keep no result this Worker can read.
 */
import { frenchDateTime, rpcValue, type Tenant } from "@communa/core";
import type { AuditBindings } from "../env.ts";
import { m } from "../messages.fr.ts";
import type { ThemeCode } from "./anssi.ts";
import { processingRegister } from "./rgpd.ts";

export interface Control {
  id: "archive-integrity" | "dependency-audit" | "restore-drill" | "personal-data-inventory";
  label: string;
  theme: ThemeCode | null;
  /** ANSSI measure the evidence supports, when its text is known. */
  measure: number | null;
  status: "ok" | "failed" | "unknown" | "info";
  evidence: string;
  at: string | null;
}

export async function platformControls(env: AuditBindings, tenant: Tenant): Promise<Control[]> {
  const c = m.controls;
  let archive: Control = { id: "archive-integrity", label: c.archive, theme: "IX", measure: null, status: "unknown", evidence: c.archiveNone, at: null };
  try {
    const last = env.ARCHIVE ? rpcValue(await env.ARCHIVE.lastIntegrityAudit(tenant)) : undefined;
    if (last === undefined) archive = { ...archive, evidence: c.archiveUnavailable };
    else if (last)
      archive = {
        ...archive,
        status: last.objectsFailed === 0 && last.chainOk ? "ok" : "failed",
        evidence: c.archiveResult(frenchDateTime(new Date(last.finishedAt)), last.objectsChecked, last.objectsFailed, last.chainOk),
        at: last.finishedAt,
      };
  } catch {
    archive = { ...archive, evidence: c.archiveUnavailable };
  }
  const register = processingRegister();
  return [
    archive,
    { id: "dependency-audit", label: c.dependencies, theme: "VIII", measure: null, status: "unknown", evidence: c.dependenciesUnknown, at: null },
    { id: "restore-drill", label: c.restore, theme: null, measure: null, status: "unknown", evidence: c.restoreUnknown, at: null },
    {
      id: "personal-data-inventory",
      label: c.register,
      theme: "II",
      measure: 4,
      status: "info",
      evidence: c.registerResult(
        register.reduce((n, p) => n + p.tables.length, 0),
        register.length,
      ),
      at: null,
    },
  ];
}
