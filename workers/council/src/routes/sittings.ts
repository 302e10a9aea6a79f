import { ITEM_TYPES } from "@communa/contracts/council-rules";
import { z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { councilSittings } from "@communa/db";
import { AppError, PUBLIC, can, cacheFor, createRouter, defineRoute, httpUrl, notFound } from "@communa/core";
import type { CouncilBindings } from "../env.ts";
import { acknowledge, convene, createSitting, getSitting, giveProxy, listConvocations, listSittings, revokeProxy } from "../services/sittings.ts";
import { sittingStub } from "../live/connect.ts";
import { councilText, fieldErrors } from "../messages.fr.ts";
import { transferMinutes, transferView } from "../minutes/archive.ts";

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { "application/json": { schema } } });
const out = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });
const sittingParam = { params: z.object({ sittingId: z.uuid() }) };

const itemInput = z
  .object({
    title: z.string().trim().min(2).max(500),
    rapporteurMemberId: z.uuid().nullable().optional(),
    /** The item's type: decides an appointment or a motion, the votes that apply and multi-site voting (L5211-11-1). Default: deliberation. */
    type: z.enum(ITEM_TYPES).optional(),
    documents: z
      .array(z.object({ title: z.string().trim().min(1).max(200), url: httpUrl({ message: fieldErrors.documentUrl, max: 1000 }) }).strict())
      .max(50)
      .optional(),
    candidateIds: z.array(z.uuid()).max(50).optional(),
  })
  .strict();
const archiveSchema = z
  .object({
    status: z.enum(["pending", "deposited"]),
    messageIdentifier: z.string(),
    attempts: z.number(),
    lastError: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    depositReference: z.string().nullable(),
    unitReference: z.string().nullable(),
    sealSeq: z.number().nullable(),
    depositedAt: z.string().nullable(),
  })
  .openapi("MinutesArchiveTransfer");
const sittingStatus = z.enum(["planned", "convened", "live", "closed"]);
const motionCounts = z.object({
  for: z.number(),
  against: z.number(),
  abstain: z.number(),
  none: z.number(),
  /** Secret motions: blank and null ballots, counted apart, not cast. */
  blank: z.number().optional(),
  null: z.number().optional(),
});
/** A proclaimed result as the live room counted it (@communa/contracts/council VoteResult). */
export const voteResult = z
  .discriminatedUnion("type", [
    z.object({
      type: z.literal("motion"),
      kind: z.enum(["ordinary", "roll-call", "secret"]),
      counts: motionCounts,
      cast: z.number(),
      outcome: z.enum(["adopted", "rejected"]),
      by: z.enum(["majority", "casting-vote", "tie-rejected", "no-votes"]),
      names: z.array(z.object({ memberId: z.string(), choice: z.enum(["for", "against", "abstain", "none"]), by: z.string().optional() })).optional(),
    }),
    z.object({
      type: z.literal("appointment"),
      round: z.number(),
      counts: z.record(z.string(), z.number()),
      blank: z.number(),
      null: z.number().optional(),
      cast: z.number(),
      elected: z.string().nullable(),
      by: z.enum(["absolute-majority", "relative-majority", "oldest", "none"]),
    }),
  ])
  .openapi("CouncilVoteResult");
const sittingSchema = z
  .object({
    id: z.string(),
    councilId: z.string(),
    title: z.string(),
    startsAt: z.string(),
    status: sittingStatus,
    teleconference: z.boolean(),
    rooms: z.array(z.object({ id: z.string(), name: z.string(), address: z.string(), visioUrl: z.string().nullable() })),
    items: z.array(
      z.object({
        id: z.string(),
        position: z.number(),
        title: z.string(),
        rapporteur: z.string().nullable(),
        type: z.enum(ITEM_TYPES),
        kind: z.enum(["motion", "appointment"]),
        /** May be voted in a multi-site sitting (L5211-11-1). */
        multiSite: z.boolean(),
        documents: z.array(z.object({ title: z.string(), url: z.string() })),
        status: z.enum(["pending", "voted", "postponed"]),
        /** Each vote on the item as proclaimed (written when the sitting closes). */
        results: z.array(z.object({ voteId: z.string(), round: z.number(), kind: z.string(), requesters: z.array(z.string()), result: voteResult })),
      }),
    ),
    /** L2121-12: the note of synthesis sent with the convocation (text, or a link). */
    synthesisNote: z.string().nullable(),
    synthesisNoteUrl: z.string().nullable(),
    /** When the convocation was first sent; the urgency's reason if its delay was shortened. */
    convenedAt: z.string().nullable(),
    urgencyReason: z.string().nullable(),
    minutes: z.object({ pdfSha256: z.string().nullable(), jsonSha256: z.string().nullable() }).nullable(),
    archive: archiveSchema.nullable().optional().openapi({ description: "Versement du procès-verbal aux archives (secrétariat : droit council:write)" }),
  })
  .openapi("Sitting");

