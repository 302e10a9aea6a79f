import { z } from "@hono/zod-openapi";
import { PUBLIC, createRouter, defineRoute, purgeCache } from "@communa/core";
import type { RecruitmentBindings } from "../env.ts";
import {
  closeVacancy,
  createVacancy,
  declare,
  feed,
  getVacancy,
  listVacancies,
  publicVacancies,
  publicVacancy,
  publish,
  updateVacancy,
} from "../services/vacancies.ts";
import { currentParameters, setParameters } from "../services/parameters.ts";
import { openTasks } from "../services/clocks.ts";
import { channel, declarationBody, parametersBody, publicVacancySchema, vacancyBody, vacancySchema } from "./schemas.ts";

const json = <S extends z.ZodType>(schema: S) => ({ required: true, content: { "application/json": { schema } } });
const ok = <S extends z.ZodType>(description: string, schema: S, status: 200 | 201 = 200) => ({
  [status]: { description, content: { "application/json": { schema } } },
});
export const refParam = z.object({ ref: z.string().regex(/^EMP-\d{4}-\d{4}$/, "Référence d’offre attendue (EMP-AAAA-NNNN).") });
const any = z.record(z.string(), z.any());

const create = defineRoute({
  method: "post",
  path: "/vacancies",
  operationId: "createVacancy",
  summary: "Rédiger une offre d’emploi (les douze mentions du décret 2018-1351, art. 3)",
  requires: "hr:write",
  request: { body: json(vacancyBody) },
  responses: ok("Offre en brouillon", vacancySchema, 201),
});
const list = defineRoute({
  method: "get",
  path: "/vacancies",
  operationId: "listVacancies",
  summary: "Offres d’emploi de la collectivité (tous états)",
  requires: "hr:read",
  responses: ok("Offres", z.object({ vacancies: z.array(vacancySchema) })),
});
const one = defineRoute({
  method: "get",
  path: "/vacancies/{ref}",
  operationId: "getVacancy",
  summary: "Une offre, sa déclaration et ses publications",
  requires: "hr:read",
  request: { params: refParam },
  responses: ok("Offre", vacancySchema),
});
const update = defineRoute({
  method: "put",
  path: "/vacancies/{ref}",
  operationId: "updateVacancy",
  summary: "Modifier une offre en brouillon",
  requires: "hr:write",
  request: { params: refParam, body: json(vacancyBody) },
  responses: ok("Offre", vacancySchema),
});
const declaration = defineRoute({
  method: "post",
  path: "/vacancies/{ref}/declaration",
  operationId: "recordVacancyDeclaration",
  summary: "Enregistrer la déclaration de vacance au centre de gestion (motif, cadre d’emplois, grade, numéro)",
  requires: "hr:write",
  request: { params: refParam, body: json(declarationBody) },
  responses: ok("Offre", vacancySchema, 201),
});
const publication = defineRoute({
  method: "post",
  path: "/vacancies/{ref}/publications",
  operationId: "publishVacancy",
  summary: "Publier sur un canal (le site d’abord ; date enregistrée par canal)",
  requires: "hr:write",
  request: { params: refParam, body: json(z.object({ channel }).strict()) },
  responses: ok("Offre", vacancySchema, 201),
});
const close = defineRoute({
  method: "post",
  path: "/vacancies/{ref}/close",
  operationId: "closeVacancy",
  summary: "Clore une offre (elle quitte le site et le flux)",
  requires: "hr:write",
  request: { params: refParam },
  responses: ok("Offre", vacancySchema),
});
const getParams = defineRoute({
  method: "get",
  path: "/parameters",
  operationId: "getRecruitmentParameters",
  summary: "Paramètres datés en vigueur : durée minimale de publication, préavis de renouvellement, antivirus",
  requires: "hr:read",
  responses: ok("Paramètres", parametersBody),
});
const putParams = defineRoute({
  method: "put",
  path: "/parameters",
  operationId: "setRecruitmentParameters",
  summary: "Fixer des paramètres à partir d’une date, avec leur source",
  requires: "hr:write",
  request: { body: json(parametersBody) },
  responses: ok("Paramètres", parametersBody),
});
const tasks = defineRoute({
  method: "get",
  path: "/tasks",
  operationId: "recruitmentTasks",
  summary: "Tâches ouvertes : nouvelle déclaration de vacance avant le renouvellement d’un contrat",
  requires: "hr:read",
  responses: ok(
    "Tâches",
    z.object({ tasks: z.array(z.object({ id: z.string(), kind: z.string(), dueOn: z.string(), reference: z.string(), title: z.string() })) }),
  ),
});
const pubList = defineRoute({
  method: "get",
  path: "/public/vacancies",
  operationId: "publicVacancies",
  summary: "Offres ouvertes (page publique), avec leur JobPosting schema.org",
  requires: PUBLIC,
  responses: ok("Offres", z.object({ vacancies: z.array(publicVacancySchema.extend({ jsonLd: any })) })),
});
const pubOne = defineRoute({
  method: "get",
  path: "/public/vacancies/{ref}",
  operationId: "publicVacancy",
  summary: "Une offre ouverte : ses douze mentions et son JobPosting",
  requires: PUBLIC,
  request: { params: refParam },
  responses: ok("Offre", publicVacancySchema.extend({ jsonLd: any }).passthrough()),
});
const feedRoute = defineRoute({
  method: "get",
  path: "/public/feed.json",
  operationId: "vacancyFeed",
  summary: "Flux JSON Feed 1.1 des offres ouvertes",
  requires: PUBLIC,
  responses: { 200: { description: "Flux", content: { "application/feed+json": { schema: any } } } },
});

