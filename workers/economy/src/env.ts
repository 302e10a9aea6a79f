import { dbEnvSchema, type DomainBindings } from "@communa/core";

export type EconomyBindings = DomainBindings;

export const economyEnvSchema = dbEnvSchema;
