import { createDomainApp } from "@communa/core";
import type { StaffBindings } from "./env.ts";
import { hrRoutes } from "./routes/hr.ts";
import { selfRoutes } from "./routes/self.ts";
import { directoryRoutes } from "./routes/directory.ts";

export const app = createDomainApp<StaffBindings>();
app.route("/", hrRoutes).route("/", selfRoutes).route("/", directoryRoutes);
