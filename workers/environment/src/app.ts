import { createDomainApp, purgeCache } from "@communa/core";
import type { EnvironmentBindings } from "./env.ts";
import { waterRoutes } from "./routes/water.ts";
import { groundwaterRoutes } from "./routes/groundwater.ts";
import { energyRoutes } from "./routes/energy.ts";

export const app = createDomainApp<EnvironmentBindings>();
// Every write may change what the public pages show (a commune's water, the groundwater chart and
// drought levels): the gateway's edge copies of this domain are dropped after each one that succeeds.
app.use(async (c, next) => {
  await next();
  if (c.req.method !== "GET" && c.res.ok) purgeCache(c.res.headers, "/");
});
app.route("/", waterRoutes).route("/", groundwaterRoutes).route("/", energyRoutes);
