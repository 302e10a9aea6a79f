/**
 * The edge gateway: the platform's only public entry. Resolves the tenant, authenticates the
 * caller, checks the body, sets a request id and security headers, logs one line per request, and
 * hands the request to the domain Worker over its service binding with the trusted context.
 */
import { Hono } from "hono";
import {
  AppError,
  TEST_ACTOR_HEADER,
  checkEnv,
  invalid,
  log,
  problemResponse,
  rateLimited,
  requestId as newRequestId,
  rpcValue,
  toAppError,
  type Tenant,
} from "@communa/core/edge";
import { RULES, clientKey, limiter } from "./rate-limiter.ts";
import { gatewayEnvSchema } from "./env-schema.ts";
import type { GatewayEnv } from "./env.ts";
import { addressOf, resolveTenant } from "./tenant.ts";
import { authenticate } from "./auth.ts";
import { readBody, streamBody, streamedUploadLimit, DEFAULT_MAX_BODY, IMPORT_MAX_BODY } from "./body.ts";
import { DOMAINS, domainService } from "./domains.ts";
import { mergedDocument } from "./openapi.ts";
import { renderDocsPage } from "./docs-page.ts";
import { DOCS_CSP, withSecurityHeaders } from "./headers.ts";
import { bumpGeneration, cacheKey, isCacheable, memoryGet, memoryPut } from "./edge-cache.ts";
import { checkOrigin, forwardLive, isLiveUpgrade } from "./live.ts";
import { publicAddress } from "./public-address.ts";
import { gatewayText } from "./messages.fr.ts";

type Vars = { requestId: string; tenant: Tenant | null; route: string };
const app = new Hono<{ Bindings: GatewayEnv; Variables: Vars }>();

app.use("*", async (c, next) => {
  const started = Date.now();
  const rid = newRequestId();
  c.set("requestId", rid);
  c.set("tenant", null);
  c.set("route", "");
  try {
    checkEnv(gatewayEnvSchema, c.env, "gateway");
    await next();
  } catch (err) {
    // Errors thrown before a route runs (configuration) still leave as problem+json.
    c.res = problemResponse(toAppError(err), `urn:communa:requete:${rid}`);
  }
  // A WebSocket upgrade (101) leaves as it came: copying it would drop the socket.
  if (!c.res.webSocket) c.res = withSecurityHeaders(c.res, rid);
  const tenant = c.get("tenant");
  log("info", "requête", {
    requestId: rid,
    tenant: tenant?.slug ?? null,
    method: c.req.method,
    route: c.get("route") || new URL(c.req.url).pathname,
    status: c.res.status,
    durationMs: Date.now() - started,
  });
});

app.onError((err, c) => {
  const appErr = toAppError(err);
  if (appErr.kind === "internal") log("error", "erreur passerelle", { requestId: c.get("requestId"), error: err });
  return problemResponse(appErr, `urn:communa:requete:${c.get("requestId")}`);
});

app.get("/api/health", async (c) => {
  c.set("route", "/api/health");
  try {
    await Promise.all(Object.keys(DOMAINS).map((d) => domainService(c.env, d)!.health()));
  } catch (err) {
    throw err instanceof AppError ? err : new AppError("unavailable", gatewayText.dbNotResponding, { cause: err });
  }
  return c.json({ status: "ok", database: "ok" }, 200, { "cache-control": "no-store" });
});

app.get("/api/openapi.json", async (c) => {
  c.set("route", "/api/openapi.json");
  return c.json(await mergedDocument(c.env, c.env.BASE_DOMAIN), 200, { "cache-control": "public, max-age=300" });
});

app.get("/api/docs", async (c) => {
  c.set("route", "/api/docs");
  const html = renderDocsPage(await mergedDocument(c.env, c.env.BASE_DOMAIN));
  return c.html(html, 200, { "content-security-policy": DOCS_CSP, "cache-control": "public, max-age=300" });
});

// The platform's tenants (public reference data): what the site builds its tenant pages from.
app.get("/api/tenants", async (c) => {
  c.set("route", "/api/tenants");
  const geometry = c.req.query("geometry") ?? "false";
  if (geometry !== "true" && geometry !== "false") throw invalid(undefined, [{ path: "query/geometry", message: gatewayText.geometryParam }]);
  const listing = rpcValue(await c.env.TERRITORY.listTenants(geometry === "true"));
  return c.json(listing, 200, { "cache-control": "public, max-age=60" });
});

