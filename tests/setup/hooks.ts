/**
 * vitest globalSetup: a receiver for the site's build hook (what the static host's deploy hook
 * would be), recording what it was asked to rebuild; tests read it back at /received.
 */
import { createServer } from "node:http";
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject) {
  const received: unknown[] = [];
  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/received") {
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(JSON.stringify(received));
    }
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      try {
        received.push(JSON.parse(body));
      } catch {
        received.push(body);
      }
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  project.provide("buildHook", `http://127.0.0.1:${port}`);
  // Keep-alive connections (a Worker runtime that outlives the files, with isolate: false) would hold
  // close() — and vitest's process — open: closed with the server.
  return () =>
    new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    });
}
