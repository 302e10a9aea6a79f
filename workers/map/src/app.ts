import { etag } from "hono/etag";
import { createDomainApp } from "@communa/core";
import type { MapBindings } from "./env.ts";
import { layerRoutes } from "./routes/layers.ts";
import { featureRoutes } from "./routes/features.ts";
import { ogcRoutes } from "./routes/ogc.ts";
import { listRoutes } from "./routes/list.ts";
import { trailRoutes } from "./routes/trails.ts";
import { collectionRoutes } from "./routes/collection.ts";

/** ETags on every answer (If-None-Match → 304): maps poll and revalidate often. */
export const app = createDomainApp<MapBindings>();
app.use("*", etag({ weak: true }));
app.route("/", layerRoutes).route("/", featureRoutes).route("/", ogcRoutes).route("/", listRoutes).route("/", trailRoutes).route("/", collectionRoutes);
