import { createDomainApp } from "@communa/core";
import type { EnvironmentBindings } from "./env.ts";
import { waterRoutes } from "./routes/water.ts";
import { groundwaterRoutes } from "./routes/groundwater.ts";
import { energyRoutes } from "./routes/energy.ts";

export const app = createDomainApp<EnvironmentBindings>();
app.route("/", waterRoutes).route("/", groundwaterRoutes).route("/", energyRoutes);
