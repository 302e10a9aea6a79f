import { dbEnvSchema, type DomainBindings } from "@communa/core";

export type BookingBindings = DomainBindings;
export const bookingEnvSchema = dbEnvSchema;
