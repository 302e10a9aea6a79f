/**
 * Appareils connectés: Domaine appareils : enregistrement, sessions (Durable Object par appareil), télémétrie, ingestion par lots vers les files.
 * Reached only through the gateway.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { app } from "./app.ts";
import { devicesEnvSchema, type DevicesBindings } from "./env.ts";

export default class DevicesWorker extends DomainEntrypoint<DevicesBindings> {
  protected readonly app = app;
  protected readonly title = "Appareils connectés";
  protected override readonly envSchema = devicesEnvSchema;
}
