import { createDomainApp } from "@communa/core";
import type { ArchiveBindings } from "./env.ts";

export const app = createDomainApp<ArchiveBindings>();
