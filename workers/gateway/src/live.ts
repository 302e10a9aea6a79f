/**
 * Live sockets (WebSocket upgrades) to a domain Worker. A WebSocket cannot come back over Workers
 * RPC ("Could not serialize object of type WebSocket"), so these go over the service binding's
 * `fetch`, carrying the trusted context the gateway computed in `x-communa-context` (the domain
 * Worker has no public route: only the gateway can call it). Nothing else from the client's
 * request crosses: no cookie, no credential, no client-set context header.
 */
import { AppError, type Actor, type Tenant } from "@communa/core/edge";
import { gatewayText } from "./messages.fr.ts";

/** Domains that serve live sockets, and the paths they serve them on. */
const LIVE_PATHS: Record<string, RegExp> = {
  council: /^\/sittings\/[0-9a-f-]{36}\/live$/,
  // Station screens (ADR 0046): the tenant's display board changed.
  devices: /^\/signage\/live$/,
};

export const CONTEXT_HEADER = "x-communa-context";

export function isLiveUpgrade(req: Request, domain: string, path: string): boolean {
  return req.headers.get("upgrade")?.toLowerCase() === "websocket" && (LIVE_PATHS[domain]?.test(path) ?? false);
}

/**
 * Browsers send cookies with a WebSocket to any site that asks: refuse a page from another origin
 * (cross-site WebSocket hijacking). Clients that are not browsers send no Origin.
 */
export function checkOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  if (origin && origin !== new URL(req.url).origin) throw new AppError("forbidden", gatewayText.liveCrossSite);
}

export function forwardLive(binding: Fetcher, inner: URL, context: { tenant: Tenant; actor: Actor; requestId: string }): Promise<Response> {
  // URI-encoded: header values must be ASCII (tenant names are not).
  const headers = new Headers({ upgrade: "websocket", [CONTEXT_HEADER]: encodeURIComponent(JSON.stringify(context)) });
  return binding.fetch(new Request(inner, { headers }));
}
