/**
 * Déchets: Domaine déchets : bacs pucés, levées et erreurs de tri (consommateurs de files), redevance/taxe incitative, stock, interventions, contrôles.
 * Reached only through the gateway.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { app } from "./app.ts";
import { wasteEnvSchema, type WasteBindings } from "./env.ts";

export default class WasteWorker extends DomainEntrypoint<WasteBindings> {
  protected readonly app = app;
  protected readonly title = "Déchets";
  protected override readonly envSchema = wasteEnvSchema;
}
