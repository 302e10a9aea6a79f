/**
 * The pipeline as reviewers and the jury see it. Blind first screening: while an application is at
 * the vacancy's first stage and the vacancy asks for it, the API itself withholds the name,
 * contact details, address and files (a reviewer's page cannot show what it never received); the
 * candidate's own presentation and a number (C-0007) stand in. Then notes, each jury member's
 * scores with reasons, interviews with their .ics, and the decision with its reason.
 *
 * The appointment stage (`nomination`) is refused until the declaration to the Centre de gestion is
 * recorded AND the notice has been public on the site for the tenant's minimum (dated parameter).
 */
import { and, asc, eq } from "drizzle-orm";
import {
  APPOINTMENT_STAGE,
  recruitmentApplications,
  recruitmentDeclarations,
  recruitmentFiles,
  recruitmentHealth,
  recruitmentInterviews,
  recruitmentNotes,
  recruitmentScores,
  recruitmentVacancies,
} from "@communa/db";
import { conflict, forbidden, invalid, notFound, personOf, rpcValue, unavailable, type Db, type TrustedContext, type Tx } from "@communa/core";
import { invitationIcs } from "@communa/core/ics";
import { sha512Hex } from "@communa/core/hash";
import { addDays, formatParis, parisDay } from "@communa/core/time";
import { m } from "../messages.fr.ts";
import type { RecruitmentBindings } from "../env.ts";
import { mailCandidate, type Application } from "./applications.ts";
import { reachStage, recordOutcome } from "./statistics.ts";
import { parametersOn } from "./parameters.ts";
import { sitePublication, vacancyById, vacancyByRef, type Vacancy } from "./vacancies.ts";

type Ctx = { db: Db; ctx: TrustedContext };

const isBlind = (v: Vacancy, a: Application) => v.blindScreening && a.stage === v.stages[0] && a.status === "active";
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** An application as reviewers receive it: identity withheld during the blind first screening. */
function reviewerView(v: Vacancy, a: Application) {
  const blind = isBlind(v, a);
  return {
    id: a.id,
    number: a.number,
    blind,
    displayName: blind ? m.blindName(a.number) : a.fullName,
    fullName: blind ? null : a.fullName,
    email: blind ? null : a.email,
    phone: blind ? null : a.phone,
    postalAddress: blind ? null : a.postalAddress,
    summary: a.summary,
    channel: a.channel,
    stage: a.stage,
    status: a.status,
    decisionReason: a.decisionReason,
    keepConsent: a.keepConsent,
    createdAt: iso(a.createdAt)!,
  };
}

async function applicationOf(tx: Tx, id: string) {
  const [row] = await tx
    .select({ a: recruitmentApplications, v: recruitmentVacancies })
    .from(recruitmentApplications)
    .innerJoin(recruitmentVacancies, eq(recruitmentVacancies.id, recruitmentApplications.vacancyId))
    .where(eq(recruitmentApplications.id, id));
  if (!row) throw notFound(m.noApplication);
  return row;
}

export async function listApplications({ db, ctx, ref }: Ctx & { ref: string }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const v = await vacancyByRef(tx, ref);
    const rows = await tx
      .select()
      .from(recruitmentApplications)
      .where(eq(recruitmentApplications.vacancyId, v.id))
      .orderBy(asc(recruitmentApplications.number));
    return { stages: [...v.stages, APPOINTMENT_STAGE], criteria: v.criteria, applications: rows.map((a) => reviewerView(v, a)) };
  });
}

/**
 * One application as reviewers see it. What the candidate chose to say of a disabled-worker status
 * (health data) is shown once out of the blind screening, and each reading is journalled.
 */
