/** Runtime-neutral part of the shared library (no `cloudflare:*` import: services can use it anywhere). */
export * from "./context.ts";
export * from "./errors.ts";
export * from "./log.ts";
export * from "./ids.ts";
export * from "./time.ts";
export { openDb, createPool } from "./db.ts";
export type { Db, DbEnv, Tx, WriteTx, Journal, JournalEntry } from "./db.ts";
export { verifyChain } from "./journal.ts";
export type { ChainReport } from "./journal.ts";
export { createDomainApp, createRouter, defineRoute, purgeCache, cacheFor, afterResponse, findNul, problemSchema, commonErrorResponses, CONTEXT_KEY } from "./app.ts";
export type { DomainEnv, DomainBindings, DomainVariables, DomainRouteConfig } from "./app.ts";
export { problemTexts } from "./messages.fr.ts";
export { checkEnv, dbEnvSchema } from "./env.ts";
export { ROLES, PERMISSIONS, SERVICES, permissionsOf, isPermission, assertGrantable } from "./roles.ts";
export type { Role, Permission, Service } from "./roles.ts";
export * from "./device-signature.ts";
export * from "./session.ts";
export { SecretBox } from "./secret-box.ts";
