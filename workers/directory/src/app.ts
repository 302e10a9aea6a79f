import { etag } from "hono/etag";
import { createDomainApp } from "@communa/core";
import type { DirectoryBindings } from "./env.ts";
import { businessRoutes } from "./routes/businesses.ts";
import { claimRoutes } from "./routes/claims.ts";
import { exportRoutes } from "./routes/export.ts";
import { photoRoutesAll } from "./routes/photos.ts";

export const app = createDomainApp<DirectoryBindings>();
app.use("*", etag({ weak: true }));
app.route("/", businessRoutes).route("/", claimRoutes).route("/", exportRoutes).route("/", photoRoutesAll);
