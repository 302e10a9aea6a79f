/**
 * The recruitment Worker (issue #24, ADR 0040): vacancy notices with their twelve mandatory fields,
 * the declaration to the Centre de gestion, publications per channel with a JobPosting and a feed,
 * applications without an account (files in R2, scanned), a fair pipeline (blind first screening,
 * jury grid, interviews), an appointment stage locked by law, and the candidates' privacy clocks.
 * Reached only through the gateway.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { log } from "@communa/core";
import { app } from "./app.ts";
import { recruitmentEnvSchema, type RecruitmentBindings } from "./env.ts";
import { runClocks } from "./services/clocks.ts";

export default class RecruitmentWorker extends DomainEntrypoint<RecruitmentBindings> {
  protected readonly app = app;
  protected readonly title = "Recrutement";
  protected override readonly envSchema = recruitmentEnvSchema;

  /** Daily (cron in wrangler.toml): renewal tasks, re-ask mails, then the purge and its R2 objects. */
  override async scheduled(controller: ScheduledController): Promise<void> {
    const done = await this.withDb((db) => runClocks(db, this.env, new Date(controller.scheduledTime)));
    log("info", "délais du recrutement appliqués", done);
  }
}
