/**
 * The economy Worker (issue #21, ADR 0041): the intercommunality's activity zones in the CNIG
 * « sites économiques » model, the Code de l'urbanisme L318-8-2 inventory (land units, owners,
 * occupants, vacancy, consultation, adoption, transmission) and its open CNIG export. Reached only
 * through the gateway.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { log } from "@communa/core";
import { app } from "./app.ts";
import { economyEnvSchema, type EconomyBindings } from "./env.ts";

export default class EconomyWorker extends DomainEntrypoint<EconomyBindings> {
  protected readonly app = app;
  protected readonly title = "Zones d’activité";
  protected override readonly envSchema = economyEnvSchema;

  /** Daily (cron in wrangler.toml): former owners and consultation letters past their day go. */
  override async scheduled(_controller: ScheduledController): Promise<void> {
    const counts = await this.withDb((db) => db.applyRetention("purge_economy_expired"));
    log("info", "durées de conservation des zones d’activité appliquées", { counts });
  }
}
