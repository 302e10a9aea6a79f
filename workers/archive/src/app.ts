import { createDomainApp } from "@communa/core";
import type { ArchiveBindings } from "./env.ts";
import { depositRoutes } from "./routes/deposits.ts";
import { journalRoutes } from "./routes/journal.ts";
import { disposalRoutes } from "./routes/disposal.ts";
import { unitRoutes } from "./routes/units.ts";
import { hrRoutes } from "./routes/hr.ts";

export const app = createDomainApp<ArchiveBindings>();
app.route("/", depositRoutes).route("/", journalRoutes).route("/", disposalRoutes).route("/", unitRoutes).route("/", hrRoutes);
