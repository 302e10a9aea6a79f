export * from "./tenancy.ts";
export * from "./territory.ts";
