import { createDomainApp } from "@communa/core";
import type { IdentityBindings } from "./env.ts";
import { journalRoutes } from "./routes/journal.ts";
import { apiKeyRoutes } from "./routes/api-keys.ts";
import { deviceRoutes } from "./routes/devices.ts";
import { memberRoutes } from "./routes/members.ts";
import { peopleRoutes } from "./routes/people.ts";
import { authRoutes } from "./routes/auth.ts";
import { providerRoutes } from "./routes/providers.ts";

export const app = createDomainApp<IdentityBindings>()
  .route("/", journalRoutes)
  .route("/", apiKeyRoutes)
  .route("/", deviceRoutes)
  .route("/", memberRoutes)
  .route("/", peopleRoutes)
  .route("/", authRoutes)
  .route("/", providerRoutes);
