import { createDomainApp, purgeCache } from "@communa/core";
import type { EconomyBindings } from "./env.ts";
import { zoneRoutes } from "./routes/zones.ts";
import { unitRoutes } from "./routes/units.ts";
import { inventoryRoutes } from "./routes/inventories.ts";
import { openDataRoutes } from "./routes/open-data.ts";
import { importRoutes } from "./routes/imports.ts";

export const app = createDomainApp<EconomyBindings>();
// Every write may change what the public doors show (land for sale, the open package): the
// gateway's edge copies of this domain are dropped after each one that succeeds.
app.use(async (c, next) => {
  await next();
  if (c.req.method !== "GET" && c.res.ok) purgeCache(c.res.headers, "/");
});
app.route("/", zoneRoutes).route("/", unitRoutes).route("/", inventoryRoutes).route("/", openDataRoutes).route("/", importRoutes);
