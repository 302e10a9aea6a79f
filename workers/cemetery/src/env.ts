import { dbEnvSchema, type DomainBindings } from "@communa/core";

export type CemeteryBindings = DomainBindings;

export const cemeteryEnvSchema = dbEnvSchema;
