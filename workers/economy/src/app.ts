import { createDomainApp } from "@communa/core";
import type { EconomyBindings } from "./env.ts";
import { zoneRoutes } from "./routes/zones.ts";
import { unitRoutes } from "./routes/units.ts";
import { inventoryRoutes } from "./routes/inventories.ts";
import { openDataRoutes } from "./routes/open-data.ts";

export const app = createDomainApp<EconomyBindings>();
app.route("/", zoneRoutes).route("/", unitRoutes).route("/", inventoryRoutes).route("/", openDataRoutes);
