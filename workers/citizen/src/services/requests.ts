/**
 * Requests (« main courante »): every contact — call, desk visit, e-mail, letter, online form — is
 * a request with an 8-letter tracking code. An online request gets its accusé d'enregistrement at
 * once and its accusé de réception (CRPA L112-11, R112-11-1): the date received, the service and
 * its contact details and, for types that have one, the implicit decision, its date and the appeal
 * routes — from the request type's dated rule. The resident follows it by code, without an account.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { citizenRequestTypes, citizenRequests, citizenServices, outbox } from "@communa/db";
import { invalid, notFound, type Db, type TrustedContext } from "@communa/core";
import { addDays, frenchLongDate, parisDay } from "@communa/core/time";
import { m } from "../messages.fr.ts";
import { trackingCode } from "./encoding.ts";

type Ctx = { db: Db; ctx: TrustedContext };

export interface RequestInput {
  channel: "phone" | "desk" | "email" | "letter" | "online" | "kiosk";
  subject: string;
  serviceId?: string | null;
  typeId?: string | null;
  communeInsee?: string | null;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  dueOn?: string | null;
  agentPersonId?: string | null;
  /** The kiosk a request was made at (channel `kiosk`). */
  kioskDeviceId?: string | null;
}

export async function createRequestType({ db, ctx, input }: Ctx & { input: Omit<typeof citizenRequestTypes.$inferInsert, "id" | "tenantId"> }) {
  return db.write(ctx, async (tx, journal) => {
    const [row] = await tx
      .insert(citizenRequestTypes)
      .values({ ...input, tenantId: ctx.tenant.id })
      .returning({ id: citizenRequestTypes.id });
    await journal({ action: "citizen.request-type.create", target: `citizen_request_types/${row.id}`, summary: { ...input } });
    return { id: row.id };
  });
}

/** The tenant's request types, by name (the agents' form offers them). */
export async function listRequestTypes({ db, ctx }: Ctx) {
  const types = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({
        id: citizenRequestTypes.id,
        name: citizenRequestTypes.name,
        serviceId: citizenRequestTypes.serviceId,
        implicitDecision: citizenRequestTypes.implicitDecision,
        implicitDelayDays: citizenRequestTypes.implicitDelayDays,
      })
      .from(citizenRequestTypes)
      .where(eq(citizenRequestTypes.tenantId, ctx.tenant.id))
      .orderBy(asc(citizenRequestTypes.name)),
  );
  return { types };
}

/** The receipt of a request as issued (text), from its service and its type's rule of the day. */
export function receiptText(p: {
  code: string;
  receivedAt: Date;
  service: { name: string; contactEmail: string | null; contactPhone: string | null; contactAddress: string | null } | null;
  type: {
    implicitDecision: "none" | "acceptance" | "rejection";
    implicitDelayDays: number | null;
    appealRoutes: string | null;
    ruleSource: string;
    ruleSince: string;
  } | null;
  tenantName: string;
}): string {
  const contact = p.service ? [p.service.contactAddress, p.service.contactPhone, p.service.contactEmail].filter(Boolean).join(", ") : "";
  const decision =
    p.type && p.type.implicitDecision !== "none" && p.type.implicitDelayDays
      ? {
          kind: p.type.implicitDecision,
          date: frenchLongDate(addDays(parisDay(p.receivedAt), p.type.implicitDelayDays)),
          appeal: p.type.appealRoutes,
          source: `${p.type.ruleSource} (en vigueur depuis le ${frenchLongDate(p.type.ruleSince)})`,
        }
      : null;
  return m.receipt({ code: p.code, received: frenchLongDate(p.receivedAt), service: p.service?.name ?? p.tenantName, contact, decision });
}

