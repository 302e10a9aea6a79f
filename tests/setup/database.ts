/**
 * vitest globalSetup: a throw-away database (migrated and seeded) on a real PostgreSQL and the
 * relay Workers use to reach it. The server is the one `npm test` started (DATABASE_URL, with a
 * prepared template database each project copies), or an embedded one started here when vitest is
 * run on its own. Each project gets its own database.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import net from "node:net";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startLocalStack } from "@communa/db/local";

/** Ports handed out by this process: a port picked, released and not yet taken is never picked again. */
const handedOut = new Set<number>();

/**
 * A port nobody listens on. The kernel may give a just-released port again (it did: the platform's
 * Postgres and another of its servers got the same one), so each port is picked while the ones
 * this process handed out before are remembered and skipped.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once("error", reject);
      srv.listen(0, "127.0.0.1", () => {
        const { port } = srv.address() as net.AddressInfo;
        srv.close(() => resolve(port));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

export default async function setup(project: TestProject) {
  const stateDir = await mkdtemp(path.join(tmpdir(), "communa-test-"));
  // Under `npm test`, one server for the run and a copy of its prepared database (scripts/test.ts).
  const stack = await startLocalStack({ stateDir, pgPort: await freePort(), ephemeral: true, seed: true, template: process.env.COMMUNA_TEST_TEMPLATE });
  project.provide("appDatabaseUrl", stack.appUrl);
  project.provide("adminDatabaseUrl", stack.adminUrl);
  project.provide("relayAddress", stack.relayAddress);
  return async () => {
    await stack.stop();
    await rm(stateDir, { recursive: true, force: true });
  };
}
