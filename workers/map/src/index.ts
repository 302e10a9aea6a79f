/**
 * The map Worker: layers of the territory map and their features, search, exports (GeoJSON, CSV,
 * GPX), hiking trails, and the same data as OGC API – Features. Reached only through the gateway.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { app } from "./app.ts";
import type { MapBindings } from "./env.ts";

export default class MapWorker extends DomainEntrypoint<MapBindings> {
  protected readonly app = app;
  protected readonly title = "Carte du territoire";
}
