/**
 * The citizen Worker (GRU, ADR 0031): services and motifs, slots, appointments booked with or
 * without an account (managed through a signed link), iCalendar messages, requests (« main
 * courante ») with their legal receipts. Reached only through the gateway.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { log } from "@communa/core";
import { app } from "./app.ts";
import { citizenEnvSchema, type CitizenBindings } from "./env.ts";

export default class CitizenWorker extends DomainEntrypoint<CitizenBindings> {
  protected readonly app = app;
  protected readonly title = "Relation usagers";
  protected override readonly envSchema = citizenEnvSchema;

  /** Daily (cron in wrangler.toml): appointments and requests older than 2 years go (db/src/retention.ts). */
  override async scheduled(_controller: ScheduledController): Promise<void> {
    const counts = await this.withDb((db) => db.applyRetention("purge_citizen_expired"));
    log("info", "durées de conservation de la relation usagers appliquées", { counts });
  }
}
