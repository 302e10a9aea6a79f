import { dbEnvSchema, type DomainBindings } from "@communa/core";

export type DevicesBindings = DomainBindings;

export const devicesEnvSchema = dbEnvSchema;
