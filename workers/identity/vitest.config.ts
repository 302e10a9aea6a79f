import { randomBytes } from "node:crypto";
import { domainProject } from "../../tests/setup/domain-project.ts";

export default domainProject(import.meta.dirname, { IDENTITY_SECRETS_KEY: randomBytes(32).toString("base64") });
