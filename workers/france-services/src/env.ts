import { dbEnvSchema, type DomainBindings } from "@communa/core";

export type FranceServicesBindings = DomainBindings;
export const franceServicesEnvSchema = dbEnvSchema;
