/**
 * Secrets some domain Workers hold (and only they), made up once per test run: the identity
 * Worker's device-secrets key and journal signing key, the archive's signing key. Shared by the
 * gateway project and the domain projects that run another Worker beside theirs.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";

const ed25519 = () => generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");

export const testWorkerSecrets: Record<string, Record<string, string>> = {
  "workers/identity": { IDENTITY_SECRETS_KEY: randomBytes(32).toString("base64"), JOURNAL_SIGNING_KEY: ed25519() },
  "workers/archive": { ARCHIVE_SIGNING_KEY: ed25519() },
};
