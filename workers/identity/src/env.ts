import type { DomainBindings } from "@communa/core";

export type IdentityBindings = DomainBindings;