const cacheShort = { "cache-control": "public, max-age=300" };

/** The tenant's job pages are static (ADR 0044): a notice that goes public or leaves asks for their rebuild. */
function rebuildJobs(c: { env: RecruitmentBindings; executionCtx: { waitUntil(p: Promise<unknown>): void } }, tenant: string) {
  if (!c.env.SITE_BUILD_HOOK) return;
  c.executionCtx.waitUntil(
    fetch(c.env.SITE_BUILD_HOOK, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ tenant, pages: "emplois" }) }).catch(
      () => undefined,
    ),
  );
}

export const vacancyRoutes = createRouter<RecruitmentBindings>()
  .openapi(create, async (c) => c.json(await createVacancy({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(list, async (c) => c.json({ vacancies: await listVacancies({ db: c.var.db, ctx: c.var.ctx }) }, 200, { "cache-control": "no-store" }))
  .openapi(one, async (c) => c.json(await getVacancy({ db: c.var.db, ctx: c.var.ctx, ref: c.req.valid("param").ref }), 200, { "cache-control": "no-store" }))
  .openapi(update, async (c) => c.json(await updateVacancy({ db: c.var.db, ctx: c.var.ctx, ref: c.req.valid("param").ref, input: c.req.valid("json") }), 200))
  .openapi(declaration, async (c) => c.json(await declare({ db: c.var.db, ctx: c.var.ctx, ref: c.req.valid("param").ref, input: c.req.valid("json") }), 201))
  .openapi(publication, async (c) => {
    const { channel } = c.req.valid("json");
    const res = c.json(await publish({ db: c.var.db, ctx: c.var.ctx, ref: c.req.valid("param").ref, channel }), 201);
    purgeCache(res.headers, "/public/");
    if (channel === "site") rebuildJobs(c, c.var.ctx.tenant.slug);
    return res;
  })
  .openapi(close, async (c) => {
    const res = c.json(await closeVacancy({ db: c.var.db, ctx: c.var.ctx, ref: c.req.valid("param").ref }), 200);
    purgeCache(res.headers, "/public/");
    rebuildJobs(c, c.var.ctx.tenant.slug);
    return res;
  })
  .openapi(getParams, async (c) => c.json(await currentParameters({ db: c.var.db, ctx: c.var.ctx }), 200, { "cache-control": "no-store" }))
  .openapi(putParams, async (c) => c.json(await setParameters({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 200))
  .openapi(tasks, async (c) => c.json({ tasks: await openTasks({ db: c.var.db, ctx: c.var.ctx }) }, 200, { "cache-control": "no-store" }))
  .openapi(pubList, async (c) => c.json({ vacancies: await publicVacancies({ db: c.var.db, ctx: c.var.ctx }) }, 200, cacheShort))
  .openapi(pubOne, async (c) => c.json(await publicVacancy({ db: c.var.db, ctx: c.var.ctx, ref: c.req.valid("param").ref }), 200, cacheShort))
  .openapi(
    feedRoute,
    async (c) =>
      c.body(JSON.stringify(await feed({ db: c.var.db, ctx: c.var.ctx })), 200, {
        "content-type": "application/feed+json; charset=utf-8",
        ...cacheShort,
      }) as never,
  );