const archiveRoute = defineRoute({
  method: "post",
  path: "/sittings/{sittingId}/minutes/archive",
  tags: ["Séances"],
  operationId: "archiveMinutes",
  summary: "Verser maintenant le procès-verbal aux archives (nouvelle tentative)",
  description:
    "Le versement est tenté à la clôture puis, en cas d’échec, toutes les 10 minutes avec un délai croissant. Idempotent : un procès-verbal déjà versé ne l’est pas deux fois.",
  requires: "council:write",
  request: sittingParam,
  responses: { 200: out("État du versement", archiveSchema) },
});

const create = defineRoute({
  method: "post",
  path: "/sittings",
  tags: ["Séances"],
  operationId: "createSitting",
  summary: "Préparer une séance (salles désignées, ordre du jour)",
  requires: "council:write",
  request: {
    body: json(
      z
        .object({
          councilId: z.uuid(),
          title: z.string().trim().min(2).max(300),
          startsAt: z.iso.datetime({ offset: true }),
          roomIds: z.array(z.uuid()).min(1).max(10),
          presidentMemberId: z.uuid().nullable().optional(),
          items: z.array(itemInput).max(200),
          /** L2121-12: the "note explicative de synthèse" sent with the convocation (mandatory from 3,500 inhabitants and for an EPCI). */
          synthesisNote: z.string().trim().max(20_000).nullable().optional(),
          synthesisNoteUrl: httpUrl({ message: fieldErrors.documentUrl, max: 1000 }).nullable().optional(),
        })
        .strict(),
    ),
  },
  responses: { 201: out("Séance créée", z.object({ id: z.string() })) },
});
const list = defineRoute({
  method: "get",
  path: "/sittings",
  tags: ["Séances"],
  operationId: "listSittings",
  summary: "Séances (calendrier public)",
  requires: PUBLIC,
  request: { query: z.object({ conseil: z.uuid().optional() }) },
  responses: {
    200: out(
      "Séances",
      z.object({ sittings: z.array(z.object({ id: z.string(), councilId: z.string(), title: z.string(), startsAt: z.string(), status: sittingStatus })) }),
    ),
  },
});
const get = defineRoute({
  method: "get",
  path: "/sittings/{sittingId}",
  tags: ["Séances"],
  operationId: "getSitting",
  summary: "Une séance : ordre du jour, salles, résultats proclamés",
  requires: PUBLIC,
  request: sittingParam,
  responses: { 200: out("Séance", sittingSchema) },
});
const conveneRoute = defineRoute({
  method: "post",
  path: "/sittings/{sittingId}/convocations",
  tags: ["Séances"],
  operationId: "conveneSitting",
  summary: "Convoquer les membres en exercice (délai légal vérifié)",
  description:
    "Vérifie le délai de convocation en jours francs (articles L2121-11, L2121-12, L5211-1 du CGCT : cinq jours francs pour un EPCI et une commune de 3 500 habitants et plus, trois en dessous, un en cas d’urgence dont le motif est alors consigné) et la présence de la note explicative de synthèse quand elle est obligatoire. Trop tard : problème 422 qui nomme le dernier jour possible.",
  requires: "council:write",
  request: {
    ...sittingParam,
    body: json(
      z
        .object({
          /** Urgency: the reason, recorded and shown in the minutes (the council rules on it at the opening). */
          urgencyReason: z
            .string()
            .trim()
            .max(2000)
            .refine((v) => v.length >= 5, { message: fieldErrors.urgencyReason })
            .optional(),
        })
        .strict(),
    ),
  },
  responses: {
    200: out("Convocations envoyées", z.object({ convened: z.number(), total: z.number(), clearDays: z.number(), requiredClearDays: z.number() })),
  },
});
const receipts = defineRoute({
  method: "get",
  path: "/sittings/{sittingId}/convocations",
  tags: ["Séances"],
  operationId: "listConvocations",
  summary: "Convocations et accusés de réception",
  requires: "council:write",
  request: sittingParam,
  responses: {
    200: out(
      "Convocations",
      z.object({ convocations: z.array(z.object({ memberId: z.string(), fullName: z.string(), sentAt: z.string(), acknowledgedAt: z.string().nullable() })) }),
    ),
  },
});
const ack = defineRoute({
  method: "post",
  path: "/sittings/{sittingId}/acknowledgement",
  tags: ["Séances"],
  operationId: "acknowledgeConvocation",
  summary: "Accuser réception de sa convocation (horodaté)",
  requires: "council:vote",
  request: sittingParam,
  responses: { 200: out("Accusé de réception", z.object({ sentAt: z.string(), acknowledgedAt: z.string() })) },
});
const proxy = defineRoute({
  method: "post",
  path: "/sittings/{sittingId}/proxies",
  tags: ["Séances"],
  operationId: "giveProxy",
  summary: "Enregistrer un pouvoir écrit remis avant la séance (1 à 3 séances consécutives, davantage pour maladie dûment constatée)",
  requires: "council:write",
  request: {
    ...sittingParam,
    body: json(
      z
        .object({
          giverMemberId: z.uuid(),
          holderMemberId: z.uuid(),
          /** Consecutive sittings covered: 1 to 3, more for an illness duly noted (checked by the service, French field message). */
          sittings: z.number().int().default(1),
          /** "Maladie dûment constatée" (L2121-20): the proxy may exceed three consecutive sittings. */
          illness: z.boolean().default(false),
        })
        .strict(),
    ),
  },
  responses: {
    201: out(
      "Pouvoir enregistré",
      z.object({ id: z.string(), giverMemberId: z.string(), holderMemberId: z.string(), sittings: z.number(), illness: z.boolean() }),
    ),
  },
});
const revoke = defineRoute({
  method: "post",
  path: "/proxies/{proxyId}/revoke",
  tags: ["Séances"],
  operationId: "revokeProxy",
  summary: "Révoquer un pouvoir",
  requires: "council:write",
  request: { params: z.object({ proxyId: z.uuid() }) },
  responses: { 200: out("Pouvoir révoqué", z.object({ id: z.string(), revokedAt: z.string() })) },
});
const live = defineRoute({
  method: "get",
  path: "/sittings/{sittingId}/state",
  tags: ["Séances"],
  operationId: "getSittingLiveState",
  summary: "État en direct de la séance (le même que reçoit la page publique par WebSocket)",
  requires: PUBLIC,
  request: sittingParam,
  responses: { 200: out("État", z.object({ state: z.unknown().nullable() })) },
});
const minutesJson = defineRoute({
  method: "get",
  path: "/sittings/{sittingId}/minutes",
  tags: ["Séances"],
  operationId: "getMinutes",
  summary: "Procès-verbal (données structurées)",
  requires: PUBLIC,
  request: sittingParam,
  responses: { 200: out("Procès-verbal", z.object({ minutes: z.unknown(), sha256: z.object({ pdf: z.string(), json: z.string() }) })) },
});
const minutesPdf = defineRoute({
  method: "get",
  path: "/sittings/{sittingId}/minutes.pdf",
  tags: ["Séances"],
  operationId: "getMinutesPdf",
  summary: "Procès-verbal (PDF)",
  requires: PUBLIC,
  request: sittingParam,
  responses: { 200: { description: "PDF", content: { "application/pdf": { schema: z.string() } } } },
});

