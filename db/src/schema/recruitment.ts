/**
 * The `recruitment` domain (issue #24, ADR 0040): vacancy notices with the twelve fields of décret
 * 2018-1351 art. 3, the declaration to the Centre de gestion, publications per channel, applications
 * made without an account (CV and letter in R2), the pipeline (stages, notes, jury scores,
 * interviews, decision), the tasks of contract renewals, and the tenant's dated recruitment
 * parameters (minimum publication time, with its source).
 *
 * Everything is the tenant's own ('own' RLS, migration 0064). Retention (db/src/retention.ts):
 * an application goes 3 months after its rejection without the candidate's consent, 2 years after
 * the last contact with it; its files, notes, scores and interviews go with it (cascade; the R2
 * objects are deleted by the recruitment Worker with the rows, app.purge_recruitment_expired()).
 */
import { sql } from "drizzle-orm";
import { boolean, char, check, date, index, integer, pgTable, smallint, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { bytea, createdAt, id, tenantId, updatedAt } from "./columns.ts";

import {
  APPLICATION_STATES,
  APPOINTMENT_STAGE,
  CATEGORIES,
  DECLARED_GENDERS,
  CHANNELS,
  EMPLOYMENT_TYPES,
  VACANCY_NATURES,
  VACANCY_STATES,
  VERSANTS,
} from "@communa/contracts/recruitment";

export { APPLICATION_STATES, APPOINTMENT_STAGE, CATEGORIES, DECLARED_GENDERS, CHANNELS, EMPLOYMENT_TYPES, VACANCY_NATURES, VACANCY_STATES, VERSANTS };

/** Dated parameters of a tenant's recruitment (the law and case law change; sources disagree). */
export const recruitmentParameters = pgTable(
  "recruitment_parameters",
  {
    id: id(),
    tenantId: tenantId(),
    validFrom: date("valid_from").notNull(),
    /** Days a notice must have been public before an appointment. */
    minPublicationDays: smallint("min_publication_days").notNull(),
    /** Days before a fixed-term contract's end when the « new declaration » task opens. */
    renewalNoticeDays: smallint("renewal_notice_days").notNull(),
    /** The text (and date) these values come from. */
    source: text("source").notNull(),
    /** Where uploads are sent to be scanned (none: not scanned). */
    scanUrl: text("scan_url"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("recruitment_parameters_day_unique").on(t.tenantId, t.validFrom),
    check("recruitment_parameters_days", sql`${t.minPublicationDays} BETWEEN 0 AND 365 AND ${t.renewalNoticeDays} BETWEEN 1 AND 365`),
  ],
);

export const recruitmentVacancies = pgTable(
  "recruitment_vacancies",
  {
    id: id(),
    tenantId: tenantId(),
    /** Public reference, in the page's address (EMP-2026-0001). */
    reference: text("reference").notNull(),
    // The twelve fields of décret 2018-1351 art. 3.
    versant: text("versant", { enum: VERSANTS }).notNull(),
    nature: text("nature", { enum: VACANCY_NATURES }).notNull(),
    category: char("category", { length: 1, enum: CATEGORIES }).notNull(),
    cadreEmplois: text("cadre_emplois").notNull(),
    grade: text("grade"),
    recruitingAuthority: text("recruiting_authority").notNull(),
    structure: text("structure").notNull(),
    jobReference: text("job_reference").notNull(),
    missions: text("missions").notNull(),
    profile: text("profile").notNull(),
    specificConditions: text("specific_conditions"),
    title: text("title").notNull(),
    location: text("location").notNull(),
    communeInsee: char("commune_insee", { length: 5 }),
    vacancyDate: date("vacancy_date").notNull(),
    applicationAuthority: text("application_authority").notNull(),
    applicationDeadline: date("application_deadline").notNull(),
    // Optional fields and the JobPosting's.
    employmentType: text("employment_type", { enum: EMPLOYMENT_TYPES }).notNull(),
    /** A fixed-term contract's end (contractuels): the renewal task opens before it. */
    contractEndDate: date("contract_end_date"),
    salaryMinCents: integer("salary_min_cents"),
    salaryMaxCents: integer("salary_max_cents"),
    /** Configured stages, in order; the last is always `nomination`. */
    stages: text("stages").array().notNull(),
    /** Criteria of the jury's scoring grid. */
    criteria: text("criteria").array().notNull(),
    /** Names, photos and addresses hidden from reviewers at the first stages. */
    blindScreening: boolean("blind_screening").notNull().default(true),
    status: text("status", { enum: VACANCY_STATES }).notNull().default("draft"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("recruitment_vacancies_reference_unique").on(t.tenantId, t.reference),
    check("recruitment_vacancies_salary", sql`${t.salaryMinCents} IS NULL OR ${t.salaryMaxCents} IS NULL OR ${t.salaryMinCents} <= ${t.salaryMaxCents}`),
  ],
);

/** The declaration of the vacancy to the Centre de gestion (CGFP L313-4), without which an appointment is illegal. */
export const recruitmentDeclarations = pgTable("recruitment_declarations", {
  id: id(),
  tenantId: tenantId(),
  vacancyId: uuid("vacancy_id")
    .notNull()
    .unique()
    .references(() => recruitmentVacancies.id, { onDelete: "cascade" }),
  motive: text("motive").notNull(),
  cadreEmplois: text("cadre_emplois").notNull(),
  grade: text("grade"),
  /** The declaration's number at the CDG (its receipt). */
  cdgReference: text("cdg_reference").notNull(),
  declaredOn: date("declared_on").notNull(),
  createdAt: createdAt(),
});

/** When the notice went public on each channel (connectors later: export files now). */
export const recruitmentPublications = pgTable(
  "recruitment_publications",
  {
    id: id(),
    tenantId: tenantId(),
    vacancyId: uuid("vacancy_id")
      .notNull()
      .references(() => recruitmentVacancies.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
  },
  (t) => [unique("recruitment_publications_channel_unique").on(t.vacancyId, t.channel)],
);

export const recruitmentApplications = pgTable(
  "recruitment_applications",
  {
    id: id(),
    tenantId: tenantId(),
    vacancyId: uuid("vacancy_id")
      .notNull()
      .references(() => recruitmentVacancies.id, { onDelete: "cascade" }),
    /** Shown to blind reviewers instead of the name (C-0007). */
    number: integer("number").notNull(),
    fullName: text("full_name").notNull(),
    email: text("email").notNull(),
    phone: text("phone"),
    postalAddress: text("postal_address"),
    /** The candidate's own presentation without name or address: what blind reviewers read. */
    summary: text("summary").notNull(),
    /** Where the candidate saw the notice (statistics per channel). */
    channel: text("channel", { enum: CHANNELS }).notNull().default("site"),
    stage: text("stage").notNull(),
    status: text("status", { enum: APPLICATION_STATES }).notNull().default("active"),
    decisionReason: text("decision_reason"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** Null: not asked yet; asked at rejection whether to keep the application for other posts. */
    keepConsent: boolean("keep_consent"),
    lastContactAt: timestamp("last_contact_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the « still want to be kept? » mail went, for the current contact. */
    reaskedAt: timestamp("reasked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [unique("recruitment_applications_number_unique").on(t.vacancyId, t.number), index("recruitment_applications_vacancy_idx").on(t.vacancyId, t.stage)],
);

/**
 * One line per application for the statistics (time to hire, channels, categories, stages'
 * conversion, gender balance where declared): no name, no contact. It points to its application
 * while that exists and loses the link when the application is purged or deleted, so the figures
 * of past years survive the privacy clocks; itself purged after 6 years (the social report's span).
 */
export const recruitmentFacts = pgTable(
  "recruitment_facts",
  {
    id: id(),
    tenantId: tenantId(),
    applicationId: uuid("application_id")
      .unique()
      .references(() => recruitmentApplications.id, { onDelete: "set null" }),
    vacancyId: uuid("vacancy_id")
      .notNull()
      .references(() => recruitmentVacancies.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    category: char("category", { length: 1, enum: CATEGORIES }).notNull(),
    /** Declared by the candidate or null (not given). */
    gender: text("gender", { enum: DECLARED_GENDERS }),
    receivedOn: date("received_on").notNull(),
    /** The furthest stage reached (0: the first; the vacancy's stage count: the appointment). */
    furthestStage: smallint("furthest_stage").notNull().default(0),
    outcome: text("outcome", { enum: APPLICATION_STATES }).notNull().default("active"),
    decidedOn: date("decided_on"),
  },
  (t) => [index("recruitment_facts_received_idx").on(t.tenantId, t.receivedOn)],
);

/**
 * What a candidate chose to say of a disabled-worker status (the obligation d'emploi: RQTH and the
 * like) and the arrangements asked for the interviews: health data (CNIL), given only when the
 * candidate wants, kept apart, never shown during the blind screening, each reading journalled;
 * it goes with the application (cascade).
 */
export const recruitmentHealth = pgTable("recruitment_health", {
  applicationId: uuid("application_id")
    .primaryKey()
    .references(() => recruitmentApplications.id, { onDelete: "cascade" }),
  tenantId: tenantId(),
  disabledWorker: boolean("disabled_worker").notNull(),
  accommodations: text("accommodations"),
  createdAt: createdAt(),
});

export const FILE_KINDS = ["cv", "letter"] as const;

export const recruitmentFiles = pgTable(
  "recruitment_files",
  {
    id: id(),
    tenantId: tenantId(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => recruitmentApplications.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: FILE_KINDS }).notNull(),
    /** R2 key in the recruitment bucket. */
    objectKey: text("object_key").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique("recruitment_files_kind_unique").on(t.applicationId, t.kind)],
);

export const recruitmentNotes = pgTable("recruitment_notes", {
  id: id(),
  tenantId: tenantId(),
  applicationId: uuid("application_id")
    .notNull()
    .references(() => recruitmentApplications.id, { onDelete: "cascade" }),
  authorId: text("author_id").notNull(),
  stage: text("stage").notNull(),
  body: text("body").notNull(),
  createdAt: createdAt(),
});

/** One jury member's score of one criterion, with the reason. */
export const recruitmentScores = pgTable(
  "recruitment_scores",
  {
    id: id(),
    tenantId: tenantId(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => recruitmentApplications.id, { onDelete: "cascade" }),
    juryMemberId: text("jury_member_id").notNull(),
    criterion: text("criterion").notNull(),
    score: smallint("score").notNull(),
    reason: text("reason").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("recruitment_scores_unique").on(t.applicationId, t.juryMemberId, t.criterion),
    check("recruitment_scores_range", sql`${t.score} BETWEEN 0 AND 5`),
  ],
);

export const recruitmentInterviews = pgTable(
  "recruitment_interviews",
  {
    id: id(),
    tenantId: tenantId(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => recruitmentApplications.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    place: text("place").notNull(),
    visioUrl: text("visio_url"),
    sequence: smallint("sequence").notNull().default(0),
    ics: text("ics").notNull(),
    createdAt: createdAt(),
  },
  (t) => [check("recruitment_interviews_range", sql`${t.startsAt} < ${t.endsAt}`)],
);

/** Tasks the clocks open: a new declaration before a fixed-term contract is renewed. */
export const recruitmentTasks = pgTable(
  "recruitment_tasks",
  {
    id: id(),
    tenantId: tenantId(),
    vacancyId: uuid("vacancy_id")
      .notNull()
      .references(() => recruitmentVacancies.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["renewal_declaration"] }).notNull(),
    dueOn: date("due_on").notNull(),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [unique("recruitment_tasks_unique").on(t.vacancyId, t.kind, t.dueOn)],
);

/** The tenant's key for candidates' signed links (made on first use, never sent out). */
export const recruitmentLinkKeys = pgTable("recruitment_link_keys", {
  tenantId: tenantId().primaryKey(),
  key: bytea("key").notNull(),
  createdAt: createdAt(),
});
