/**
 * Vacancy notices: one form gives the notice (the twelve fields), the declaration to the Centre de
 * gestion (recorded with its number) and the public page with its JobPosting. A notice is written
 * as a draft, then published channel by channel (the site first: its date starts the minimum
 * publication time), then closed.
 */
import { and, asc, count, desc, eq, gte, like } from "drizzle-orm";
import { recruitmentDeclarations, recruitmentPublications, recruitmentVacancies, type CHANNELS } from "@communa/db";
import { conflict, invalid, notFound, type Db, type TrustedContext, type Tx } from "@communa/core";
import { parisDay, parisYear } from "@communa/core/time";
import { m } from "../messages.fr.ts";
import { jobPosting } from "./job-posting.ts";

type Ctx = { db: Db; ctx: TrustedContext };
export type Vacancy = typeof recruitmentVacancies.$inferSelect;
export type Channel = (typeof CHANNELS)[number];
export type VacancyInput = Omit<typeof recruitmentVacancies.$inferInsert, "id" | "tenantId" | "reference" | "status" | "createdAt" | "updatedAt">;

const iso = (d: Date | string) => new Date(d).toISOString();

export async function vacancyByRef(tx: Tx, ref: string): Promise<Vacancy> {
  const [v] = await tx.select().from(recruitmentVacancies).where(eq(recruitmentVacancies.reference, ref));
  if (!v) throw notFound(m.noVacancy);
  return v;
}

export async function vacancyById(tx: Tx, id: string): Promise<Vacancy> {
  const [v] = await tx.select().from(recruitmentVacancies).where(eq(recruitmentVacancies.id, id));
  if (!v) throw notFound(m.noVacancy);
  return v;
}

async function details(tx: Tx, v: Vacancy) {
  const pubs = await tx
    .select({ channel: recruitmentPublications.channel, publishedAt: recruitmentPublications.publishedAt })
    .from(recruitmentPublications)
    .where(eq(recruitmentPublications.vacancyId, v.id))
    .orderBy(asc(recruitmentPublications.publishedAt));
  const [d] = await tx.select().from(recruitmentDeclarations).where(eq(recruitmentDeclarations.vacancyId, v.id));
  const { tenantId: _t, createdAt: _c, updatedAt: _u, ...rest } = v;
  return {
    ...rest,
    publications: pubs.map((p) => ({ channel: p.channel, publishedAt: iso(p.publishedAt) })),
    declaration: d ? { motive: d.motive, cadreEmplois: d.cadreEmplois, grade: d.grade, cdgReference: d.cdgReference, declaredOn: d.declaredOn } : null,
  };
}

function checkDates(input: VacancyInput, now: number) {
  if (input.applicationDeadline < parisDay(now)) throw invalid(undefined, [{ path: "body/applicationDeadline", message: m.fields.deadlinePast }]);
}

export async function createVacancy({ db, ctx, input, now = Date.now() }: Ctx & { input: VacancyInput; now?: number }) {
  checkDates(input, now);
  return db.write(ctx, async (tx, journal) => {
    const year = parisYear(now);
    const [{ n }] = await tx
      .select({ n: count() })
      .from(recruitmentVacancies)
      .where(like(recruitmentVacancies.reference, `EMP-${year}-%`));
    const reference = `EMP-${year}-${String(n + 1).padStart(4, "0")}`;
    const [v] = await tx
      .insert(recruitmentVacancies)
      .values({ ...input, tenantId: ctx.tenant.id, reference })
      .returning();
    await journal({ action: "recruitment.vacancy.create", target: `recruitment_vacancies/${v.id}`, summary: { reference, title: v.title } });
    return details(tx as unknown as Tx, v);
  });
}

