/**
 * globalSetup of the browser project: ONE platform (`npm run dev`, see dev-platform.ts) for all its
 * files, started when the first file asks for it and stopped when the run ends. Starting a platform
 * takes ~30 s on an idle 2-core machine; once per file it was a quarter of the whole suite.
 *
 * Test files run in their own processes, so the platform lives here, in vitest's main process,
 * behind a small control server on 127.0.0.1: a file POSTs /platform and gets the ports and state
 * folder, the first request starts it (a start that failed is reported to every file that asks).
 * The site's static build (site-server.ts) asks for it first: the build reads its tenants from the
 * API (GET /api/tenants), unless SITE_DIST names a build already made.
 *
 * Files share its data, as people share one platform: each test makes its own records (a unique
 * name, a new listing) and checks those, never a count of the whole tenant.
 */
import { createServer } from "node:http";
import type { TestProject } from "vitest/node";
import { freePort } from "./database.ts";
import { interrupt, lockPlatform, platformSetup, rm, startDev, type Ports } from "./dev-platform.ts";

declare module "vitest" {
  export interface ProvidedContext {
    platformControl: string;
  }
}

export interface SharedPlatform {
  ports: Ports;
  stateDir: string;
}

export default async function setup(project: TestProject) {
  let started: Promise<{ shared: SharedPlatform; stop: () => Promise<void> }> | undefined;
  const start = async () => {
    const unlock = await lockPlatform();
    try {
      const { stateDir, ports } = await platformSetup();
      const run = await startDev(stateDir, ports).catch(async (err) => {
        await rm(stateDir, { recursive: true, force: true });
        throw err;
      });
      return {
        shared: { ports, stateDir },
        stop: async () => {
          await interrupt(run).catch(() => {});
          await rm(stateDir, { recursive: true, force: true });
          await unlock();
        },
      };
    } catch (err) {
      await unlock();
      throw err;
    }
  };
  const server = createServer((req, res) => {
    if (req.method !== "POST" || req.url !== "/platform") {
      res.writeHead(404).end();
      return;
    }
    started ??= start();
    started.then(
      ({ shared }) => res.writeHead(200, { "content-type": "application/json", connection: "close" }).end(JSON.stringify(shared)),
      (err: Error) => res.writeHead(500, { "content-type": "text/plain; charset=utf-8", connection: "close" }).end(err.message),
    );
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  project.provide("platformControl", `http://127.0.0.1:${port}/platform`);
  return async () => {
    // Idle keep-alive connections would keep vitest's process alive after the run (it hung there).
    server.close();
    server.closeAllConnections();
    if (started) await (await started.catch(() => undefined))?.stop();
  };
}

/** From a test file: the run's platform (started by the first file that asks). */
export async function sharedPlatform(control: string): Promise<SharedPlatform> {
  const res = await fetch(control, { method: "POST" });
  if (!res.ok) throw new Error(`la plateforme de test n’a pas démarré :\n${await res.text()}`);
  return (await res.json()) as SharedPlatform;
}
