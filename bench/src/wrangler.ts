/** One `wrangler dev` process for a bench: its own ports, its own persisted state, quiet unless BENCH_VERBOSE. */
import path from "node:path";
import { bin, startGroup, type Started } from "../../scripts/lib/processes.ts";
import { freePort } from "../../tests/setup/database.ts";

export async function wranglerDev(name: string, configs: string[], opts: { port: number; stateDir: string; vars?: Record<string, string> }): Promise<Started> {
  return startGroup(
    name,
    bin("wrangler"),
    [
      "dev",
      ...configs.flatMap((c) => ["-c", c]),
      // Secrets on the command line (not .dev.vars, which `npm run dev` and other benches share).
      ...Object.entries(opts.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
      "--ip",
      "127.0.0.1",
      "--port",
      String(opts.port),
      "--inspector-port",
      String(await freePort()),
      "--persist-to",
      path.join(opts.stateDir, `wrangler-${name}`),
      "--show-interactive-dev-session=false",
      "--log-level",
      "error",
    ],
    { quiet: !process.env.BENCH_VERBOSE },
  );
}
