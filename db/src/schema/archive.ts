/**
 * The `archive` domain: the electronic archiving system (SAE, issue #7). Units and objects are the
 * register of what was deposited (object bytes live in the archive R2 bucket under content-addressed
 * keys); the sealed journal is hash-chained and signed; disposal needs the archivist's decision and
 * the control authority's visa. The database refuses what the rules forbid (migration
 * `archive_rules_rls`): no UPDATE/DELETE of journal rows, no deletion of units or objects, no
 * destruction before the DUA ends, without visa or under legal hold.
 * Retention: archives are kept per their own appraisal rule (DUA); metadata and journal stay after
 * a destruction (NF Z42-013). Personal data: only what a unit's description holds; HR agent files
 * carry the agent's name and dates needed to compute their DUA.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, tenantId } from "./columns.ts";

/**
 * A tenant's management rules (SEDA AppraisalRule / AccessRule), seeded with the usual French
 * reference rules when the tenant is created. `basis` says how the DUA's start is computed.
 */
export const archiveRules = pgTable(
  "archive_rules",
  {
    id: id(),
    tenantId: tenantId(),
    /** e.g. "APP-DELIB", "ACC-50". Referenced by units and SEDA manifests. */
    code: text("code").notNull(),
    kind: text("kind", { enum: ["appraisal", "access"] }).notNull(),
    label: text("label").notNull(),
    /** DUA (appraisal) or communicability delay (access), in years. */
    durationYears: integer("duration_years").notNull(),
    /** Appraisal rules only. */
    finalAction: text("final_action", { enum: ["Keep", "Destroy"] }),
    /** "start_date": from the unit's start date; "hr_agent": agent's 90th birthday or 5 years after death. */
    basis: text("basis", { enum: ["start_date", "hr_agent"] })
      .notNull()
      .default("start_date"),
    legalReference: text("legal_reference").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    unique("archive_rules_code_unique").on(t.tenantId, t.code),
    check("archive_rules_final_action", sql`(${t.kind} = 'appraisal') = (${t.finalAction} IS NOT NULL)`),
    check("archive_rules_duration", sql`${t.durationYears} BETWEEN 0 AND 200`),
  ],
);

