import type { DomainBindings } from "@communa/core";

export type MapBindings = DomainBindings;
