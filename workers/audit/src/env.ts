import type { ArchiveIntegrityService } from "@communa/contracts/rpc";
import { dbEnvSchema, type DomainBindings } from "@communa/core";

export type AuditBindings = DomainBindings & {
  /** The archive Worker (service binding): the last integrity audit, as evidence (ADR 0043). */
  ARCHIVE?: ArchiveIntegrityService;
};

export const auditEnvSchema = dbEnvSchema;