/** A transfer (versement): one submission by a transferring service, answered by an ArchiveTransferReply. */
export const archiveDeposits = pgTable(
  "archive_deposits",
  {
    id: id(),
    tenantId: tenantId(),
    /** Human reference, e.g. "VERS-2026-00012". */
    reference: text("reference").notNull(),
    /** SEDA MessageIdentifier of the transfer (the depositor's, or ours). */
    messageIdentifier: text("message_identifier").notNull(),
    comment: text("comment").notNull().default(""),
    transferringAgency: text("transferring_agency").notNull(),
    source: text("source", { enum: ["api", "form", "seda", "service"] }).notNull(),
    status: text("status", { enum: ["open", "accepted"] })
      .notNull()
      .default("open"),
    depositorKind: text("depositor_kind").notNull(),
    depositorId: text("depositor_id"),
    /** The acceptance report (SEDA ArchiveTransferReply), kept as issued. */
    replyXml: text("reply_xml"),
    createdAt: createdAt(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
  },
  (t) => [
    unique("archive_deposits_reference_unique").on(t.tenantId, t.reference),
    // One deposit per message identifier from another module (RPC): a retry finds the first (migration 0042).
    uniqueIndex("archive_deposits_service_message_unique").on(t.tenantId, t.messageIdentifier).where(sql`${t.source} = 'service'`),
  ],
);

/** An archive unit (SEDA ArchiveUnit): the description and its management rules. */
export const archiveUnits = pgTable(
  "archive_units",
  {
    id: id(),
    tenantId: tenantId(),
    depositId: uuid("deposit_id")
      .notNull()
      .references(() => archiveDeposits.id, { onDelete: "restrict" }),
    /** Human reference, e.g. "ARC-2026-00042". */
    reference: text("reference").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    originatingAgency: text("originating_agency").notNull(),
    startDate: date("start_date", { mode: "string" }),
    endDate: date("end_date", { mode: "string" }),
    keywords: text("keywords").array().notNull().default(sql`'{}'`),
    profile: text("profile", { enum: ["generic", "hr_agent"] })
      .notNull()
      .default("generic"),
    /** HR profile: "career_decision", "contract", "training_certificate". */
    documentType: text("document_type"),
    agentName: text("agent_name"),
    agentBirthDate: date("agent_birth_date", { mode: "string" }),
    agentDeathDate: date("agent_death_date", { mode: "string" }),
    appraisalRule: text("appraisal_rule").notNull(),
    appraisalStartDate: date("appraisal_start_date", { mode: "string" }).notNull(),
    /** End of the DUA (retention period): the unit may be disposed of from this day on. */
    duaEnd: date("dua_end", { mode: "string" }).notNull(),
    finalAction: text("final_action", { enum: ["Keep", "Destroy"] }).notNull(),
    accessRule: text("access_rule").notNull(),
    /** From this day on the unit is communicable to anyone allowed to search. */
    communicableFrom: date("communicable_from", { mode: "string" }).notNull(),
    legalHold: boolean("legal_hold").notNull().default(false),
    legalHoldReason: text("legal_hold_reason"),
    status: text("status", { enum: ["pending", "sealed", "destroyed"] })
      .notNull()
      .default("pending"),
    sealedAt: timestamp("sealed_at", { withTimezone: true }),
    destroyedAt: timestamp("destroyed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("archive_units_reference_unique").on(t.tenantId, t.reference),
    index("archive_units_deposit_idx").on(t.depositId),
    index("archive_units_dua_idx").on(t.tenantId, t.status, t.duaEnd),
    check(
      "archive_units_hr",
      sql`${t.profile} <> 'hr_agent' OR (${t.agentName} IS NOT NULL AND ${t.agentBirthDate} IS NOT NULL AND ${t.documentType} IS NOT NULL)`,
    ),
  ],
);

/** A stored file (SEDA BinaryDataObject): its bytes are the R2 object `r2Key` (content-addressed). */
export const archiveObjects = pgTable(
  "archive_objects",
  {
    id: id(),
    tenantId: tenantId(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => archiveUnits.id, { onDelete: "restrict" }),
    fileName: text("file_name").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    sha512: char("sha512", { length: 128 }),
    sha256: char("sha256", { length: 64 }),
    /** Declared by the depositor (SEDA MessageDigest or upload form); checked against the bytes. */
    declaredSha512: char("declared_sha512", { length: 128 }),
    r2Key: text("r2_key"),
    mimeType: text("mime_type"),
    /** PRONOM identifier where known, e.g. "fmt/276" (PDF 1.7). */
    puid: text("puid"),
    formatName: text("format_name"),
    storedAt: timestamp("stored_at", { withTimezone: true }),
    destroyedAt: timestamp("destroyed_at", { withTimezone: true }),
    disposalId: uuid("disposal_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("archive_objects_unit_idx").on(t.unitId),
    index("archive_objects_key_idx").on(t.r2Key),
    check("archive_objects_sha512", sql`${t.sha512} IS NULL OR ${t.sha512} ~ '^[0-9a-f]{128}$'`),
    check("archive_objects_stored", sql`(${t.storedAt} IS NULL) = (${t.sha512} IS NULL)`),
  ],
);

/**
 * The sealed journal of archive operations, one chain per tenant: each row's `hash` =
 * SHA-256(canonical text of the row ‖ previous hash), signed (Ed25519) by the platform key whose
 * fingerprint is `keyId`. The database checks each new row links to the last one and refuses any
 * UPDATE or DELETE.
 */
export const archiveJournal = pgTable(
  "archive_journal",
  {
    id: id(),
    tenantId: tenantId(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id"),
    /** e.g. "archive.deposit.accept", "archive.unit.consult", "archive.disposal.execute". */
    action: text("action").notNull(),
    target: text("target").notNull(),
    details: jsonb("details").notNull().default({}),
    prevHash: char("prev_hash", { length: 64 }).notNull(),
    hash: char("hash", { length: 64 }).notNull(),
    /** Ed25519 signature (base64) of `hash`. */
    signature: text("signature").notNull(),
    keyId: text("key_id").notNull(),
    /** RFC 3161 timestamp token (base64 DER) when a TSA is configured. */
    tsaToken: text("tsa_token"),
  },
  (t) => [unique("archive_journal_tenant_seq").on(t.tenantId, t.seq), index("archive_journal_target_idx").on(t.tenantId, t.target)],
);

/** A disposal (élimination): decided by the archivist, approved by the control authority (visa), executed. */
export const archiveDisposals = pgTable(
  "archive_disposals",
  {
    id: id(),
    tenantId: tenantId(),
    /** e.g. "ELIM-2026-00003". */
    reference: text("reference").notNull(),
    status: text("status", { enum: ["decided", "approved", "refused", "executed"] })
      .notNull()
      .default("decided"),
    reason: text("reason").notNull(),
    decidedBy: text("decided_by").notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
    visaAuthority: text("visa_authority"),
    visaBy: text("visa_by"),
    visaReference: text("visa_reference"),
    visaComment: text("visa_comment"),
    visaAt: timestamp("visa_at", { withTimezone: true }),
    executedAt: timestamp("executed_at", { withTimezone: true }),
    certificate: jsonb("certificate"),
    certificateSha256: char("certificate_sha256", { length: 64 }),
  },
  (t) => [
    unique("archive_disposals_reference_unique").on(t.tenantId, t.reference),
    check(
      "archive_disposals_visa",
      sql`${t.status} IN ('decided') OR (${t.visaAt} IS NOT NULL AND ${t.visaBy} IS NOT NULL AND ${t.visaAuthority} IS NOT NULL)`,
    ),
    check("archive_disposals_two_people", sql`${t.visaBy} IS NULL OR ${t.visaBy} <> ${t.decidedBy}`),
  ],
);

export const archiveDisposalUnits = pgTable(
  "archive_disposal_units",
  {
    tenantId: tenantId(),
    disposalId: uuid("disposal_id")
      .notNull()
      .references(() => archiveDisposals.id, { onDelete: "restrict" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => archiveUnits.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.disposalId, t.unitId] }), index("archive_disposal_units_unit_idx").on(t.unitId)],
);

/** Integrity audit reports: scheduled (cron), one unit on demand, yearly. */
export const archiveAudits = pgTable(
  "archive_audits",
  {
    id: id(),
    tenantId: tenantId(),
    kind: text("kind", { enum: ["scheduled", "unit", "yearly"] }).notNull(),
    unitId: uuid("unit_id").references(() => archiveUnits.id, { onDelete: "restrict" }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }).notNull(),
    objectsChecked: integer("objects_checked").notNull(),
    objectsFailed: integer("objects_failed").notNull(),
    chainOk: boolean("chain_ok").notNull(),
    /** Objects that failed ({ objectId, key, reason }) and the first broken journal link, if any. */
    report: jsonb("report").notNull(),
    /**
     * The signed checkpoint this audit made of the sealed journal's head (its own entry), also
     * anchored in R2 under `anchors/archive/` (ADR 0020); null when the chain did not verify.
     */
    checkpoint: jsonb("checkpoint"),
  },
  (t) => [index("archive_audits_tenant_idx").on(t.tenantId, t.startedAt)],
);
