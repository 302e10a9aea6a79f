/**
 * The France Services Worker (issue #18, ADR 0045): the desk's accompaniments recorded as codes
 * (operator, procedure family, mission, outcome, commune of residence — no free text, no document,
 * no password), the label's statistics and configurable exports, the permanences in communes and
 * social residences with their weekly slots, the partners' sessions with public registration, and
 * the data·inclusion export of the desk's services. Reached only through the gateway.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { log } from "@communa/core";
import { app } from "./app.ts";
import { franceServicesEnvSchema, type FranceServicesBindings } from "./env.ts";

export default class FranceServicesWorker extends DomainEntrypoint<FranceServicesBindings> {
  protected readonly app = app;
  protected readonly title = "France Services";
  protected override readonly envSchema = franceServicesEnvSchema;

  /** Daily (cron in wrangler.toml): the retention purge. */
  override async scheduled(controller: ScheduledController): Promise<void> {
    const done = await this.withDb((db) => db.applyRetention("purge_france_services_expired", new Date(controller.scheduledTime)));
    log("info", "conservation France Services appliquée", done);
  }
}
