/**
 * Eau et énergie (issue #22, ADR 0035): drinking-water quality from Hub'Eau, groundwater levels and
 * drought, public buildings' energy. Reached only through the gateway; consumes the `telemetry` queue.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { app } from "./app.ts";
import { environmentEnvSchema, type EnvironmentBindings } from "./env.ts";
import { checkEnv } from "@communa/core";
import { handleQueue } from "./ingest/consumer.ts";
import { refreshAll } from "./services/refresh.ts";
import { pilotageAll } from "./services/pilotage.ts";

export default class EnvironmentWorker extends DomainEntrypoint<EnvironmentBindings> {
  protected readonly app = app;
  protected readonly title = "Eau et énergie";
  protected override readonly envSchema = environmentEnvSchema;

  /** Every night (wrangler.toml): Hub'Eau's levels and water results of what the service follows; yesterday's energy alerts. */
  override async scheduled(controller: ScheduledController): Promise<void> {
    const env = this.env;
    const now = new Date(controller.scheduledTime);
    await this.withDb(async (db) => {
      await refreshAll({ db, hubeau: { baseUrl: env.HUBEAU_BASE_URL, fetch: (r) => fetch(r) } }, now);
      await pilotageAll(db, env.BOOKING, now);
    });
  }

  /** Consumer of telemetry and its dead-letter queue (ADR 0016, 0035). */
  override async queue(batch: MessageBatch<unknown>): Promise<void> {
    checkEnv(environmentEnvSchema, this.env as object, this.title);
    await handleQueue(batch, this.env);
  }
}
