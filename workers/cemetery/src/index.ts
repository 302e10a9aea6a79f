/**
 * The cemetery Worker (issue #20, ADR 0033): a commune's cemeteries, plots on the plan, concessions
 * and their legal clocks, the deceased, the operations the mayor authorises, the abandonment
 * procedure, and the opt-in public grave search. Reached only through the gateway.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { log } from "@communa/core";
import { app } from "./app.ts";
import { cemeteryEnvSchema, type CemeteryBindings } from "./env.ts";

export default class CemeteryWorker extends DomainEntrypoint<CemeteryBindings> {
  protected readonly app = app;
  protected readonly title = "Cimetières";
  protected override readonly envSchema = cemeteryEnvSchema;

  /** Daily (cron in wrangler.toml): holders' and heirs' details past their day go. */
  override async scheduled(_controller: ScheduledController): Promise<void> {
    const counts = await this.withDb((db) => db.applyRetention("purge_cemetery_expired"));
    log("info", "durées de conservation des cimetières appliquées", { counts });
  }
}
