import { createDomainApp } from "@communa/core";
import type { DevicesBindings } from "./env.ts";

export const app = createDomainApp<DevicesBindings>();
