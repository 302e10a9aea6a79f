/**
 * The domain app factory: an OpenAPIHono app whose validation failures, thrown errors and unknown
 * routes all leave as problem+json; and `defineRoute`, which makes every route declare the
 * permission it requires (checked here, in one place) and its JSON body's content type.
 */
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { RouteConfig } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, problemResponse, toAppError, type FieldError } from "./errors.ts";
import { AUTHENTICATED, can, PUBLIC, type TrustedContext } from "./context.ts";
import { isPermission } from "./roles.ts";
import { openDb, type Db, type DbEnv } from "./db.ts";
import { coreTexts, fieldMessage, inputTexts } from "./messages.fr.ts";
import { log } from "./log.ts";

/** Key under which the gateway's trusted context reaches the app (set by DomainEntrypoint). */
export const CONTEXT_KEY = "COMMUNA_CONTEXT";

export type DomainBindings = DbEnv & { [CONTEXT_KEY]?: TrustedContext };
export interface DomainVariables {
  ctx: TrustedContext;
  db: Db;
}
export type DomainEnv<B extends DomainBindings = DomainBindings> = { Bindings: B; Variables: DomainVariables };

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

const problemContent = { "application/problem+json": { schema: problemSchema } };
/** Error responses every route may give. */
export const commonErrorResponses = {
  400: { description: "Requête invalide", content: problemContent },
  401: { description: "Authentification requise", content: problemContent },
  403: { description: "Accès refusé", content: problemContent },
  404: { description: "Ressource introuvable", content: problemContent },
  500: { description: "Erreur interne", content: problemContent },
  503: { description: "Service indisponible", content: problemContent },
} as const;

/** The first segment of a field's path in a problem: "body" for a JSON body, else the target. */
const rootOf = (target: string) => (target === "json" ? "body" : target);

function zodIssuesToFields(target: string, issues: ReadonlyArray<z.core.$ZodIssue>): FieldError[] {
  // An unknown field is named in the path (`body/note`), one error per key, so a form can show it.
  return issues.flatMap((i) =>
    (i.code === "unrecognized_keys" ? i.keys.map((k) => [...i.path, k]) : [i.path]).map((path) => ({
      path: [rootOf(target), ...path.map(String)].join("/"),
      message: fieldMessage(i as Parameters<typeof fieldMessage>[0]),
    })),
  );
}

const NUL = "\u0000";

/**
 * The path of the first string (a value or an object key) in `value` that holds U+0000, or null.
 * Postgres refuses that character in text (SQLSTATE 22021), so it is refused here, with the field
 * named, before any query. Iterative: a deeply nested body must not exhaust the stack.
 */
