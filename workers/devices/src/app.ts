import { createDomainApp } from "@communa/core";
import type { DevicesBindings } from "./env.ts";
import { ingestRoutes } from "./routes/ingest.ts";
import { fleetRoutes } from "./routes/fleet.ts";
import { signageRoutes } from "./routes/signage.ts";
import { kioskRoutes } from "./routes/kiosk.ts";
import { receptionRoutes } from "./routes/reception.ts";

export const app = createDomainApp<DevicesBindings>();
app.route("/", ingestRoutes);
app.route("/", fleetRoutes);
app.route("/", signageRoutes);
app.route("/", kioskRoutes);
app.route("/", receptionRoutes);
