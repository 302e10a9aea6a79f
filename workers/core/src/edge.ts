/**
 * The light part of the shared library, for the gateway: context, errors, logs, ids — no database
 * driver, no ORM, no OpenAPI builder in its bundle.
 */
export * from "./context.ts";
export * from "./errors.ts";
export * from "./rpc.ts";
export * from "./log.ts";
export * from "./ids.ts";
export { checkEnv } from "./env.ts";
export * from "./device-signature.ts";
export * from "./session.ts";