export function findNul(value: unknown, root: string): string | null {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes(NUL)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}/${i}`]);
    } else if (v !== null && typeof v === "object") {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) continue; // files, dates: not text
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i];
        if (k.includes(NUL)) return `${path}/${k.replaceAll(NUL, "\\u0000")}`;
        stack.push([x, `${path}/${k}`]);
      }
    }
  }
  return null;
}

/**
 * A router for one resource: its validation failures become 400 problems with field errors, and
 * so does a NUL character anywhere in a validated value (query, path, JSON or form body), for
 * every route at once.
 */
export function createRouter<B extends DomainBindings>(): OpenAPIHono<DomainEnv<B>> {
  return new OpenAPIHono<DomainEnv<B>>({
    defaultHook: (result) => {
      const target = (result as { target?: string }).target ?? "body";
      if (!result.success) {
        throw new AppError("invalid", undefined, { errors: zodIssuesToFields(target, result.error.issues) });
      }
      const at = findNul(result.data, rootOf(target));
      if (at) throw new AppError("invalid", inputTexts.nulDetail, { errors: [{ path: at, message: inputTexts.nulCharacter }] });
    },
  });
}

/**
 * The domain's root app: trusted context and per-request database on every request, errors and
 * unknown routes as problem+json. Mount the routers on it with `app.route("/", router)`.
 */
export function createDomainApp<B extends DomainBindings>(): OpenAPIHono<DomainEnv<B>> {
  const app = createRouter<B>();
  app.use("*", async (c, next) => {
    const ctx = c.env[CONTEXT_KEY];
    if (!ctx) throw new AppError("forbidden", coreTexts.directCall);
    c.set("ctx", ctx);
    const db = openDb(c.env);
    c.set("db", db);
    try {
      await next();
    } finally {
      c.executionCtx.waitUntil(db.close());
    }
  });
  app.onError((err, c) => {
    const instance = instanceOf(c.var.ctx);
    // Hono's own body checks (validators, media type gate) throw HTTPException: map each to its
    // problem, never to a 500 (nor a multipart body to "not valid JSON").
    if (err instanceof HTTPException && err.status === 415) return problemResponse(new AppError("unsupportedMediaType"), instance);
    if (err instanceof HTTPException && err.status === 400) {
      const multipart = /FormData/i.test(err.message);
      return problemResponse(multipart ? new AppError("invalid", inputTexts.malformedMultipart) : new AppError("malformedJson"), instance);
    }
    const appErr = toAppError(err);
    if (appErr.kind === "internal" || appErr.kind === "unavailable") {
      log("error", "erreur de traitement", { requestId: c.var.ctx?.requestId, error: appErr.cause ?? err });
    }
    return problemResponse(appErr, instance);
  });
  app.notFound((c) => problemResponse(new AppError("routeNotFound"), instanceOf(c.var.ctx)));
  return app;
}

/** The problem's `instance`: the request id, which the logs carry too. */
const instanceOf = (ctx: TrustedContext | undefined) => (ctx ? `urn:communa:requete:${ctx.requestId}` : undefined);

/** Rejects a body whose content type is not JSON before validation (415, not a misleading 400). */
const requireJson: MiddlewareHandler = async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\s*(;|$)/i.test(type)) throw new AppError("unsupportedMediaType");
  await next();
};

/** Rejects a body that is not multipart/form-data on a route that declares only that (415). */
const requireMultipart: MiddlewareHandler = async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  if (!/^multipart\/form-data\s*(;|$)/i.test(type)) throw new AppError("unsupportedMediaType", inputTexts.multipartExpected);
  await next();
};

function authorize(requires: string): MiddlewareHandler<DomainEnv> {
  return async (c, next) => {
    const { actor, staleSession } = c.var.ctx;
    if (!can(actor, requires))
      throw new AppError(actor.kind === "anonymous" ? "unauthenticated" : "forbidden", actor.kind === "anonymous" ? staleSession : undefined);
    await next();
  };
}

export type DomainRouteConfig = Omit<RouteConfig, "middleware"> & {
  /** Permission the caller needs: "public", or "<domain>:<action>" such as "territory:write". */
  requires: string;
};

/**
 * createRoute, plus the route's declared permission (kept in the OpenAPI document as
 * `x-communa-requires`, so tests can walk every route) and its guards.
 */
export function defineRoute<const R extends DomainRouteConfig>(config: R) {
  const { requires, ...rest } = config;
  // A typo in a declaration must fail at start-up, not silently deny (or allow) everyone.
  if (requires !== PUBLIC && requires !== AUTHENTICATED && !isPermission(requires))
    throw new Error(`unknown permission "${requires}" declared on ${rest.method.toUpperCase()} ${rest.path}`);
  const middleware: MiddlewareHandler[] = [authorize(requires) as MiddlewareHandler];
  const content = (rest.request?.body as { content?: Record<string, unknown> } | undefined)?.content;
  const types = Object.keys(content ?? {});
  if (types.some((t) => t.includes("json"))) middleware.push(requireJson);
  else if (types.length && types.every((t) => t === "multipart/form-data")) middleware.push(requireMultipart);
  return createRoute({
    ...rest,
    responses: { ...commonErrorResponses, ...rest.responses },
    middleware,
    "x-communa-requires": requires,
  } as unknown as R & { middleware: MiddlewareHandler[] });
}

/**
 * Runs `work` after the answer has been sent (the execution context's `waitUntil`), with its own
 * database handle (the request's is closed once the answer is ready) closed when done; a failure
 * is logged, as the caller is gone. For work whose outcome the answer must not reveal, even by
 * its timing (whether an e-mail address belongs to a member).
 */
export function afterResponse<B extends DomainBindings>(c: Context<DomainEnv<B>>, what: string, work: (db: Db) => Promise<unknown>): void {
  const db = openDb(c.env);
  const { requestId } = c.var.ctx;
  const done = (async () => {
    try {
      await work(db);
    } catch (err) {
      log("error", what, { requestId, error: err });
    } finally {
      await db.close();
    }
  })();
  c.executionCtx.waitUntil(done);
}

/**
 * Cache headers by audience: public answers are kept (at the edge, 60 s by browsers; ETags make
 * revalidation cheap); answers that may hold what only this caller sees are theirs alone.
 */
export function cacheFor(ctx: TrustedContext): Record<string, string> {
  return { "cache-control": ctx.actor.kind === "anonymous" ? "public, max-age=60" : "private, no-cache", vary: "cookie, authorization" };
}

/** Asks the gateway to drop cached copies of these tenant-relative paths after a write. */
export function purgeCache(headers: Headers, ...paths: string[]): void {
  headers.set("x-communa-purge", paths.join(","));
}
