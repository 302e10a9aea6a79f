import type { DomainBindings } from "@communa/core";

export type DirectoryBindings = DomainBindings;
