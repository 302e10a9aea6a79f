import { domainProject } from "../../tests/setup/domain-project.ts";

export default domainProject(import.meta.dirname);
