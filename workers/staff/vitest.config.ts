import { randomBytes } from "node:crypto";
import { domainProject } from "../../tests/setup/domain-project.ts";

/** The Worker's own tests run with a master secret made up for this run. */
export default domainProject(import.meta.dirname, { STAFF_MASTER_KEY: randomBytes(32).toString("base64") });
