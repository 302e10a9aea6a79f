/**
 * The live side of a tenant's display board (ADR 0046): one Durable Object per tenant holding the
 * station screens' sockets (WebSocket Hibernation API: an idle screen costs nothing). It keeps no
 * content — the board lives in Postgres — only tells each screen the new version when an agent
 * saves, and the screen reads the board again. A screen that reconnects reads it on `open`.
 */
import { DurableObject } from "cloudflare:workers";
import type { BoardMessage } from "@communa/contracts/signage";
import type { DevicesBindings } from "../env.ts";

export class SignageHub extends DurableObject<DevicesBindings> {
  /** A screen's socket (the gateway checked the upgrade and its origin). */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response(null, { status: 426 });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** The board changed: every connected screen hears the new version. Returns how many heard it. */
  async notify(version: number): Promise<number> {
    const frame = JSON.stringify({ type: "board", version } satisfies BoardMessage);
    let sent = 0;
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(frame);
        sent++;
      } catch {
        // A socket closing as we send: it reads the board again when it reconnects.
      }
    }
    return sent;
  }

  /** Screens send nothing but keep-alives: answered so proxies keep the socket open. */
  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message === "ping") ws.send("pong");
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 ? 1000 : code, "fermé");
    } catch {
      // Already closed.
    }
  }
}
