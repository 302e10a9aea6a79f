/**
 * Eau et énergie (issue #22, ADR 0035): drinking-water quality from Hub'Eau, groundwater levels and
 * drought, public buildings' energy. Reached only through the gateway; consumes the `telemetry` queue.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { app } from "./app.ts";
import { environmentEnvSchema, type EnvironmentBindings } from "./env.ts";

export default class EnvironmentWorker extends DomainEntrypoint<EnvironmentBindings> {
  protected readonly app = app;
  protected readonly title = "Eau et énergie";
  protected override readonly envSchema = environmentEnvSchema;
}
