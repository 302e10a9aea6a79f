import { createDomainApp } from "@communa/core";
import type { EnvironmentBindings } from "./env.ts";
import { waterRoutes } from "./routes/water.ts";

export const app = createDomainApp<EnvironmentBindings>();
app.route("/", waterRoutes);
