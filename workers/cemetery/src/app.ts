import { createDomainApp } from "@communa/core";
import type { CemeteryBindings } from "./env.ts";
import { registerRoutes } from "./routes/register.ts";
import { concessionRoutes } from "./routes/concessions.ts";
import { operationRoutes } from "./routes/operations.ts";
import { abandonmentRoutes } from "./routes/abandonments.ts";
import { publicRoutes } from "./routes/public.ts";

export const app = createDomainApp<CemeteryBindings>();
app.route("/", registerRoutes).route("/", concessionRoutes).route("/", operationRoutes).route("/", abandonmentRoutes).route("/", publicRoutes);
