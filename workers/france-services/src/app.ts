import { createDomainApp } from "@communa/core";
import type { FranceServicesBindings } from "./env.ts";
import { accompanimentRoutes } from "./routes/accompaniments.ts";
import { statisticsRoutes } from "./routes/statistics.ts";
import { networkRoutes } from "./routes/network.ts";
import { publicRoutes } from "./routes/public.ts";

export const app = createDomainApp<FranceServicesBindings>();
app.route("/", accompanimentRoutes).route("/", statisticsRoutes).route("/", networkRoutes).route("/", publicRoutes);
