import { dbEnvSchema, type DomainBindings } from "@communa/core";

export type CouncilBindings = DomainBindings;

export const councilEnvSchema = dbEnvSchema;
