/**
 * Applications without an account: the candidate sends a presentation (what the blind first
 * screening reads), a CV and a letter (type read from the bytes, size bounded, scanned when the
 * tenant configured a scanner, stored in R2), accepts the processing of their data, and gets a
 * receipt mail with the signed link to their page: status, consent to be kept, export, deletion.
 */
import { and, eq, max } from "drizzle-orm";
import {
  outbox,
  recruitmentApplications,
  recruitmentFiles,
  recruitmentHealth,
  recruitmentInterviews,
  recruitmentVacancies,
  type CHANNELS,
  type DECLARED_GENDERS,
} from "@communa/db";
import { conflict, invalid, notFound, uuidv7, type Db, type TrustedContext, type Tx, type WriteTx } from "@communa/core";
import { parisDay } from "@communa/core/time";
import { m } from "../messages.fr.ts";
import type { RecruitmentBindings } from "../env.ts";
import { checkFile, scan, type CheckedFile } from "./files.ts";
import { followUrl, signApplication, verifyApplication } from "./links.ts";
import { parametersOn } from "./parameters.ts";
import { sitePublication, vacancyByRef } from "./vacancies.ts";
import { recordOutcome, recordReceipt } from "./statistics.ts";

type Ctx = { db: Db; ctx: TrustedContext };
export type Application = typeof recruitmentApplications.$inferSelect;

export interface ApplyInput {
  fullName: string;
  email: string;
  phone?: string | null;
  postalAddress?: string | null;
  summary: string;
  channel: (typeof CHANNELS)[number];
  /** Declared for the equality figures only: goes to the anonymous statistics, not on the application. */
  gender?: (typeof DECLARED_GENDERS)[number] | null;
  /** Health data, only when the candidate chooses to say it (recruitment_health). */
  disabledWorker?: boolean;
  accommodations?: string | null;
  consent: boolean;
  cv: File;
  letter: File;
}

/** One mail to the candidate, with the follow-up link in its footer (export and deletion in every mail). */
export async function mailCandidate(tx: WriteTx, ctx: TrustedContext, a: Pick<Application, "id" | "email">, subject: string, body: string) {
  const sig = await signApplication(tx, ctx.tenant.id, a.id);
  await tx.insert(outbox).values({ id: uuidv7(), tenantId: ctx.tenant.id, recipient: a.email, subject, body: body + m.mail.footer(followUrl(ctx, a.id, sig)) });
  return sig;
}

export async function apply({ db, ctx, env, ref, input, now = Date.now() }: Ctx & { env: RecruitmentBindings; ref: string; input: ApplyInput; now?: number }) {
  if (!input.consent) throw invalid(undefined, [{ path: "form/consent", message: m.fields.consent }]);
  const { vacancy, scanUrl } = await db.withTenant(ctx.tenant.id, async (tx) => {
    const v = await vacancyByRef(tx, ref);
    if (v.status !== "published" || !(await sitePublication(tx, v.id)) || v.applicationDeadline < parisDay(now)) throw conflict(m.notOpen);
    return { vacancy: v, scanUrl: (await parametersOn(tx, ctx.tenant.id, parisDay(now))).scanUrl };
  });
  const files: Array<[kind: "cv" | "letter", CheckedFile]> = [
    ["cv", await checkFile(input.cv, "cv")],
    ["letter", await checkFile(input.letter, "letter")],
  ];
  for (const [kind, f] of files) await scan(scanUrl, f, kind);
  const id = uuidv7();
  const stored: string[] = [];
  for (const [kind, f] of files) {
    const key = `applications/${ctx.tenant.id}/${id}/${kind}`;
    await env.FILES.put(key, f.bytes, { httpMetadata: { contentType: f.type }, sha256: f.sha256 });
    stored.push(key);
  }
  try {
    return await db.write(ctx, async (tx, journal) => {
      const [{ n }] = await tx
        .select({ n: max(recruitmentApplications.number) })
        .from(recruitmentApplications)
        .where(eq(recruitmentApplications.vacancyId, vacancy.id));
      const [a] = await tx
        .insert(recruitmentApplications)
        .values({
          id,
          tenantId: ctx.tenant.id,
          vacancyId: vacancy.id,
          number: (n ?? 0) + 1,
          fullName: input.fullName,
          email: input.email,
          phone: input.phone ?? null,
          postalAddress: input.postalAddress ?? null,
          summary: input.summary,
          channel: input.channel,
          stage: vacancy.stages[0],
          lastContactAt: new Date(now),
        })
        .returning();
      await recordReceipt(tx, {
        tenantId: ctx.tenant.id,
        applicationId: a.id,
        vacancyId: vacancy.id,
        channel: a.channel,
        category: vacancy.category,
        gender: input.gender ?? null,
        receivedOn: parisDay(now),
      });
      if (input.disabledWorker || input.accommodations)
        await tx
          .insert(recruitmentHealth)
          .values({ applicationId: a.id, tenantId: ctx.tenant.id, disabledWorker: !!input.disabledWorker, accommodations: input.accommodations || null });
      for (const [kind, f] of files)
        await tx.insert(recruitmentFiles).values({
          tenantId: ctx.tenant.id,
          applicationId: a.id,
          kind,
          objectKey: `applications/${ctx.tenant.id}/${id}/${kind}`,
          contentType: f.type,
          size: f.bytes.length,
          sha256: f.sha256,
        });
      const sig = await mailCandidate(tx, ctx, a, m.mail.receiptSubject(vacancy.title), m.mail.receiptBody(a.fullName, vacancy.title, vacancy.reference));
      await journal({
        action: "recruitment.application.receive",
        target: `recruitment_applications/${a.id}`,
        summary: { vacancy: vacancy.reference, channel: a.channel },
      });
      return { id: a.id, number: a.number, status: a.status, followUrl: followUrl(ctx, a.id, sig), signature: sig };
    });
  } catch (e) {
    // The files were stored before the rows: nothing refers to them now.
    await env.FILES.delete(stored);
    throw e;
  }
}

