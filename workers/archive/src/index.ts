/**
 * Archives électroniques (SAE): Domaine archives : versements scellés sur R2, SEDA 2.3, règles de gestion, sort final, audit d'intégrité.
 * Reached only through the gateway.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { app } from "./app.ts";
import { archiveEnvSchema, type ArchiveBindings } from "./env.ts";

export default class ArchiveWorker extends DomainEntrypoint<ArchiveBindings> {
  protected readonly app = app;
  protected readonly title = "Archives électroniques (SAE)";
  protected override readonly envSchema = archiveEnvSchema;
}
