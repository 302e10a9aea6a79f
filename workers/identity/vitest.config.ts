import { generateKeyPairSync, randomBytes } from "node:crypto";
import { domainProject } from "../../tests/setup/domain-project.ts";

/** The Worker's own tests run with keys made up for this run. */
export default domainProject(import.meta.dirname, {
  IDENTITY_SECRETS_KEY: randomBytes(32).toString("base64"),
  JOURNAL_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "der" }).toString("base64"),
});
