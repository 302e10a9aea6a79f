/**
 * `npm run dev` started by a test, as a person runs it (embedded database, no DATABASE_URL, none of
 * the test runner's variables), on free ports and a throw-away state folder.
 *
 * One at a time per checkout: the platform writes each Worker's local secrets to the .dev.vars file
 * beside its wrangler.toml (where wrangler reads them), so two platforms started together from one
 * checkout would overwrite each other's. A lock folder serialises them across test projects.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./database.ts";
import { root } from "./bundle.ts";
import { FAIL_SAFE } from "./fail-safe.ts";

export interface Ports {
  api: number;
  site: number;
  pg: number;
  relay: number;
  oidc: number;
}

export interface Running {
  child: ChildProcess;
  output: () => string;
}

const lockDir = path.join(root, ".state", "test-platform.lock");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits for the checkout's platform lock (taking over one left by a process that is gone). */
export async function lockPlatform(timeoutMs = 600_000): Promise<() => Promise<void>> {
  const until = Date.now() + timeoutMs;
  await mkdir(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(path.join(lockDir, "pid"), String(process.pid));
      return () => rm(lockDir, { recursive: true, force: true });
    } catch {
      const owner = Number(await readFile(path.join(lockDir, "pid"), "utf8").catch(() => "0"));
      if (owner && !alive(owner)) await rm(lockDir, { recursive: true, force: true });
      if (Date.now() > until) throw new Error("une autre plateforme de test tourne depuis trop longtemps");
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

export async function platformSetup(): Promise<{ stateDir: string; ports: Ports }> {
  return {
    stateDir: await mkdtemp(path.join(tmpdir(), "communa-dev-")),
    ports: { api: await freePort(), site: await freePort(), pg: await freePort(), relay: await freePort(), oidc: await freePort() },
  };
}

export function startDev(stateDir: string, ports: Ports): Promise<Running> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    COMMUNA_STATE_DIR: stateDir,
    API_PORT: String(ports.api),
    SITE_PORT: String(ports.site),
    PG_PORT: String(ports.pg),
    RELAY_PORT: String(ports.relay),
    OIDC_PORT: String(ports.oidc),
    PATH: `${path.join(root, "node_modules", ".bin")}:${process.env.PATH}`,
  };
  // As a person's shell: no DATABASE_URL (the embedded default), and none of the variables the
  // test runner sets (vitest's BASE_URL, MODE, NODE_ENV… would change how Astro's dev server routes).
  delete env.DATABASE_URL;
  delete env.APP_DATABASE_PASSWORD;
  delete env.COMMUNA_TEST_TEMPLATE;
  for (const key of ["BASE_URL", "MODE", "DEV", "PROD", "SSR", "TEST", "NODE_ENV"]) delete env[key];
  for (const key of Object.keys(env)) if (key.startsWith("VITEST")) delete env[key];
  const child = spawn("npm", ["run", "dev"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  // Ready when the platform says so (an event: its output), not after a fixed wait; the timer is
  // only a fail-safe, so that a platform that never starts fails with its output.
  let ready: (() => void) | undefined;
  const read = (d: Buffer) => {
    out += d;
    if (ready && out.includes("Communa est prête")) ready();
  };
  child.stdout!.on("data", read);
  child.stderr!.on("data", read);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pas prêt après ${FAIL_SAFE.platformStartMs / 1000} s :\n${out}`)), FAIL_SAFE.platformStartMs);
    ready = () => {
      ready = undefined;
      clearTimeout(timer);
      resolve({ child, output: () => out });
    };
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`npm run dev s’est arrêté (code ${code}) :\n${out}`));
    });
  });
}

/** Ctrl-C as a terminal sends it: SIGINT to the whole foreground group. */
export async function interrupt(run: Running): Promise<void> {
  if (run.child.exitCode !== null) return;
  const exited = new Promise((r) => run.child.once("exit", r));
  process.kill(-run.child.pid!, "SIGINT");
  let timer: NodeJS.Timeout | undefined;
  const failSafe = new Promise(
    (_, rej) => (timer = setTimeout(() => rej(new Error(`pas arrêté en ${FAIL_SAFE.platformStopMs / 1000} s`)), FAIL_SAFE.platformStopMs)),
  );
  await Promise.race([exited, failSafe]).finally(() => clearTimeout(timer));
}

export { rm };
