import { createDomainApp } from "@communa/core";
import type { DevicesBindings } from "./env.ts";
import { ingestRoutes } from "./routes/ingest.ts";
import { fleetRoutes } from "./routes/fleet.ts";

export const app = createDomainApp<DevicesBindings>();
app.route("/", ingestRoutes);
app.route("/", fleetRoutes);
