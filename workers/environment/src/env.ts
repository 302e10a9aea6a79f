import { z } from "zod";
import { dbEnvSchema, type DomainBindings } from "@communa/core";
import type { EnvironmentBookingService } from "@communa/contracts/rpc";

export type EnvironmentBindings = DomainBindings & {
  /** Hub'Eau's API root (wrangler.toml [vars]). */
  HUBEAU_BASE_URL: string;
  /** Where the telemetry consumer sets a poison message aside. */
  TELEMETRY_DLQ: Queue<unknown>;
  /** The booking Worker's rooms and their use (read only). */
  BOOKING: Service & EnvironmentBookingService;
};

export const environmentEnvSchema = dbEnvSchema.extend({
  HUBEAU_BASE_URL: z.url({ error: "HUBEAU_BASE_URL : adresse de l’API Hub'Eau attendue" }),
  BOOKING: z.custom<object>((v) => typeof v === "object" && v !== null, { error: "liaison BOOKING (service des réservations) absente" }),
});
