/**
 * The daily clocks, run for every tenant with a clock the caller passes (the cron's scheduled time,
 * or a test's): renewal tasks (a fixed-term contract ending within the notice opens « new
 * declaration before renewal »), the re-ask mail 30 days before a kept application's 2 years run
 * out, then the purge (app.purge_recruitment_expired(at), db/src/retention.ts) and the R2 objects
 * of the applications that went. Journalled under the system.
 */
import { and, eq, isNotNull, isNull, lt, lte, or } from "drizzle-orm";
import { schema } from "@communa/db";
import { requestId, type Db, type Tenant, type TrustedContext } from "@communa/core";
import { addDays, formatParis, parisDay } from "@communa/core/time";
import { m } from "../messages.fr.ts";
import type { RecruitmentBindings } from "../env.ts";
import { mailCandidate } from "./applications.ts";
import { parametersOn } from "./parameters.ts";

const { recruitmentApplications: apps, recruitmentTasks: tasks, recruitmentVacancies: vacancies, tenants } = schema;

/** Days before a kept application's expiry when the candidate is asked again. */
export const REASK_DAYS = 30;
const KEEP_MS = (at: Date) => {
  const d = new Date(at);
  d.setUTCFullYear(d.getUTCFullYear() - 2);
  return d;
};

const systemContext = (tenant: Tenant): TrustedContext => ({
  tenant,
  actor: { kind: "api-key", id: "systeme:recrutement-delais", permissions: [] },
  requestId: requestId(),
});

/** One tenant's renewal tasks and re-ask mails at `now`; returns what was done. */
export async function runTenantClocks(db: Db, tenant: Tenant, now: Date) {
  const today = parisDay(now);
  const p = await db.withTenant(tenant.id, (tx) => parametersOn(tx, tenant.id, today));
  const ctx = systemContext(tenant);
  return db.write(ctx, async (tx, journal) => {
    const ending = await tx
      .select({ id: vacancies.id, end: vacancies.contractEndDate })
      .from(vacancies)
      .where(and(isNotNull(vacancies.contractEndDate), lte(vacancies.contractEndDate, addDays(today, p.renewalNoticeDays))));
    let opened = 0;
    for (const v of ending) {
      const due = v.end!;
      const r = await tx
        .insert(tasks)
        .values({ tenantId: tenant.id, vacancyId: v.id, kind: "renewal_declaration", dueOn: due })
        .onConflictDoNothing()
        .returning();
      opened += r.length;
    }
    // Kept with consent, last contact more than 2 years minus REASK_DAYS ago, not asked since.
    const threshold = KEEP_MS(new Date(now.getTime() + REASK_DAYS * 86_400_000));
    const due = await tx
      .select()
      .from(apps)
      .where(
        and(
          eq(apps.status, "rejected"),
          eq(apps.keepConsent, true),
          lt(apps.lastContactAt, threshold),
          or(isNull(apps.reaskedAt), lt(apps.reaskedAt, apps.lastContactAt)),
        ),
      );
    for (const a of due) {
      const until = new Date(a.lastContactAt);
      until.setUTCFullYear(until.getUTCFullYear() + 2);
      await mailCandidate(
        tx,
        ctx,
        a,
        m.mail.reaskSubject,
        m.mail.reaskBody(a.fullName, formatParis(until, { day: "numeric", month: "long", year: "numeric" })),
      );
      await tx.update(apps).set({ reaskedAt: now }).where(eq(apps.id, a.id));
    }
    await journal({
      action: "recruitment.clocks.run",
      target: "recruitment_applications",
      summary: { tasksOpened: opened, reasked: due.length, at: now.toISOString() },
    });
    return { tasksOpened: opened, reasked: due.length };
  });
}

/** Every tenant's clocks, then the purge across tenants and the R2 objects of what went. */
export async function runClocks(db: Db, env: RecruitmentBindings, now: Date) {
  const all = await db.reference((tx) => tx.select().from(tenants));
  let tasksOpened = 0;
  let reasked = 0;
  for (const t of all) {
    const r = await runTenantClocks(db, { id: t.id, slug: t.slug, kind: t.kind, name: t.name, siren: t.siren, insee: t.insee, parentId: t.parentId }, now);
    tasksOpened += r.tasksOpened;
    reasked += r.reasked;
  }
  const purged = (await db.applyRetention("purge_recruitment_expired", now)) as { applications: number; files: string[] };
  for (let i = 0; i < purged.files.length; i += 500) await env.FILES.delete(purged.files.slice(i, i + 500));
  return { tasksOpened, reasked, purged: purged.applications, filesDeleted: purged.files.length };
}

export async function openTasks({ db, ctx }: { db: Db; ctx: TrustedContext }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const rows = await tx
      .select({ id: tasks.id, kind: tasks.kind, dueOn: tasks.dueOn, reference: vacancies.reference, title: vacancies.title })
      .from(tasks)
      .innerJoin(vacancies, eq(vacancies.id, tasks.vacancyId))
      .where(isNull(tasks.doneAt));
    return rows;
  });
}
