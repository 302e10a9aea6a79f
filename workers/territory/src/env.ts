import type { DomainBindings } from "@communa/core";

export type TerritoryBindings = DomainBindings;
