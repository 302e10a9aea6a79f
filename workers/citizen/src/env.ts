import { dbEnvSchema, type DomainBindings } from "@communa/core";

export type CitizenBindings = DomainBindings;

export const citizenEnvSchema = dbEnvSchema;
