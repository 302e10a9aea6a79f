import { generateKeyPairSync } from "node:crypto";
import { domainProject } from "../../tests/setup/domain-project.ts";

/** The Worker's own tests run with a signing key made up for this run. */
export default domainProject(import.meta.dirname, {
  ARCHIVE_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "der" }).toString("base64"),
});