async function closedSitting(c: { var: { db: import("@communa/core").Db; ctx: import("@communa/core").TrustedContext } }, sittingId: string) {
  const [s] = await c.var.db.withTenant(c.var.ctx.tenant.id, (tx) => tx.select().from(councilSittings).where(eq(councilSittings.id, sittingId)).limit(1));
  if (!s) throw notFound(councilText.noSitting);
  if (s.status !== "closed" || !s.minutesKey) throw new AppError("conflict", councilText.minutesNotYet);
  return s;
}

export const sittingRoutes = createRouter<CouncilBindings>()
  .openapi(create, async (c) => c.json(await createSitting({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(list, async (c) =>
    c.json({ sittings: await listSittings({ db: c.var.db, ctx: c.var.ctx, councilId: c.req.valid("query").conseil }) }, 200, cacheFor(c.var.ctx)),
  )
  .openapi(get, async (c) =>
    c.json(
      await getSitting({
        db: c.var.db,
        ctx: c.var.ctx,
        sittingId: c.req.valid("param").sittingId,
        withVisio: can(c.var.ctx.actor, "council:read"),
        withArchive: can(c.var.ctx.actor, "council:write"),
      }),
      200,
      { "cache-control": "no-store" },
    ),
  )
  .openapi(archiveRoute, async (c) => {
    const s = await closedSitting(c, c.req.valid("param").sittingId);
    const row = await transferMinutes(c.env, c.var.db, c.var.ctx.tenant.id, s.id);
    if (!row) throw new AppError("conflict", councilText.noDeposit);
    return c.json(transferView(row)!, 200);
  })
  .openapi(conveneRoute, async (c) =>
    c.json(
      await convene({
        db: c.var.db,
        ctx: c.var.ctx,
        identity: c.env.IDENTITY,
        sittingId: c.req.valid("param").sittingId,
        siteUrl: c.var.ctx.siteUrl,
        urgencyReason: c.req.valid("json").urgencyReason ?? null,
      }),
      200,
    ),
  )
  .openapi(receipts, async (c) =>
    c.json({ convocations: await listConvocations({ db: c.var.db, ctx: c.var.ctx, sittingId: c.req.valid("param").sittingId }) }, 200, {
      "cache-control": "no-store",
    }),
  )
  .openapi(ack, async (c) => c.json(await acknowledge({ db: c.var.db, ctx: c.var.ctx, sittingId: c.req.valid("param").sittingId }), 200))
  .openapi(proxy, async (c) => {
    const b = c.req.valid("json");
    return c.json(
      await giveProxy({
        db: c.var.db,
        ctx: c.var.ctx,
        sittingId: c.req.valid("param").sittingId,
        giverMemberId: b.giverMemberId,
        holderMemberId: b.holderMemberId,
        sittings: b.sittings,
        illness: b.illness,
      }),
      201,
    );
  })
  .openapi(revoke, async (c) => c.json(await revokeProxy({ db: c.var.db, ctx: c.var.ctx, proxyId: c.req.valid("param").proxyId }), 200))
  .openapi(live, async (c) =>
    c.json({ state: await sittingStub(c.env, c.var.ctx.tenant.id, c.req.valid("param").sittingId).state() }, 200, { "cache-control": "no-store" }),
  )
  .openapi(minutesJson, async (c) => {
    const s = await closedSitting(c, c.req.valid("param").sittingId);
    return c.json({ minutes: s.minutes, sha256: { pdf: s.minutesSha256!, json: s.minutesJsonSha256! } }, 200, { "cache-control": "public, max-age=3600" });
  })
  .openapi(minutesPdf, async (c) => {
    const s = await closedSitting(c, c.req.valid("param").sittingId);
    const obj = await c.env.MINUTES.get(s.minutesKey!);
    if (!obj) throw new AppError("unavailable", councilText.minutesUnavailable);
    return new Response(obj.body, {
      status: 200,
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="proces-verbal-${s.id}.pdf"`,
        "x-content-sha256": s.minutesSha256!,
        "cache-control": "public, max-age=3600",
      },
    }) as never;
  });
