import type { Context } from "hono";
import type { DomainEnv } from "@communa/core";
import type { ArchiveBindings } from "../env.ts";
import type { ArchiveDeps } from "../services/context.ts";

/** What a route hands to the service verbs: the request's database, caller and bindings. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const depsOf = (c: Context<DomainEnv<ArchiveBindings>, any, any>): ArchiveDeps => ({ db: c.var.db, ctx: c.var.ctx, env: c.env });
