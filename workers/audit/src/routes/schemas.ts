/** Shared zod pieces of the audit routes (inputs checked here, French messages from the core set). */
import { z } from "@hono/zod-openapi";
import { FINDING_SEVERITIES, FINDING_SOURCES, FINDING_STATUSES, HOMOLOGATION_DECISIONS, MEASURE_STATUSES } from "@communa/db";
import { MODULES } from "../services/catalogue.ts";

export const noStore = { "cache-control": "private, no-store" };
export const json = <T extends z.ZodType>(schema: T) => ({ required: true as const, content: { "application/json": { schema } } });
export const ok = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });

export const isoDay = z.iso.date();
export const instant = z.iso.datetime({ offset: true });
export const text = (max = 200) => z.string().trim().min(1).max(max);
export const optText = (max = 2000) => z.string().trim().max(max);

export const measureStatus = z.enum(MEASURE_STATUSES);
export const source = z.enum(FINDING_SOURCES);
export const severity = z.enum(FINDING_SEVERITIES);
export const findingStatus = z.enum(FINDING_STATUSES);
export const decision = z.enum(HOMOLOGATION_DECISIONS);
export const moduleName = z.enum(Object.keys(MODULES) as [keyof typeof MODULES, ...(keyof typeof MODULES)[]]);
export const themeCode = z.enum(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]);

const counts = {
  known: z.number().int(),
  done: z.number().int(),
  partial: z.number().int(),
  todo: z.number().int(),
  notApplicable: z.number().int(),
  percent: z.number().int().nullable(),
};
export const maturityOut = z
  .object({
    themes: z.array(z.object({ code: themeCode, title: z.string(), ...counts })),
    overall: z.object(counts),
  })
  .openapi("MaturiteSecurite");

export const controlOut = z
  .object({
    id: z.enum(["archive-integrity", "dependency-audit", "restore-drill", "personal-data-inventory"]),
    label: z.string(),
    theme: themeCode.nullable(),
    measure: z.number().int().nullable(),
    status: z.enum(["ok", "failed", "unknown", "info"]),
    evidence: z.string(),
    at: z.string().nullable(),
  })
  .openapi("ControlePlateforme");

export const findingOut = z
  .object({
    id: z.string(),
    source,
    title: z.string(),
    severity,
    asset: z.string(),
    action: z.string(),
    owner: z.string(),
    dueOn: z.string(),
    status: findingStatus,
    evidence: z.string(),
    measure: z.number().int().nullable(),
    closedOn: z.string().nullable(),
    overdue: z.boolean(),
  })
  .openapi("ConstatSecurite");

export const deadlineOut = z
  .object({
    kind: z.enum(["cnil", "nis2Warning", "nis2Notification", "nis2FinalReport"]),
    due: z.string(),
    doneAt: z.string().nullable(),
    late: z.boolean(),
    source: z.string(),
    verified: z.boolean(),
  })
  .openapi("EcheanceNotification");

export const incidentOut = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    detectedAt: z.string(),
    personalData: z.boolean(),
    nis2: z.boolean(),
    status: z.enum(["open", "closed"]),
    closedAt: z.string().nullable(),
    deadlines: z.array(deadlineOut),
  })
  .openapi("IncidentSecurite");
