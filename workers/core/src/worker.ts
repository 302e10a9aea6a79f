/**
 * Base class of every domain Worker's entrypoint. The gateway calls `serve(request, context)` over
 * the service binding (Workers RPC); a domain Worker has no public route, so its own `fetch`
 * answers 404 to anyone who reaches it directly.
 */
import { WorkerEntrypoint } from "cloudflare:workers";
import type { z } from "zod";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { AppError, problemResponse } from "./errors.ts";
import { CONTEXT_KEY, type DomainBindings, type DomainEnv } from "./app.ts";
import { tenantSchema, actorSchema, type TrustedContext } from "./context.ts";
import { openDb, type Db } from "./db.ts";
import { checkEnv, dbEnvSchema } from "./env.ts";

export type OpenApiDocument = Record<string, unknown> & { paths?: Record<string, unknown> };

/** What the gateway may call on a domain Worker. */
export interface DomainService {
  serve(request: Request, context: TrustedContext): Promise<Response>;
  openapi(): Promise<OpenApiDocument>;
  health(): Promise<{ database: "ok" }>;
}

/**
 * Base of an entrypoint other Workers call over a service binding (a named entrypoint offering a
 * few RPC methods, ADR 0025): a checked environment and a database handle per call, no HTTP app.
 */
export abstract class ServiceEntrypoint<B extends DomainBindings> extends WorkerEntrypoint<B> {
  /** Title of the domain (in the merged API document, and when its environment is incomplete), e.g. "Territoire". */
  protected abstract readonly title: string;

  /** Bindings this Worker needs, checked once per isolate. Extend for more than the database. */
  protected readonly envSchema: z.ZodType = dbEnvSchema;

  protected ready(): void {
    checkEnv(this.envSchema, this.env as object, this.title);
  }

  /** For RPC methods: a checked environment and a database handle, closed once the call is done. */
  protected async withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    this.ready();
    const db = openDb(this.env);
    try {
      return await fn(db);
    } finally {
      this.ctx.waitUntil(db.close());
    }
  }

  override async fetch(): Promise<Response> {
    return problemResponse(new AppError("routeNotFound"));
  }
}

export abstract class DomainEntrypoint<B extends DomainBindings> extends ServiceEntrypoint<B> implements DomainService {
  /** The domain's Hono app, built once per isolate. */
  protected abstract readonly app: OpenAPIHono<DomainEnv<B>>;

  async serve(request: Request, context: TrustedContext): Promise<Response> {
    try {
      this.ready();
    } catch (err) {
      return problemResponse(err as AppError, `urn:communa:requete:${context.requestId}`);
    }
    // The context crosses a trust boundary only inside our own account, but a typo there must
    // fail loudly rather than widen access.
    const checked: TrustedContext = {
      tenant: tenantSchema.parse(context.tenant),
      actor: actorSchema.parse(context.actor),
      requestId: String(context.requestId),
      baseUrl: context.baseUrl ? String(context.baseUrl) : undefined,
      siteUrl: context.siteUrl ? String(context.siteUrl) : undefined,
      staleSession: context.staleSession ? String(context.staleSession) : undefined,
    };
    return this.app.fetch(request, { ...this.env, [CONTEXT_KEY]: checked }, this.ctx);
  }

  async openapi(): Promise<OpenApiDocument> {
    return this.app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: { title: this.title, version: "1.0.0" },
    }) as unknown as OpenApiDocument;
  }

  async health(): Promise<{ database: "ok" }> {
    return this.withDb(async (db) => {
      await db.ping();
      return { database: "ok" as const };
    });
  }
}
