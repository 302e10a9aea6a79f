/**
 * A station screen's live socket (ADR 0046), reached from the gateway over the service binding's
 * `fetch` with the trusted context in `x-communa-context` (as the council's room, ADR 0014). The
 * board is public, so any caller may listen; the tenant comes from the gateway, never the client.
 */
import { AppError, tenantSchema } from "@communa/core";
import type { DevicesBindings } from "../env.ts";
import { hubOf } from "../services/signage.ts";

const CONTEXT_HEADER = "x-communa-context";

export async function connectScreen(env: DevicesBindings, request: Request): Promise<Response> {
  if (new URL(request.url).pathname !== "/signage/live" || request.headers.get("upgrade")?.toLowerCase() !== "websocket") throw new AppError("routeNotFound");
  let tenantId: string;
  try {
    const raw = JSON.parse(decodeURIComponent(request.headers.get(CONTEXT_HEADER) ?? "null")) as { tenant?: unknown } | null;
    tenantId = tenantSchema.parse(raw?.tenant).id;
  } catch {
    throw new AppError("routeNotFound");
  }
  return hubOf(env, tenantId).fetch("https://devices.internal/live", { headers: { upgrade: "websocket" } });
}