export async function applicationDetail({ db, ctx, id }: Ctx & { id: string }) {
  const detail = await db.withTenant(ctx.tenant.id, async (tx) => {
    const { a, v } = await applicationOf(tx, id);
    const files = await tx.select().from(recruitmentFiles).where(eq(recruitmentFiles.applicationId, a.id));
    const notes = await tx.select().from(recruitmentNotes).where(eq(recruitmentNotes.applicationId, a.id)).orderBy(asc(recruitmentNotes.createdAt));
    const scores = await tx.select().from(recruitmentScores).where(eq(recruitmentScores.applicationId, a.id));
    const interviews = await tx.select().from(recruitmentInterviews).where(eq(recruitmentInterviews.applicationId, a.id));
    const blind = isBlind(v, a);
    const [health] = blind ? [] : await tx.select().from(recruitmentHealth).where(eq(recruitmentHealth.applicationId, a.id));
    return {
      ...reviewerView(v, a),
      vacancy: { reference: v.reference, title: v.title, stages: [...v.stages, APPOINTMENT_STAGE], criteria: v.criteria },
      files: blind ? [] : files.map((f) => ({ kind: f.kind, contentType: f.contentType, size: f.size, sha256: f.sha256 })),
      notes: notes.map((n) => ({ authorId: n.authorId, stage: n.stage, body: n.body, createdAt: iso(n.createdAt)! })),
      scores: scores.map((s) => ({ juryMemberId: s.juryMemberId, criterion: s.criterion, score: s.score, reason: s.reason })),
      interviews: interviews.map((i) => ({ id: i.id, start: iso(i.startsAt)!, end: iso(i.endsAt)!, place: i.place, visioUrl: i.visioUrl, ics: i.ics })),
      health: health ? { disabledWorker: health.disabledWorker, accommodations: health.accommodations } : null,
    };
  });
  // The reading is journalled before the health data leaves the Worker.
  if (detail.health)
    await db.write(ctx, (_tx, journal) => journal({ action: "recruitment.health.read", target: `recruitment_applications/${detail.id}`, summary: {} }));
  return detail;
}

/** A file of the application, once out of the blind first screening. */
export async function readFile({ db, ctx, env, id, kind }: Ctx & { env: RecruitmentBindings; id: string; kind: "cv" | "letter" }) {
  const f = await db.withTenant(ctx.tenant.id, async (tx) => {
    const { a, v } = await applicationOf(tx, id);
    if (isBlind(v, a)) throw forbidden(m.blindFiles);
    const [row] = await tx
      .select()
      .from(recruitmentFiles)
      .where(and(eq(recruitmentFiles.applicationId, a.id), eq(recruitmentFiles.kind, kind)));
    if (!row) throw notFound(m.noApplication);
    return row;
  });
  const object = await env.FILES.get(f.objectKey);
  if (!object) throw notFound(m.noApplication);
  return { object, contentType: f.contentType };
}

const author = (ctx: TrustedContext) => personOf(ctx.actor) ?? (ctx.actor.kind === "anonymous" ? "anonyme" : ctx.actor.id);

export async function addNote({ db, ctx, id, body }: Ctx & { id: string; body: string }) {
  return db.write(ctx, async (tx, journal) => {
    const { a } = await applicationOf(tx as unknown as Tx, id);
    await tx.insert(recruitmentNotes).values({ tenantId: ctx.tenant.id, applicationId: a.id, authorId: author(ctx), stage: a.stage, body });
    await journal({ action: "recruitment.note.add", target: `recruitment_applications/${a.id}` });
    return { ok: true };
  });
}

/** The calling jury member's scores on the vacancy's grid, each with its reason (replaces their previous ones). */
export async function score({ db, ctx, id, scores }: Ctx & { id: string; scores: Array<{ criterion: string; score: number; reason: string }> }) {
  return db.write(ctx, async (tx, journal) => {
    const { a, v } = await applicationOf(tx as unknown as Tx, id);
    const errors = scores.flatMap((s, i) => (v.criteria.includes(s.criterion) ? [] : [{ path: `body/scores/${i}/criterion`, message: m.fields.criterion }]));
    if (errors.length) throw invalid(undefined, errors);
    const jury = author(ctx);
    for (const s of scores)
      await tx
        .insert(recruitmentScores)
        .values({ tenantId: ctx.tenant.id, applicationId: a.id, juryMemberId: jury, ...s })
        .onConflictDoUpdate({
          target: [recruitmentScores.applicationId, recruitmentScores.juryMemberId, recruitmentScores.criterion],
          set: { score: s.score, reason: s.reason, updatedAt: new Date() },
        });
    await journal({ action: "recruitment.score.set", target: `recruitment_applications/${a.id}`, summary: { criteria: scores.map((s) => s.criterion) } });
    return { juryMemberId: jury, count: scores.length };
  });
}

/**
 * Why the appointment stage is still locked on `now`, or null: no declaration recorded, or the
 * notice not yet public on the site for the minimum in force (its source quoted).
 */
