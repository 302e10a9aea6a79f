import { z } from "zod";
import { dbEnvSchema, type DomainBindings } from "@communa/core";

export type EnvironmentBindings = DomainBindings & {
  /** Hub'Eau's API root (wrangler.toml [vars]). */
  HUBEAU_BASE_URL: string;
  /** Where the telemetry consumer sets a poison message aside. */
  TELEMETRY_DLQ: Queue<unknown>;
};

export const environmentEnvSchema = dbEnvSchema.extend({
  HUBEAU_BASE_URL: z.url({ error: "HUBEAU_BASE_URL : adresse de l’API Hub'Eau attendue" }),
});
