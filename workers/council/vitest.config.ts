import { domainProject } from "../../tests/setup/domain-project.ts";

/** The council's tests run with the archive Worker beside it (its ARCHIVE service binding: minutes deposits). */
export default domainProject(import.meta.dirname);
