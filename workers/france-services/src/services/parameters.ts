/**
 * Dated parameters of France Services (house rule: a delay or a format is a dated parameter with
 * its source, not a constant — the ANCT has not published the monthly reporting format, and the
 * retention period is the controller's choice recorded in the DPIA). The newest entry whose
 * `validFrom` is on or before the day in question applies.
 */
import type { StatDimension } from "@communa/contracts/france-services";

export interface RetentionRule {
  validFrom: string;
  /** Years an accompaniment is kept after its day (its row's retain_until). */
  years: number;
  source: string;
}

export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    validFrom: "2021-01-01",
    years: 3,
    source: "Choix du responsable de traitement (AIPD docs/france-services-dpia.md) : couvre le cycle de renouvellement du label et les bilans annuels",
  },
];

export interface ExportFormat {
  id: string;
  validFrom: string;
  /** The grouping columns, in order; each line then gives the count and the minutes. */
  columns: readonly StatDimension[];
  source: string;
  /** Only when asked for by its id (never the default). */
  onRequest?: boolean;
}

/** Export formats; the newest valid at the period's end is the default. */
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    id: "communa-2026",
    validFrom: "2021-01-01",
    columns: ["month", "operator", "commune", "mission"],
    source: "Format de Communa (mois × organisme × commune × mission) en attendant le format de remontée de l’ANCT, non publié (ADR 0045)",
  },
  {
    id: "communa-2026-detail",
    validFrom: "2021-01-01",
    columns: ["month", "operator", "commune", "mission", "family", "channel", "outcome", "autonomy"],
    source: "Toutes les dimensions, pour un tableur ou une reprise dans l’outil national",
    onRequest: true,
  },
];

/** The rule of `rules` valid on `day` (the newest whose validFrom ≤ day; else the oldest). */
export function validOn<T extends { validFrom: string }>(rules: readonly T[], day: string): T {
  const sorted = [...rules].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  return sorted.filter((r) => r.validFrom <= day).at(-1) ?? sorted[0];
}
