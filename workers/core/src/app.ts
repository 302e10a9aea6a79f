/**
 * The domain app factory: an OpenAPIHono app whose validation failures, thrown errors and unknown
 * routes all leave as problem+json; and `defineRoute`, which makes every route declare the
 * permission it requires (checked here, in one place) and its JSON body's content type.
 */
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, problemResponse, toAppError, type FieldError } from "./errors.ts";
import { AUTHENTICATED, can, PUBLIC, type TrustedContext } from "./context.ts";
import { isPermission } from "./roles.ts";
import { openDb, type Db, type DbEnv } from "./db.ts";
import { fieldMessage } from "./messages.fr.ts";
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

function zodIssuesToFields(target: string, issues: ReadonlyArray<z.core.$ZodIssue>): FieldError[] {
  return issues.map((i) => ({
    path: [target === "json" ? "body" : target, ...i.path.map(String)].join("/"),
    message: fieldMessage(i as Parameters<typeof fieldMessage>[0]),
  }));
}

/** A router for one resource: its validation failures become 400 problems with field errors. */
export function createRouter<B extends DomainBindings>(): OpenAPIHono<DomainEnv<B>> {
  return new OpenAPIHono<DomainEnv<B>>({
    defaultHook: (result) => {
      if (!result.success) {
        const target = (result as { target?: string }).target ?? "body";
        throw new AppError("invalid", undefined, { errors: zodIssuesToFields(target, result.error.issues) });
      }
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
    if (!ctx) throw new AppError("forbidden", "Appel direct refusé : passez par la passerelle.");
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
    if (err instanceof HTTPException && err.status === 400) {
      return problemResponse(new AppError("malformedJson"), instance);
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

function authorize(requires: string): MiddlewareHandler<DomainEnv> {
  return async (c, next) => {
    const { actor, staleSession } = c.var.ctx;
    if (!can(actor, requires)) throw new AppError(actor.kind === "anonymous" ? "unauthenticated" : "forbidden", actor.kind === "anonymous" ? staleSession : undefined);
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
  if (requires !== PUBLIC && requires !== AUTHENTICATED && !isPermission(requires)) throw new Error(`Droit inconnu « ${requires} » sur ${rest.method.toUpperCase()} ${rest.path}`);
  const middleware: MiddlewareHandler[] = [authorize(requires) as MiddlewareHandler];
  const content = (rest.request?.body as { content?: Record<string, unknown> } | undefined)?.content;
  if (content && Object.keys(content).some((t) => t.includes("json"))) middleware.push(requireJson);
  return createRoute({
    ...rest,
    responses: { ...commonErrorResponses, ...rest.responses },
    middleware,
    "x-communa-requires": requires,
  } as unknown as R & { middleware: MiddlewareHandler[] });
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
