/**
 * The `audit` domain (issue #25, second half; ADR 0043): the collectivity runs the security audit
 * of its whole IT here, not only of Communa. Every table is 'own' (RLS): the EPCI and each commune
 * keep their own checklist, findings, homologations, register notes and incidents.
 *
 * The ANSSI hygiene guide's measures are reference data in the Worker
 * (workers/audit/src/services/anssi.ts, with their source); here is each tenant's answer to them.
 * Legal delays (CNIL 72 h, NIS 2) are dated parameters in the Worker, not columns.
 *
 * Personal data: `owner` fields name a function (« DGS », « prestataire informatique »), the forms
 * say so; an incident's description may mention people: the register of personal data
 * (db/src/retention.ts) lists `security_incidents`.
 */
import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns.ts";

const list = (xs: readonly string[]) => sql.raw(xs.map((x) => `'${x}'`).join(", "));

export const MEASURE_STATUSES = ["todo", "partial", "done", "not_applicable"] as const;
export const FINDING_SOURCES = ["audit", "monaidecyber", "self"] as const;
export const FINDING_SEVERITIES = ["low", "medium", "high", "critical"] as const;
export const FINDING_STATUSES = ["open", "in_progress", "done", "accepted"] as const;
export const HOMOLOGATION_DECISIONS = ["pending", "granted", "refused"] as const;
export const INCIDENT_STATUSES = ["open", "closed"] as const;

/** A tenant's answer to one ANSSI measure (by its number in the guide). */
export const securityMeasureStatus = pgTable(
  "security_measure_status",
  {
    tenantId: tenantId(),
    measure: integer("measure").notNull(),
    status: text("status", { enum: MEASURE_STATUSES }).notNull().default("todo"),
    /** What shows it (a document, a link, a procedure's name). */
    evidence: text("evidence").notNull().default(""),
    /** The function in charge (not a person's name). */
    owner: text("owner").notNull().default(""),
    nextReview: date("next_review"),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.measure] }),
    check("security_measure_number", sql`${t.measure} BETWEEN 1 AND 42`),
    check("security_measure_status_check", sql`${t.status} IN (${list(MEASURE_STATUSES)})`),
  ],
);

/** A finding of a commissioned audit, a MonAideCyber diagnostic or a self-assessment, and its corrective action. */
export const securityFindings = pgTable(
  "security_findings",
  {
    id: id(),
    tenantId: tenantId(),
    source: text("source", { enum: FINDING_SOURCES }).notNull(),
    title: text("title").notNull(),
    severity: text("severity", { enum: FINDING_SEVERITIES }).notNull(),
    asset: text("asset").notNull(),
    action: text("action").notNull(),
    owner: text("owner").notNull(),
    dueOn: date("due_on").notNull(),
    status: text("status", { enum: FINDING_STATUSES }).notNull().default("open"),
    evidence: text("evidence").notNull().default(""),
    /** ANSSI measure the finding relates to, if any. */
    measure: integer("measure"),
    closedOn: date("closed_on"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("security_findings_tenant_due_idx").on(t.tenantId, t.dueOn),
    check("security_findings_source_check", sql`${t.source} IN (${list(FINDING_SOURCES)})`),
    check("security_findings_severity_check", sql`${t.severity} IN (${list(FINDING_SEVERITIES)})`),
    check("security_findings_status_check", sql`${t.status} IN (${list(FINDING_STATUSES)})`),
    // A closed action carries its evidence and its day.
    check("security_findings_closed_evidence", sql`${t.status} NOT IN ('done', 'accepted') OR (${t.evidence} <> '' AND ${t.closedOn} IS NOT NULL)`),
  ],
);

/** A re-assessment: the maturity and the open findings on a day, kept to draw the trend. */
export const securityAssessments = pgTable(
  "security_assessments",
  {
    id: id(),
    tenantId: tenantId(),
    on: date("on").notNull(),
    source: text("source", { enum: FINDING_SOURCES }).notNull(),
    label: text("label").notNull(),
    /** Measures done / applicable, per theme and overall, at the time (see services/maturity.ts). */
    maturity: jsonb("maturity").notNull(),
    openFindings: integer("open_findings").notNull(),
    overdueFindings: integer("overdue_findings").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("security_assessments_tenant_on_idx").on(t.tenantId, t.on)],
);

/** The homologation of one online service (a Communa module) by the tenant's authority. */
export const securityHomologations = pgTable(
  "security_homologations",
  {
    tenantId: tenantId(),
    module: text("module").notNull(),
    /** MonServiceSécurisé's description, completed by the tenant where the code cannot know. */
    description: text("description").notNull().default(""),
    hosting: text("hosting").notNull().default(""),
    extraMeasures: text("extra_measures").notNull().default(""),
    decision: text("decision", { enum: HOMOLOGATION_DECISIONS }).notNull().default("pending"),
    /** The authority's function (mayor, president, DGS: « niveau hiérarchique suffisant »). */
    authority: text("authority").notNull().default(""),
    decidedOn: date("decided_on"),
    expiresOn: date("expires_on"),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.module] }),
    check("security_homologations_decision_check", sql`${t.decision} IN (${list(HOMOLOGATION_DECISIONS)})`),
    check("security_homologations_decided", sql`${t.decision} = 'pending' OR (${t.decidedOn} IS NOT NULL AND ${t.authority} <> '')`),
  ],
);

/** What the law needs in words on one processing (a module) of the register of personal data. */
export const securityProcessingNotes = pgTable(
  "security_processing_notes",
  {
    tenantId: tenantId(),
    module: text("module").notNull(),
    purpose: text("purpose").notNull().default(""),
    recipients: text("recipients").notNull().default(""),
    legalBasis: text("legal_basis").notNull().default(""),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.module] })],
);

/** A security incident and its notifications. */
export const securityIncidents = pgTable(
  "security_incidents",
  {
    id: id(),
    tenantId: tenantId(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** When the tenant became aware of it: the notification clocks start here. */
    detectedAt: timestamp("detected_at", { withTimezone: true }).notNull(),
    personalData: boolean("personal_data").notNull(),
    /** A significant incident under NIS 2, if the tenant is in its scope. */
    nis2: boolean("nis2").notNull().default(false),
    cnilNotifiedAt: timestamp("cnil_notified_at", { withTimezone: true }),
    nis2WarningAt: timestamp("nis2_warning_at", { withTimezone: true }),
    nis2NotifiedAt: timestamp("nis2_notified_at", { withTimezone: true }),
    nis2FinalReportAt: timestamp("nis2_final_report_at", { withTimezone: true }),
    status: text("status", { enum: INCIDENT_STATUSES }).notNull().default("open"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("security_incidents_tenant_detected_idx").on(t.tenantId, t.detectedAt),
    check("security_incidents_status_check", sql`${t.status} IN (${list(INCIDENT_STATUSES)})`),
  ],
);
