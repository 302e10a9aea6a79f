/**
 * Conseil et séances: Domaine conseil : conseils, mandats, séances, convocations, salles de vote en direct (Durable Objects), procès-verbaux.
 * Reached only through the gateway.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { app } from "./app.ts";
import { councilEnvSchema, type CouncilBindings } from "./env.ts";

export default class CouncilWorker extends DomainEntrypoint<CouncilBindings> {
  protected readonly app = app;
  protected readonly title = "Conseil et séances";
  protected override readonly envSchema = councilEnvSchema;
}
