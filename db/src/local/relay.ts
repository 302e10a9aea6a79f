/**
 * Stands in for Neon's proxy on one machine, for both ways `@neondatabase/serverless` talks to it:
 * - WebSocket at `/v1?address=host:port`: a TCP connection to that Postgres, raw bytes both ways
 *   (Pool/Client, interactive transactions);
 * - HTTP `POST /sql`: Neon's SQL-over-HTTP protocol (one query, or a batch run as one
 *   transaction), executed on connections the relay keeps open, as Neon's proxy does.
 * Workers then use the driver exactly as in production. Only the addresses in `allow` are reached,
 * so the relay cannot be used to reach anything else on the machine.
 */
import { createRequire } from "node:module";
import net from "node:net";
import type { AddressInfo } from "node:net";
import type { WebSocketServer as WSS, WebSocket } from "ws";
import { createServer } from "node:http";
import { sqlOverHttp } from "./sql-over-http.ts";

// ws's package "browser" condition resolves to a stub under some bundlers (vitest globalSetup):
// load the Node build explicitly.
const { WebSocketServer } = createRequire(import.meta.url)("ws") as typeof import("ws");

export interface Relay {
  port: number;
  /** Number of WebSocket sessions currently relayed (for tests and the dev status line). */
  open(): number;
  close(): Promise<void>;
}

export interface RelayOptions {
  port?: number;
  /** "host:port" targets that may be reached, e.g. ["127.0.0.1:5432"]. */
  allow: string[];
}

export async function startRelay(opts: RelayOptions): Promise<Relay> {
  const allowed = new Set(opts.allow.map(normalise));
  const sockets = new Set<WebSocket>();
  const http = sqlOverHttp((target) => allowed.has(normalise(target)));
  const server = createServer((req, res) => void http.handle(req, res));
  const wss: WSS = new WebSocketServer({ server, perMessageDeflate: false });
  wss.on("connection", (ws, req) => {
    const url = new URL(req.url ?? "/", "http://relay");
    const target = url.searchParams.get("address") ?? "";
    if (url.pathname !== "/v1" || !allowed.has(normalise(target))) {
      ws.close(1008, "address not allowed");
      return;
    }
    const [host, portText] = splitHostPort(target);
    const tcp = net.connect({ host, port: Number(portText) });
    tcp.setNoDelay(true);
    sockets.add(ws);
    const pending: Buffer[] = [];
    let connected = false;
    tcp.on("connect", () => {
      connected = true;
      for (const chunk of pending) tcp.write(chunk);
      pending.length = 0;
    });
    ws.on("message", (data: Buffer) => {
      if (connected) tcp.write(data);
      else pending.push(data);
    });
    tcp.on("data", (chunk) => {
      if (ws.readyState === ws.OPEN) ws.send(chunk);
    });
    const end = () => {
      sockets.delete(ws);
      tcp.destroy();
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(1000);
    };
    // Postgres closes its side right after a client's Terminate, while the client is closing the
    // WebSocket itself: closing ours at the same moment makes workerd report "Network connection
    // lost". Give the client a moment to close first; close ourselves only if it does not.
    tcp.on("close", () => setTimeout(end, 1000).unref());
    tcp.on("error", end);
    ws.on("close", end);
    ws.on("error", end);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    open: () => sockets.size,
    close: async () => {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await http.close();
    },
  };
}

function splitHostPort(target: string): [string, string] {
  const i = target.lastIndexOf(":");
  return [target.slice(0, i).replace(/^\[|\]$/g, ""), target.slice(i + 1)];
}

function normalise(target: string): string {
  const [host, port] = splitHostPort(target);
  const h = host === "localhost" ? "127.0.0.1" : host;
  return `${h}:${port || "5432"}`;
}