export async function appointmentLock(tx: Tx, ctx: TrustedContext, v: Vacancy, now: number): Promise<string | null> {
  const [d] = await tx.select({ id: recruitmentDeclarations.id }).from(recruitmentDeclarations).where(eq(recruitmentDeclarations.vacancyId, v.id));
  if (!d) return m.noDeclaration;
  const published = await sitePublication(tx, v.id);
  const p = await parametersOn(tx, ctx.tenant.id, parisDay(now));
  const from = published ? addDays(parisDay(published), p.minPublicationDays) : null;
  if (!from || parisDay(now) < from)
    return m.tooEarly(p.minPublicationDays, from ? formatParis(`${from}T12:00:00Z`, { day: "numeric", month: "long", year: "numeric" }) : "—", p.source);
  return null;
}

export async function moveStage({ db, ctx, id, stage, now = Date.now() }: Ctx & { id: string; stage: string; now?: number }) {
  return db.write(ctx, async (tx, journal) => {
    const { a, v } = await applicationOf(tx as unknown as Tx, id);
    if (a.status !== "active") throw conflict(m.notActive);
    if (stage !== APPOINTMENT_STAGE && !v.stages.includes(stage)) throw invalid(undefined, [{ path: "body/stage", message: m.fields.stage }]);
    if (stage === APPOINTMENT_STAGE) {
      const lock = await appointmentLock(tx as unknown as Tx, ctx, v, now);
      if (lock) throw conflict(lock);
    }
    const [u] = await tx.update(recruitmentApplications).set({ stage }).where(eq(recruitmentApplications.id, a.id)).returning();
    await reachStage(tx, a.id, stage === APPOINTMENT_STAGE ? v.stages.length : v.stages.indexOf(stage));
    await journal({ action: "recruitment.application.stage", target: `recruitment_applications/${a.id}`, summary: { from: a.stage, to: stage } });
    return reviewerView(v, u);
  });
}

const when = (d: Date) => formatParis(d, { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });

export async function scheduleInterview({
  db,
  ctx,
  id,
  input,
}: Ctx & { id: string; input: { start: string; end: string; place: string; visioUrl?: string | null } }) {
  const start = new Date(input.start);
  const end = new Date(input.end);
  if (end <= start) throw invalid(undefined, [{ path: "body/end", message: m.fields.range }]);
  return db.write(ctx, async (tx, journal) => {
    const { a, v } = await applicationOf(tx as unknown as Tx, id);
    if (a.status !== "active") throw conflict(m.notActive);
    const interviewId = crypto.randomUUID();
    const ics = invitationIcs({
      product: "recrutement",
      method: "REQUEST",
      uid: `${interviewId}@communa`,
      sequence: 0,
      start,
      end,
      stamp: new Date(),
      summary: m.ics.summary(v.title, ctx.tenant.name),
      location: input.place,
      description: input.visioUrl ? m.ics.visio(input.visioUrl) : "",
      url: input.visioUrl ?? null,
      organizer: { name: v.applicationAuthority.slice(0, 80), email: `recrutement@${ctx.tenant.slug}.invalid` },
      attendee: { name: a.fullName, email: a.email },
      rsvp: true,
    });
    await tx.insert(recruitmentInterviews).values({
      id: interviewId,
      tenantId: ctx.tenant.id,
      applicationId: a.id,
      startsAt: start,
      endsAt: end,
      place: input.place,
      visioUrl: input.visioUrl ?? null,
      ics,
    });
    await tx.update(recruitmentApplications).set({ lastContactAt: new Date() }).where(eq(recruitmentApplications.id, a.id));
    await mailCandidate(
      tx,
      ctx,
      a,
      m.mail.interviewSubject(v.title, when(start)),
      m.mail.interviewBody(a.fullName, v.title, when(start), input.place, input.visioUrl ?? null),
    );
    await journal({ action: "recruitment.interview.schedule", target: `recruitment_applications/${a.id}`, summary: { start: input.start } });
    return { id: interviewId, start: start.toISOString(), end: end.toISOString(), place: input.place, visioUrl: input.visioUrl ?? null, ics };
  });
}

