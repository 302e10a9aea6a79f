/** What every bench does at its end: its figures saved in bench/results/<name>.json, a failure is exit code 1. */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { root } from "../../scripts/lib/processes.ts";

export async function saveResults(name: string, data: Record<string, unknown>): Promise<void> {
  const dir = path.join(root, "bench", "results");
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
}

export function runBench(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
