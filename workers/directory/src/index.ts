/**
 * The directory Worker: merchants, craftsmen and local producers — listings, their opening hours
 * (OSM syntax, evaluated in Paris time), moderation, and what search engines read (JSON-LD).
 * Reached only through the gateway.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { log } from "@communa/core";
import { app } from "./app.ts";
import { directoryEnvSchema, type DirectoryBindings } from "./env.ts";

export default class DirectoryWorker extends DomainEntrypoint<DirectoryBindings> {
  protected readonly app = app;
  protected readonly title = "Annuaire des commerces";
  protected override readonly envSchema = directoryEnvSchema;

  /** Daily (cron in wrangler.toml): claims older than 90 days go (db/src/retention.ts). */
  override async scheduled(_controller: ScheduledController): Promise<void> {
    const counts = await this.withDb((db) => db.applyRetention("purge_directory_expired"));
    log("info", "durées de conservation de l’annuaire appliquées", { counts });
  }
}
