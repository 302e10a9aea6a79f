/** `npm run typecheck`: Worker runtime types from wrangler, then tsc on each environment's code. */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { bin, root, toolEnv } from "./lib/processes.ts";

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: root, env: toolEnv, stdio: "inherit" });

// Runtime types (the full workerd API) for every Worker; quiet unless it fails.
execFileSync(bin("wrangler"), ["types", "workers/gateway/worker-configuration.d.ts", "-c", "wrangler.toml"], { cwd: root, env: toolEnv, stdio: "pipe" });
run(bin("tsc"), ["-p", "tsconfig.json"]);
run(bin("tsc"), ["-p", "workers/tsconfig.json"]);
if (existsSync(path.join(root, "node_modules", "@astrojs", "check"))) run(bin("astro"), ["check", "--root", "site"]);
console.log("Typecheck OK");