/** The decision with its reason; a rejection asks the candidate whether to be kept for other posts. */
export async function decide({
  db,
  ctx,
  id,
  outcome,
  reason,
  now = Date.now(),
}: Ctx & { id: string; outcome: "rejected" | "hired"; reason: string; now?: number }) {
  return db.write(ctx, async (tx, journal) => {
    const { a, v } = await applicationOf(tx as unknown as Tx, id);
    if (a.status !== "active") throw conflict(m.notActive);
    if (outcome === "hired" && a.stage !== APPOINTMENT_STAGE) throw conflict(m.hireNeedsNomination);
    if (outcome === "hired") {
      // Checked again at the decision: the parameters may have changed since the stage was reached.
      const lock = await appointmentLock(tx as unknown as Tx, ctx, v, now);
      if (lock) throw conflict(lock);
    }
    const [u] = await tx
      .update(recruitmentApplications)
      .set({ status: outcome, decisionReason: reason, decidedAt: new Date(now), lastContactAt: new Date(now) })
      .where(eq(recruitmentApplications.id, a.id))
      .returning();
    await recordOutcome(tx, a.id, outcome, parisDay(now));
    if (outcome === "rejected") await mailCandidate(tx, ctx, a, m.mail.rejectSubject(v.title), m.mail.rejectBody(a.fullName, v.title, reason));
    else await mailCandidate(tx, ctx, a, m.mail.hiredSubject(v.title), m.mail.hiredBody(a.fullName, v.title));
    await journal({ action: "recruitment.application.decide", target: `recruitment_applications/${a.id}`, summary: { outcome, reason } });
    return reviewerView(await vacancyById(tx as unknown as Tx, v.id), u);
  });
}

/**
 * The hired candidate's file continues as the agent's HR file in the archive (issue #24): the CV,
 * the letter and the reasoned decision, sealed by the archive Worker's deposit RPC under the
 * « dossier d'agent » profile (the agent's birth date, which the application never asks, given by
 * HR now). The same application deposited again returns the first deposit (its message identifier).
 */
export async function archiveHired({ db, ctx, env, id, birthDate }: Ctx & { env: RecruitmentBindings; id: string; birthDate: string }) {
  const { a, v, files } = await db.withTenant(ctx.tenant.id, async (tx) => {
    const row = await applicationOf(tx, id);
    return { ...row, files: await tx.select().from(recruitmentFiles).where(eq(recruitmentFiles.applicationId, row.a.id)) };
  });
  if (a.status !== "hired") throw conflict(m.archive.notHired);
  if (!env.ARCHIVE) throw unavailable(m.archive.noBinding);
  const decidedOn = parisDay(a.decidedAt ? new Date(a.decidedAt) : new Date());
  const deposited = [];
  for (const f of files) {
    const object = await env.FILES.get(f.objectKey);
    if (!object) throw conflict(m.archive.missingFile);
    const bytes = new Uint8Array(await object.arrayBuffer());
    const extension = f.contentType === "application/pdf" ? "pdf" : f.contentType.includes("opendocument") ? "odt" : "docx";
    deposited.push({ name: `${f.kind === "cv" ? "cv" : "lettre-de-motivation"}.${extension}`, size: bytes.byteLength, sha512: await sha512Hex(bytes), bytes });
  }
  const decision = new TextEncoder().encode(m.archive.decision(a.fullName, v.title, v.reference, decidedOn, a.decisionReason ?? ""));
  deposited.push({ name: m.archive.decisionFile, size: decision.byteLength, sha512: await sha512Hex(decision), bytes: decision });
  // The archive's refusal comes back as the same problem (rpcValue), in its own French words.
  const receipt = rpcValue(
    await env.ARCHIVE.deposit(
      ctx.tenant,
      {
        transferringAgency: ctx.tenant.name,
        messageIdentifier: `recrutement-${a.id}`,
        units: [
          {
            title: m.archive.title(a.fullName, v.title),
            description: m.archive.description(v.reference, v.title),
            originatingAgency: v.structure,
            startDate: parisDay(new Date(a.createdAt)),
            endDate: decidedOn,
            keywords: [...m.archive.keywords, a.fullName],
            appraisalRule: "APP-RH-DOSSIER",
            accessRule: "ACC-50",
            hr: { documentType: "career_decision", agentName: a.fullName, birthDate },
            files: deposited,
          },
        ],
      },
      ctx.actor,
    ),
  );
  await db.write(ctx, (_tx, journal) =>
    journal({ action: "recruitment.application.archive", target: `recruitment_applications/${a.id}`, summary: { deposit: receipt.reference } }),
  );
  return { reference: receipt.reference, status: receipt.status, unit: receipt.units[0]?.reference ?? null };
}
