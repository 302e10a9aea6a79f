import { generateKeyPairSync } from "node:crypto";
import { domainProject } from "../../tests/setup/domain-project.ts";

/** The council's tests run with the archive Worker beside it (ARCHIVE binding: minutes deposits). */
export default domainProject(import.meta.dirname, {}, {
  auxiliaries: { "workers/archive": { ARCHIVE_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "der" }).toString("base64") } },
});
