import { createDomainApp } from "@communa/core";
import type { AuditBindings } from "./env.ts";
import { measureRoutes } from "./routes/measures.ts";
import { findingRoutes } from "./routes/findings.ts";
import { homologationRoutes } from "./routes/homologations.ts";
import { registerRoutes } from "./routes/register.ts";
import { incidentRoutes } from "./routes/incidents.ts";

export const app = createDomainApp<AuditBindings>();
app.route("/", measureRoutes).route("/", findingRoutes).route("/", homologationRoutes).route("/", registerRoutes).route("/", incidentRoutes);