export async function updateVacancy({ db, ctx, ref, input, now = Date.now() }: Ctx & { ref: string; input: VacancyInput; now?: number }) {
  checkDates(input, now);
  return db.write(ctx, async (tx, journal) => {
    const v = await vacancyByRef(tx as unknown as Tx, ref);
    if (v.status !== "draft") throw conflict(m.draftOnly);
    const [u] = await tx
      .update(recruitmentVacancies)
      .set({ ...input, updatedAt: new Date(now) })
      .where(eq(recruitmentVacancies.id, v.id))
      .returning();
    await journal({ action: "recruitment.vacancy.update", target: `recruitment_vacancies/${v.id}`, summary: { reference: ref } });
    return details(tx as unknown as Tx, u);
  });
}

export async function getVacancy({ db, ctx, ref }: Ctx & { ref: string }) {
  return db.withTenant(ctx.tenant.id, async (tx) => details(tx, await vacancyByRef(tx, ref)));
}

export async function listVacancies({ db, ctx }: Ctx) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const rows = await tx.select().from(recruitmentVacancies).orderBy(desc(recruitmentVacancies.createdAt)).limit(200);
    return Promise.all(rows.map((v) => details(tx, v)));
  });
}

export async function declare({
  db,
  ctx,
  ref,
  input,
}: Ctx & { ref: string; input: Omit<typeof recruitmentDeclarations.$inferInsert, "id" | "tenantId" | "vacancyId"> }) {
  return db.write(ctx, async (tx, journal) => {
    const v = await vacancyByRef(tx as unknown as Tx, ref);
    const [done] = await tx.select({ id: recruitmentDeclarations.id }).from(recruitmentDeclarations).where(eq(recruitmentDeclarations.vacancyId, v.id));
    if (done) throw conflict(m.alreadyDeclared);
    await tx.insert(recruitmentDeclarations).values({ ...input, tenantId: ctx.tenant.id, vacancyId: v.id });
    await journal({
      action: "recruitment.declaration.record",
      target: `recruitment_vacancies/${v.id}`,
      summary: { cdgReference: input.cdgReference, declaredOn: input.declaredOn },
    });
    return details(tx as unknown as Tx, v);
  });
}

/** Records the notice as public on a channel (the site first); publishing on the site opens it. */
export async function publish({ db, ctx, ref, channel, now = Date.now() }: Ctx & { ref: string; channel: Channel; now?: number }) {
  return db.write(ctx, async (tx, journal) => {
    const v = await vacancyByRef(tx as unknown as Tx, ref);
    if (v.status === "closed") throw conflict(m.notOpen);
    if (channel !== "site") {
      const [site] = await tx
        .select({ id: recruitmentPublications.id })
        .from(recruitmentPublications)
        .where(and(eq(recruitmentPublications.vacancyId, v.id), eq(recruitmentPublications.channel, "site")));
      if (!site) throw conflict(m.notPublishedOnSite);
    }
    await tx
      .insert(recruitmentPublications)
      .values({ tenantId: ctx.tenant.id, vacancyId: v.id, channel, publishedAt: new Date(now) })
      .onConflictDoNothing();
    let current = v;
    if (channel === "site" && v.status === "draft")
      [current] = await tx
        .update(recruitmentVacancies)
        .set({ status: "published", updatedAt: new Date(now) })
        .where(eq(recruitmentVacancies.id, v.id))
        .returning();
    await journal({ action: "recruitment.vacancy.publish", target: `recruitment_vacancies/${v.id}`, summary: { channel } });
    return details(tx as unknown as Tx, current);
  });
}

export async function closeVacancy({ db, ctx, ref }: Ctx & { ref: string }) {
  return db.write(ctx, async (tx, journal) => {
    const v = await vacancyByRef(tx as unknown as Tx, ref);
    const [u] = await tx.update(recruitmentVacancies).set({ status: "closed", updatedAt: new Date() }).where(eq(recruitmentVacancies.id, v.id)).returning();
    await journal({ action: "recruitment.vacancy.close", target: `recruitment_vacancies/${v.id}` });
    return details(tx as unknown as Tx, u);
  });
}

