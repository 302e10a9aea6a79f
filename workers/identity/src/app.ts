import { createDomainApp } from "@communa/core";
import type { IdentityBindings } from "./env.ts";
import { journalRoutes } from "./routes/journal.ts";

export const app = createDomainApp<IdentityBindings>().route("/", journalRoutes);
