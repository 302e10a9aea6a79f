/** Node-only tooling: local Postgres, the Neon relay, database preparation. */
export { startPostgres, localSecret } from "./postgres.ts";
export type { RunningPostgres } from "./postgres.ts";
export { startRelay } from "./relay.ts";
export type { Relay } from "./relay.ts";
export { startLocalStack } from "./stack.ts";
export { openOwnerDatabase } from "./owner.ts";
export type { LocalStack } from "./stack.ts";
export { prepareDatabase, dropDatabase, withDatabase, APP_ROLE } from "../admin/prepare.ts";
