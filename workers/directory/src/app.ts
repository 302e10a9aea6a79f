import { createDomainApp } from "@communa/core";
import type { DirectoryBindings } from "./env.ts";

export const app = createDomainApp<DirectoryBindings>();
