/**
 * Stands in for Neon's WebSocket proxy on one machine: each WebSocket at `/v1?address=host:port`
 * becomes a TCP connection to that Postgres, raw bytes both ways. Workers then use
 * `@neondatabase/serverless` exactly as in production. Only the addresses in `allow` are relayed,
 * so the relay cannot be used to reach anything else on the machine.
 */
import { createRequire } from "node:module";
import net from "node:net";
import type { AddressInfo } from "node:net";
import type { WebSocketServer as WSS, WebSocket } from "ws";

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
  const wss: WSS = new WebSocketServer({ host: "127.0.0.1", port: opts.port ?? 0, perMessageDeflate: false });
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
    wss.once("listening", resolve);
    wss.once("error", reject);
  });
  return {
    port: (wss.address() as AddressInfo).port,
    open: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets) ws.terminate();
        wss.close(() => resolve());
      }),
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
