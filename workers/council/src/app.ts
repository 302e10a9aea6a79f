import { createDomainApp } from "@communa/core";
import type { CouncilBindings } from "./env.ts";

export const app = createDomainApp<CouncilBindings>();
