/**
 * The live socket of a sitting, reached from the gateway over the service binding's `fetch` (a
 * WebSocket cannot travel back over Workers RPC: "Could not serialize object of type WebSocket").
 * The gateway puts the trusted context it computed in `x-communa-context` (URI-encoded JSON); this Worker has no
 * public route, so only the gateway can call it. The request forwarded to the sitting's Durable
 * Object carries only the upgrade and the actor: nothing else from the client crosses.
 */
import { AppError, actorSchema, checkEnv, openDb, problemResponse, tenantSchema, can, type TrustedContext } from "@communa/core";
import type { CouncilBindings } from "../env.ts";
import { councilEnvSchema } from "../env.ts";
import { ACTOR_HEADER } from "./sitting-room.ts";
import { liveConfig, markLive } from "../services/sittings.ts";
import { councilText } from "../messages.fr.ts";

/** Header the gateway sets (and strips from clients) with the trusted context, as JSON. */
export const CONTEXT_HEADER = "x-communa-context";
const LIVE = /^\/sittings\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/live$/;

/** The sitting's Durable Object: one per (tenant, sitting), so an id from another tenant finds nothing. */
export const sittingStub = (env: CouncilBindings, tenantId: string, sittingId: string) => env.SITTINGS.get(env.SITTINGS.idFromName(`${tenantId}:${sittingId}`));

function trusted(request: Request): TrustedContext | null {
  try {
    const raw = JSON.parse(decodeURIComponent(request.headers.get(CONTEXT_HEADER) ?? "null")) as Record<string, unknown> | null;
    if (!raw) return null;
    return { tenant: tenantSchema.parse(raw.tenant), actor: actorSchema.parse(raw.actor), requestId: String(raw.requestId) };
  } catch {
    return null;
  }
}

export async function connectLive(env: CouncilBindings, request: Request, waitUntil: (p: Promise<unknown>) => void): Promise<Response> {
  const m = LIVE.exec(new URL(request.url).pathname);
  const ctx = trusted(request);
  if (!m || !ctx || request.headers.get("upgrade")?.toLowerCase() !== "websocket") return problemResponse(new AppError("routeNotFound"));
  const instance = `urn:communa:requete:${ctx.requestId}`;
  try {
    checkEnv(councilEnvSchema, env, "council");
    const sittingId = m[1];
    const stub = sittingStub(env, ctx.tenant.id, sittingId);
    const forward = () =>
      stub.fetch("https://council.internal/connect", { headers: { upgrade: "websocket", [ACTOR_HEADER]: encodeURIComponent(JSON.stringify(ctx.actor)) } });
    let res = await forward();
    if (res.status !== 404) return res;
    await res.body?.cancel();
    // Not set up yet: the secretary's or the president's first connection sets the room up from Postgres.
    if (!can(ctx.actor, "council:write") && !can(ctx.actor, "council:preside")) throw new AppError("conflict", councilText.notLiveYet);
    const db = openDb(env);
    try {
      const { config, status } = await liveConfig(db, ctx, sittingId);
      if (status === "closed") throw new AppError("conflict", councilText.sittingClosed);
      if (!config.rooms.length) throw new AppError("conflict", councilText.noRoom);
      await stub.setup(config);
      await markLive({ db, ctx, sittingId });
    } finally {
      waitUntil(db.close());
    }
    res = await forward();
    return res;
  } catch (err) {
    return problemResponse(err instanceof AppError ? err : new AppError("internal", undefined, { cause: err }), instance);
  }
}