/** The tenant's public site address (links in mails, pages and JSON-LD). */
export const siteOf = (ctx: TrustedContext) => ctx.siteUrl ?? `/${ctx.tenant.slug}`;
export const pageUrlOf = (ctx: TrustedContext, ref: string) => `${siteOf(ctx)}/emplois/${encodeURIComponent(ref)}/`;

/** When the notice went public on the site, or null. */
async function sitePublication(tx: Tx, vacancyId: string): Promise<Date | null> {
  const [p] = await tx
    .select({ at: recruitmentPublications.publishedAt })
    .from(recruitmentPublications)
    .where(and(eq(recruitmentPublications.vacancyId, vacancyId), eq(recruitmentPublications.channel, "site")));
  return p ? new Date(p.at) : null;
}

export { sitePublication };

function publicOf(ctx: TrustedContext, v: Vacancy, posted: Date) {
  const url = pageUrlOf(ctx, v.reference);
  const org = { name: ctx.tenant.name, siren: ctx.tenant.siren ?? null, url: siteOf(ctx) };
  return {
    reference: v.reference,
    title: v.title,
    category: v.category,
    location: v.location,
    structure: v.structure,
    applicationDeadline: v.applicationDeadline,
    datePosted: parisDay(posted),
    url,
    jsonLd: jobPosting({ ...v, datePosted: parisDay(posted) }, org, url),
  };
}

/** Published notices whose deadline has not passed (Paris day), newest first. */
export async function publicVacancies({ db, ctx, now = Date.now() }: Ctx & { now?: number }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const rows = await tx
      .select({ v: recruitmentVacancies, at: recruitmentPublications.publishedAt })
      .from(recruitmentVacancies)
      .innerJoin(recruitmentPublications, and(eq(recruitmentPublications.vacancyId, recruitmentVacancies.id), eq(recruitmentPublications.channel, "site")))
      .where(and(eq(recruitmentVacancies.status, "published"), gte(recruitmentVacancies.applicationDeadline, parisDay(now))))
      .orderBy(desc(recruitmentPublications.publishedAt));
    return rows.map((r) => publicOf(ctx, r.v, new Date(r.at)));
  });
}

/** One public notice with all twelve fields (a closed or expired one is not found). */
export async function publicVacancy({ db, ctx, ref, now = Date.now() }: Ctx & { ref: string; now?: number }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const v = await vacancyByRef(tx, ref);
    const at = await sitePublication(tx, v.id);
    if (v.status !== "published" || !at || v.applicationDeadline < parisDay(now)) throw notFound(m.noVacancy);
    return {
      ...publicOf(ctx, v, at),
      versant: v.versant,
      nature: v.nature,
      cadreEmplois: v.cadreEmplois,
      grade: v.grade,
      recruitingAuthority: v.recruitingAuthority,
      jobReference: v.jobReference,
      missions: v.missions,
      profile: v.profile,
      specificConditions: v.specificConditions,
      vacancyDate: v.vacancyDate,
      applicationAuthority: v.applicationAuthority,
      employmentType: v.employmentType,
    };
  });
}

/** JSON Feed 1.1 of the open notices (https://jsonfeed.org/version/1.1). */
export async function feed({ db, ctx, now = Date.now() }: Ctx & { now?: number }) {
  const list = await publicVacancies({ db, ctx, now });
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: m.feedTitle(ctx.tenant.name),
    home_page_url: `${siteOf(ctx)}/emplois/`,
    feed_url: `${ctx.baseUrl ?? ""}/api/recruitment/public/feed.json`,
    language: "fr",
    items: list.map((v) => ({
      id: v.url,
      url: v.url,
      title: v.title,
      content_text: String(v.jsonLd.description),
      date_published: `${v.datePosted}T00:00:00Z`,
      tags: [`Catégorie ${v.category}`, v.location],
    })),
  };
}
