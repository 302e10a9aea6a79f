/**
 * The directory Worker: merchants, craftsmen and local producers — listings, their opening hours
 * (OSM syntax, evaluated in Paris time), moderation, and what search engines read (JSON-LD).
 * Reached only through the gateway.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { app } from "./app.ts";
import { directoryEnvSchema, type DirectoryBindings } from "./env.ts";

export default class DirectoryWorker extends DomainEntrypoint<DirectoryBindings> {
  protected readonly app = app;
  protected readonly title = "Annuaire des commerces";
  protected override readonly envSchema = directoryEnvSchema;
}
