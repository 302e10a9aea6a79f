/**
 * vitest globalSetup of the gateway project: every domain Worker's deploy bundle is built (or found
 * up to date) before the first pool worker starts, so that starting one — inside vitest's fixed
 * 90 s budget — only starts the runtime (see bundle.ts).
 */
import { domainDirs } from "../../scripts/lib/workers.ts";
import { bundleWorker } from "./bundle.ts";

export default function setup() {
  for (const dir of domainDirs()) bundleWorker(dir);
}
