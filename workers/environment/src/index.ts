/**
 * Eau et énergie (issue #22, ADR 0035): drinking-water quality from Hub'Eau, groundwater levels and
 * drought, public buildings' energy. Reached only through the gateway; consumes the `telemetry` queue.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { app } from "./app.ts";
import { environmentEnvSchema, type EnvironmentBindings } from "./env.ts";
import { checkEnv } from "@communa/core";
import { handleQueue } from "./ingest/consumer.ts";

export default class EnvironmentWorker extends DomainEntrypoint<EnvironmentBindings> {
  protected readonly app = app;
  protected readonly title = "Eau et énergie";
  protected override readonly envSchema = environmentEnvSchema;

  /** Consumer of telemetry and its dead-letter queue (ADR 0016, 0035). */
  override async queue(batch: MessageBatch<unknown>): Promise<void> {
    checkEnv(environmentEnvSchema, this.env as object, this.title);
    await handleQueue(batch, this.env);
  }
}
