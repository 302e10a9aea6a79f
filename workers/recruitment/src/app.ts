import { createDomainApp } from "@communa/core";
import type { RecruitmentBindings } from "./env.ts";
import { vacancyRoutes } from "./routes/vacancies.ts";
import { applicationRoutes } from "./routes/applications.ts";
import { statisticsRoutes } from "./routes/statistics.ts";
import { pipelineRoutes } from "./routes/pipeline.ts";

export const app = createDomainApp<RecruitmentBindings>();
app.route("/", vacancyRoutes).route("/", applicationRoutes).route("/", pipelineRoutes).route("/", statisticsRoutes);
