import { createDomainApp } from "@communa/core";
import type { CouncilBindings } from "./env.ts";
import { councilRoutes } from "./routes/councils.ts";
import { sittingRoutes } from "./routes/sittings.ts";
import { deliberationRoutes } from "./routes/deliberations.ts";

export const app = createDomainApp<CouncilBindings>();
app.route("/", councilRoutes).route("/", sittingRoutes).route("/", deliberationRoutes);
