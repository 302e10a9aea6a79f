import { dbEnvSchema, type DomainBindings } from "@communa/core";

export type ArchiveBindings = DomainBindings;

export const archiveEnvSchema = dbEnvSchema;