async function byLink(tx: Tx, ctx: TrustedContext, id: string, sig: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id) || !(await verifyApplication(tx, ctx.tenant.id, id, sig))) throw notFound(m.badLink);
  const [row] = await tx
    .select({ a: recruitmentApplications, v: recruitmentVacancies })
    .from(recruitmentApplications)
    .innerJoin(recruitmentVacancies, eq(recruitmentVacancies.id, recruitmentApplications.vacancyId))
    .where(eq(recruitmentApplications.id, id));
  if (!row) throw notFound(m.badLink);
  return row;
}

/** What the candidate's page shows. */
export async function status({ db, ctx, id, sig }: Ctx & { id: string; sig: string }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const { a, v } = await byLink(tx, ctx, id, sig);
    const interviews = await tx.select().from(recruitmentInterviews).where(eq(recruitmentInterviews.applicationId, a.id));
    return {
      id: a.id,
      vacancy: { reference: v.reference, title: v.title },
      stage: m.stageNames[a.stage] ?? a.stage,
      stepIndex: a.stage === "nomination" ? v.stages.length : Math.max(0, v.stages.indexOf(a.stage)),
      steps: [...v.stages, m.stageNames.nomination],
      status: a.status,
      statusText: m.statusNames[a.status],
      decisionReason: a.status === "rejected" ? a.decisionReason : null,
      keepConsent: a.keepConsent,
      canAnswerConsent: a.status === "rejected",
      interviews: interviews.map((i) => ({
        start: new Date(i.startsAt).toISOString(),
        end: new Date(i.endsAt).toISOString(),
        place: i.place,
        visioUrl: i.visioUrl,
      })),
    };
  });
}

/** At or after a rejection: keep the application for other posts (2 years from now) or not (3 months after the decision). */
export async function answerConsent({ db, ctx, id, sig, keep, now = Date.now() }: Ctx & { id: string; sig: string; keep: boolean; now?: number }) {
  return db.write(ctx, async (tx, journal) => {
    const { a } = await byLink(tx as unknown as Tx, ctx, id, sig);
    if (a.status !== "rejected") throw conflict(m.notRejected);
    await tx
      .update(recruitmentApplications)
      .set({ keepConsent: keep, lastContactAt: new Date(now), reaskedAt: null })
      .where(eq(recruitmentApplications.id, a.id));
    await journal({ action: "recruitment.application.consent", target: `recruitment_applications/${a.id}`, summary: { keep } });
    return { keepConsent: keep };
  });
}

/** Everything held about the candidate (RGPD art. 15 and 20), files by their digest. */
export async function exportData({ db, ctx, id, sig }: Ctx & { id: string; sig: string }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const { a, v } = await byLink(tx, ctx, id, sig);
    const files = await tx.select().from(recruitmentFiles).where(eq(recruitmentFiles.applicationId, a.id));
    const interviews = await tx.select().from(recruitmentInterviews).where(eq(recruitmentInterviews.applicationId, a.id));
    const [health] = await tx.select().from(recruitmentHealth).where(eq(recruitmentHealth.applicationId, a.id));
    const { tenantId: _t, ...own } = a;
    return {
      vacancy: { reference: v.reference, title: v.title },
      application: {
        ...own,
        decidedAt: a.decidedAt ? new Date(a.decidedAt).toISOString() : null,
        lastContactAt: new Date(a.lastContactAt).toISOString(),
        reaskedAt: a.reaskedAt ? new Date(a.reaskedAt).toISOString() : null,
        createdAt: new Date(a.createdAt).toISOString(),
      },
      files: files.map((f) => ({ kind: f.kind, contentType: f.contentType, size: f.size, sha256: f.sha256 })),
      interviews: interviews.map((i) => ({ start: new Date(i.startsAt).toISOString(), place: i.place })),
      health: health ? { disabledWorker: health.disabledWorker, accommodations: health.accommodations } : null,
    };
  });
}

/** The candidate deletes their application: rows (cascade) and R2 objects go now. */
export async function deleteByLink({ db, ctx, env, id, sig }: Ctx & { env: RecruitmentBindings; id: string; sig: string }) {
  const keys = await db.write(ctx, async (tx, journal) => {
    const { a } = await byLink(tx as unknown as Tx, ctx, id, sig);
    const files = await tx.select({ key: recruitmentFiles.objectKey }).from(recruitmentFiles).where(eq(recruitmentFiles.applicationId, a.id));
    // The statistics keep it as withdrawn (if still open), without the link.
    if (a.status === "active") await recordOutcome(tx, a.id, "withdrawn", parisDay());
    await tx.delete(recruitmentApplications).where(and(eq(recruitmentApplications.id, a.id)));
    await journal({ action: "recruitment.application.erase", target: `recruitment_applications/${a.id}`, summary: { byCandidate: true } });
    return files.map((f) => f.key);
  });
  if (keys.length) await env.FILES.delete(keys);
}
