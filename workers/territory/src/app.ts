import { createDomainApp } from "@communa/core";
import type { TerritoryBindings } from "./env.ts";
import { tenantRoutes } from "./routes/tenant.ts";
import { communesRoutes } from "./routes/communes.ts";
import { competencesRoutes } from "./routes/competences.ts";
import { profileRoutes } from "./routes/profile.ts";
import { identityRoutes } from "./routes/identity.ts";

export const app = createDomainApp<TerritoryBindings>()
  .route("/", tenantRoutes)
  .route("/", communesRoutes)
  .route("/", competencesRoutes)
  .route("/", profileRoutes)
  .route("/", identityRoutes);
