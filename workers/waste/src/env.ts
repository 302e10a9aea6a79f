import { dbEnvSchema, type DomainBindings } from "@communa/core";

export type WasteBindings = DomainBindings;

export const wasteEnvSchema = dbEnvSchema;
