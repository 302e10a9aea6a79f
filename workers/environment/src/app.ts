import { createDomainApp } from "@communa/core";
import type { EnvironmentBindings } from "./env.ts";
import { waterRoutes } from "./routes/water.ts";
import { groundwaterRoutes } from "./routes/groundwater.ts";

export const app = createDomainApp<EnvironmentBindings>();
app.route("/", waterRoutes).route("/", groundwaterRoutes);
