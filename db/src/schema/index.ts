export * from "./tenancy.ts";
export * from "./territory.ts";
export * from "./audit.ts";
export * from "./identity.ts";
export * from "./devices.ts";
export * from "./map.ts";
export * from "./directory.ts";