/** Records a request; online ones (or any with an e-mail) get both receipts in the outbox at once. */
export async function createRequest({ db, ctx, input }: Ctx & { input: RequestInput }) {
  return db.write(ctx, async (tx, journal) => {
    const service = input.serviceId
      ? (
          await tx
            .select()
            .from(citizenServices)
            .where(and(eq(citizenServices.id, input.serviceId), eq(citizenServices.tenantId, ctx.tenant.id)))
        )[0]
      : null;
    if (input.serviceId && !service) throw invalid(undefined, [{ path: "body/serviceId", message: m.noService }]);
    const type = input.typeId ? (await tx.select().from(citizenRequestTypes).where(eq(citizenRequestTypes.id, input.typeId)))[0] : null;
    if (input.typeId && !type) throw invalid(undefined, [{ path: "body/typeId", message: m.noRequestId }]);
    const receivedAt = new Date();
    let code = trackingCode();
    for (let i = 0; i < 5; i++) {
      const [clash] = await tx
        .select({ id: citizenRequests.id })
        .from(citizenRequests)
        .where(and(eq(citizenRequests.tenantId, ctx.tenant.id), eq(citizenRequests.code, code)));
      if (!clash) break;
      code = trackingCode();
    }
    const receipt = receiptText({ code, receivedAt, service: service ?? null, type: type ?? null, tenantName: ctx.tenant.name });
    const dueOn = input.dueOn ?? (type?.implicitDelayDays ? addDays(parisDay(receivedAt), type.implicitDelayDays) : null);
    const [row] = await tx
      .insert(citizenRequests)
      .values({
        tenantId: ctx.tenant.id,
        code,
        channel: input.channel,
        communeInsee: input.communeInsee ?? null,
        serviceId: service?.id ?? null,
        typeId: type?.id ?? null,
        subject: input.subject,
        agentPersonId: input.agentPersonId ?? (input.channel !== "online" && ctx.actor.kind === "person" ? ctx.actor.id : null),
        dueOn,
        name: input.name ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        kioskDeviceId: input.kioskDeviceId ?? null,
        receivedAt,
        receipt,
      })
      .returning();
    if (input.email) {
      const track = `${ctx.siteUrl ?? `/${ctx.tenant.slug}`}/demarches/suivi/?code=${code}`;
      await tx.insert(outbox).values([
        {
          tenantId: ctx.tenant.id,
          recipient: input.email,
          subject: m.registrationSubject(code),
          body: m.registrationBody({ name: input.name ?? "", code, subject: input.subject, track }),
        },
        { tenantId: ctx.tenant.id, recipient: input.email, subject: m.receiptSubject(code), body: m.receiptMailBody(input.name ?? "", receipt) },
      ]);
    }
    await journal({ action: "citizen.request.create", target: `citizen_requests/${row.id}`, summary: { channel: input.channel, code } });
    return { id: row.id, code, status: row.status, dueOn: row.dueOn, receipt };
  });
}

/**
 * A kiosk's « Demander de l'aide à un conseiller » (ADR 0046): a request in the queue, channel
 * `kiosk`, naming the kiosk (its registry name says where it stands), with only what the resident
 * chose to type — a first name, a phone number — and no e-mail, so no mail leaves.
 */
export async function kioskHelp({ db, ctx, help }: Ctx & { help: { deviceId: string; deviceName: string; firstName?: string; phone?: string } }) {
  const created = await createRequest({
    db,
    ctx,
    input: {
      channel: "kiosk",
      subject: m.kioskHelpSubject(help.deviceName),
      name: help.firstName || null,
      phone: help.phone || null,
      kioskDeviceId: help.deviceId,
    },
  });
  return { code: created.code };
}

/** Follow-my-request: status by code, nothing personal. */
export async function trackRequest({ db, ctx, code }: Ctx & { code: string }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const [r] = await tx
      .select({
        code: citizenRequests.code,
        status: citizenRequests.status,
        receivedAt: citizenRequests.receivedAt,
        dueOn: citizenRequests.dueOn,
        service: citizenServices.name,
      })
      .from(citizenRequests)
      .leftJoin(citizenServices, eq(citizenServices.id, citizenRequests.serviceId))
      .where(eq(citizenRequests.code, code.toUpperCase()));
    if (!r) throw notFound(m.noRequest);
    return {
      code: r.code,
      status: r.status,
      statusLabel: m.statuses[r.status],
      receivedAt: new Date(r.receivedAt).toISOString(),
      dueOn: r.dueOn,
      service: r.service,
    };
  });
}

/** The agents' queue: the caller's first, then others; overdue first within each, open ones only. */
export async function queue({ db, ctx, today = parisDay() }: Ctx & { today?: string }) {
  const me = ctx.actor.kind === "person" ? ctx.actor.id : "";
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(citizenRequests)
      .where(sql`${citizenRequests.status} IN ('open', 'in_progress')`)
      .orderBy(
        desc(sql`${citizenRequests.agentPersonId} = ${me}`),
        asc(sql`coalesce(${citizenRequests.dueOn}, '9999-12-31')`),
        asc(citizenRequests.receivedAt),
      ),
  );
  const item = (r: (typeof rows)[number]) => ({
    id: r.id,
    code: r.code,
    channel: r.channel,
    subject: r.subject,
    status: r.status,
    dueOn: r.dueOn,
    overdue: r.dueOn !== null && r.dueOn < today,
    name: r.name,
    receivedAt: new Date(r.receivedAt).toISOString(),
  });
  return { mine: rows.filter((r) => r.agentPersonId === me).map(item), others: rows.filter((r) => r.agentPersonId !== me).map(item) };
}

export async function setRequestStatus({ db, ctx, id, status }: Ctx & { id: string; status: "open" | "in_progress" | "done" | "closed" }) {
  return db.write(ctx, async (tx, journal) => {
    const [r] = await tx.select().from(citizenRequests).where(eq(citizenRequests.id, id));
    if (!r) throw notFound(m.noRequestId);
    await tx
      .update(citizenRequests)
      .set({ status, updatedAt: new Date(), closedAt: status === "closed" || status === "done" ? new Date() : null })
      .where(eq(citizenRequests.id, id));
    await journal({ action: "citizen.request.status", target: `citizen_requests/${id}`, summary: { from: r.status, to: status } });
    return { id, code: r.code, status };
  });
}
