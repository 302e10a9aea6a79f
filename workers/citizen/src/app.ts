import { createDomainApp } from "@communa/core";
import type { CitizenBindings } from "./env.ts";
import { catalogueRoutes } from "./routes/catalogue.ts";
import { appointmentRoutes } from "./routes/appointments.ts";
import { requestRoutes } from "./routes/requests.ts";

export const app = createDomainApp<CitizenBindings>();
app.route("/", catalogueRoutes).route("/", appointmentRoutes).route("/", requestRoutes);
