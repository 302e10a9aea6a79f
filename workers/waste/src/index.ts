/**
 * Déchets: Domaine déchets : bacs pucés, levées et erreurs de tri (consommateurs de files), redevance/taxe incitative, stock, interventions, contrôles.
 * Reached only through the gateway.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { app } from "./app.ts";
import { wasteEnvSchema, type WasteBindings } from "./env.ts";
import { checkEnv, log } from "@communa/core";
import { purgeWasteExpired } from "./services/retention.ts";
import { handleQueue } from "./ingest/consumer.ts";
import { ingestEnvSchema, type IngestBindings } from "./ingest/env.ts";

export default class WasteWorker extends DomainEntrypoint<WasteBindings> {
  protected readonly app = app;
  protected readonly title = "Déchets";
  protected override readonly envSchema = wasteEnvSchema;

  /** Consumers of bin-lifts, sorting-events and their dead-letter queues (ADR 0016). */
  override async queue(batch: MessageBatch<unknown>): Promise<void> {
    checkEnv(wasteEnvSchema.and(ingestEnvSchema), this.env as object, this.title);
    await handleQueue(batch, this.env as unknown as IngestBindings);
  }

  /** Daily (cron in wrangler.toml): what has outlived its retention period goes, photos included. */
  override async scheduled(_controller: ScheduledController): Promise<void> {
    const counts = await this.withDb((db) => purgeWasteExpired(db, this.env.CHECK_PHOTOS));
    log("info", "durées de conservation des déchets appliquées", { counts });
  }
}
