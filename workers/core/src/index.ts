/** Runtime-neutral part of the shared library (no `cloudflare:*` import: services can use it anywhere). */
export * from "./context.ts";
export * from "./errors.ts";
export * from "./rpc.ts";
export * from "./log.ts";
export * from "./ids.ts";
export * from "./time.ts";
export { openDb, createPool, likeContains, sqlState, RETENTION_RULES } from "./db.ts";
export type { Db, DbEnv, Tx, WriteTx, Journal, JournalEntry, RetentionRule, IngestBatch } from "./db.ts";
export { verifyChain } from "./journal.ts";
export type { ChainReport } from "./journal.ts";
export { signerOf } from "./signing.ts";
export type { Signer } from "./signing.ts";
export * from "./checkpoint.ts";
export {
  createDomainApp,
  createRouter,
  defineRoute,
  purgeCache,
  cacheFor,
  afterResponse,
  findNul,
  problemSchema,
  commonErrorResponses,
  CONTEXT_KEY,
} from "./app.ts";
export type { DomainEnv, DomainBindings, DomainVariables, DomainRouteConfig } from "./app.ts";
export { problemTexts } from "./messages.fr.ts";
export { checkEnv, dbEnvSchema } from "./env.ts";
export { ROLES, PERMISSIONS, SERVICES, permissionsOf, isPermission, assertGrantable } from "./roles.ts";
export type { Role, Permission, Service } from "./roles.ts";
export * from "./device-signature.ts";
export * from "./session.ts";
export { SecretBox } from "./secret-box.ts";
export { httpUrl } from "./url.ts";
export type { HttpUrlOptions } from "./url.ts";
export { isSiren, isSiret, normaliseSiret } from "./siret.ts";
export { boundedPeriod } from "./period.ts";