app.all("*", async (c) => {
  const url = new URL(c.req.url);
  const addressed = addressOf(url, c.env.BASE_DOMAIN);
  if (!addressed.slug) throw new AppError("routeNotFound");
  const tenant = await resolveTenant(c.env, addressed.slug);
  if (!tenant) throw new AppError("tenantNotFound", gatewayText.tenantUnknown(addressed.slug));
  c.set("tenant", tenant);
  const m = /^\/api\/([a-z-]+)(\/.*)?$/.exec(addressed.path);
  const domain = m ? domainService(c.env, m[1]) : undefined;
  if (!m || !domain) throw new AppError("routeNotFound");
  c.set("route", `/api/${m[1]}${m[2] ?? ""}`);
  if (isLiveUpgrade(c.req.raw, m[1], m[2] ?? "")) {
    checkOrigin(c.req.raw);
    const actor = await authenticateLimited(c.env, c.req.raw, tenant, c.get("requestId"), null, {});
    const binding = c.env[(DOMAINS as Record<string, { binding: keyof GatewayEnv }>)[m[1]].binding] as unknown as Fetcher;
    return forwardLive(binding, new URL(m[2] ?? "/", url), { tenant, actor, requestId: c.get("requestId") });
  }
  // File imports, photo and logo uploads may be larger than ordinary requests.
  const isImport = /\/(import|imports\/[a-z-]+|photos|logo)$/.test(m[2] ?? "");
  // Archive file uploads stream through to the archive Worker, never held here (body.ts).
  const streamed = streamedUploadLimit(c.req.method, m[1], m[2] ?? "");
  const body = streamed !== null ? null : await readBody(c.req.raw, isImport ? IMPORT_MAX_BODY : Number(c.env.MAX_BODY_BYTES ?? DEFAULT_MAX_BODY));
  if (m[1] === "identity" && (m[2] ?? "").startsWith("/auth/")) {
    const v = await limiter(c.env.RATE_LIMITER, tenant.id, "signIn", clientKey(c.req.raw)).hit(RULES.signIn, Date.now());
    if (!v.allowed) throw rateLimited(v.retryAfter);
  }
  const notes: { staleSession?: string } = {};
  const actor = await authenticateLimited(c.env, c.req.raw, tenant, c.get("requestId"), body, notes);
  if (actor.kind === "anonymous" && !["GET", "HEAD", "OPTIONS"].includes(c.req.method)) {
    const v = await limiter(c.env.RATE_LIMITER, tenant.id, "anonymousWrite", clientKey(c.req.raw)).hit(RULES.anonymousWrite, Date.now());
    if (!v.allowed) throw rateLimited(v.retryAfter);
  }
  // Links in answers and mails come from configuration, never from the Host the client sent;
  // the forged host does not even travel to the domain in the request's URL.
  const address = publicAddress(c.env, tenant);
  const inner = new URL(m[2] ?? "/", address.origin);
  inner.search = url.search;

  const cacheable = c.req.method === "GET" && actor.kind === "anonymous";
  const cache = caches.default;
  const key = cacheable ? await cacheKey(cache, m[1], address.origin, tenant.id, inner) : null;
  // `Cache-Control: no-cache` from the client asks for a fresh answer (which is then cached).
  const revalidate = /no-cache/.test(c.req.header("cache-control") ?? "");
  if (key && !revalidate) {
    const inMemory = memoryGet(key);
    const hit = inMemory ?? (await cache.match(key));
    if (hit) {
      // The client already holds this version: 304, no body (ETags come from the domain Worker).
      const tag = hit.headers.get("etag");
      if (
        tag &&
        c.req
          .header("if-none-match")
          ?.split(",")
          .map((t) => t.trim())
          .includes(tag)
      ) {
        return new Response(null, { status: 304, headers: { etag: tag, "cache-control": hit.headers.get("cache-control") ?? "", "x-communa-cache": "hit" } });
      }
      const out = inMemory ?? new Response(hit.body, hit);
      out.headers.set("x-communa-cache", "hit");
      if (!inMemory) c.executionCtx.waitUntil(memoryPut(key, out.clone()));
      return out;
    }
  }

  const headers = new Headers(c.req.raw.headers);
  headers.delete(TEST_ACTOR_HEADER);
  const forward = new Request(inner, { method: c.req.method, headers, body: streamed !== null ? streamBody(c.req.raw, streamed) : body });
  const context = { tenant, actor, requestId: c.get("requestId"), baseUrl: address.baseUrl, siteUrl: address.siteUrl, staleSession: notes.staleSession };
  const res = await domain.serve(forward, context);
  if (key && isCacheable(res)) c.executionCtx.waitUntil(Promise.all([cache.put(key, res.clone()), memoryPut(key, res.clone())]));
  if (c.req.method !== "GET" && res.ok && res.headers.has("x-communa-purge")) {
    c.executionCtx.waitUntil(bumpGeneration(cache, m[1]));
  }
  return res;
});

/**
 * Authentication behind the brute-force guard: a client with too many recent failures is refused
 * (429 with Retry-After) before its credentials are even looked at; each failure is counted.
 */
async function authenticateLimited(
  env: GatewayEnv,
  req: Request,
  tenant: Tenant,
  requestId: string,
  body: ArrayBuffer | null,
  notes: { staleSession?: string },
) {
  const guard = limiter(env.RATE_LIMITER, tenant.id, "authFailure", clientKey(req));
  const presentsCredentials = req.headers.has("authorization") || req.headers.has("x-communa-device");
  if (presentsCredentials) {
    const v = await guard.check(RULES.authFailure, Date.now());
    if (!v.allowed) throw rateLimited(v.retryAfter);
  }
  try {
    return await authenticate({ req, env, tenant, requestId, body, notes });
  } catch (err) {
    if (err instanceof AppError && err.kind === "unauthenticated") await guard.hit(RULES.authFailure, Date.now());
    throw err;
  }
}

export { RateLimiter } from "./rate-limiter.ts";
export default app;
