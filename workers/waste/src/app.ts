import { createDomainApp } from "@communa/core";
import type { WasteBindings } from "./env.ts";

export const app = createDomainApp<WasteBindings>();
