import { createDomainApp } from "@communa/core";
import type { WasteBindings } from "./env.ts";
import { billingRoutes } from "./routes/billing.ts";
import { checkRoutes } from "./routes/checks.ts";
import { operationRoutes } from "./routes/operations.ts";
import { registryRoutes } from "./routes/registry.ts";
import { residentRoutes } from "./routes/resident.ts";
import { deadLetterRoutes } from "./routes/dead-letters.ts";

export const app = createDomainApp<WasteBindings>();
app
  .route("/", registryRoutes)
  .route("/", billingRoutes)
  .route("/", operationRoutes)
  .route("/", checkRoutes)
  .route("/", residentRoutes)
  .route("/", deadLetterRoutes);
