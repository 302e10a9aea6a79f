import { z } from "@hono/zod-openapi";
import { PUBLIC, createRouter, defineRoute, problemResponse } from "@communa/core";
import { parisDay } from "@communa/core/time";
import type { CitizenBindings } from "../env.ts";
import { SlotTaken, book, cancelByLink, dayView, getByLink, moveByLink, searchSlots, setStatus } from "../services/appointments.ts";
import { appointmentSchema, bookingBody, day, slotSchema } from "./schemas.ts";

const json = <S extends z.ZodType>(schema: S) => ({ required: true, content: { "application/json": { schema } } });
const ok = <S extends z.ZodType>(description: string, schema: S) => ({ 200: { description, content: { "application/json": { schema } } } });
const taken = {
  409: {
    description: "Créneau pris : les prochains créneaux libres",
    content: { "application/problem+json": { schema: z.object({ nextSlots: z.array(slotSchema) }).passthrough() } },
  },
};
const link = z.object({ appointmentId: z.uuid() });
const signature = z.object({ cle: z.string().min(10).max(100) });

const slots = defineRoute({
  method: "get",
  path: "/motifs/{motifId}/slots",
  operationId: "citizenSlots",
  summary: "Créneaux libres d’un motif (31 jours au plus)",
  requires: PUBLIC,
  request: { params: z.object({ motifId: z.uuid() }), query: z.object({ du: day, au: day }) },
  responses: ok("Créneaux", z.object({ slots: z.array(slotSchema) })),
});

const bookedSchema = appointmentSchema.extend({ manageUrl: z.string(), signature: z.string() });

const bookRoute = defineRoute({
  method: "post",
  path: "/appointments",
  operationId: "bookAppointment",
  summary: "Prendre rendez-vous (sans compte : nom, e-mail et/ou mobile, commune)",
  requires: PUBLIC,
  request: { body: json(bookingBody) },
  responses: { 201: { description: "Rendez-vous pris", content: { "application/json": { schema: bookedSchema } } }, ...taken },
});

const overbookRoute = defineRoute({
  method: "post",
  path: "/appointments/overbook",
  operationId: "overbookAppointment",
  summary: "Surbooking : un agent place un rendez-vous par-dessus un autre (journalisé)",
  requires: "citizen:write",
  request: { body: json(bookingBody.extend({ agentId: z.uuid(), channel: z.enum(["online", "phone", "desk"]).default("desk") }).strict()) },
  responses: { 201: { description: "Rendez-vous pris", content: { "application/json": { schema: bookedSchema } } } },
});

const manageSchema = appointmentSchema.extend({
  motif: z.string(),
  where: z.string(),
  name: z.string(),
  changeWindowHours: z.number(),
  ics: z.string().nullable(),
  messages: z.number(),
});

const getLink = defineRoute({
  method: "get",
  path: "/appointments/{appointmentId}",
  operationId: "getAppointmentByLink",
  summary: "Rendez-vous vu par son lien signé (sans compte)",
  requires: PUBLIC,
  request: { params: link, query: signature },
  responses: ok("Rendez-vous", manageSchema),
});

const icsLink = defineRoute({
  method: "get",
  path: "/appointments/{appointmentId}/invitation.ics",
  operationId: "getAppointmentIcs",
  summary: "Dernier message iCalendar du rendez-vous (lien signé)",
  requires: PUBLIC,
  request: { params: link, query: signature },
  responses: { 200: { description: "iCalendar", content: { "text/calendar": { schema: z.string() } } } },
});

const cancel = defineRoute({
  method: "post",
  path: "/appointments/{appointmentId}/cancel",
  operationId: "cancelAppointmentByLink",
  summary: "Annuler par le lien signé",
  requires: PUBLIC,
  request: { params: link, body: json(signature.strict()) },
  responses: ok("Annulé", appointmentSchema),
});

const move = defineRoute({
  method: "post",
  path: "/appointments/{appointmentId}/move",
  operationId: "moveAppointmentByLink",
  summary: "Déplacer par le lien signé",
  requires: PUBLIC,
  request: { params: link, body: json(signature.extend({ start: z.iso.datetime({ offset: true }) }).strict()) },
  responses: { ...ok("Déplacé", appointmentSchema), ...taken },
});

const status = defineRoute({
  method: "post",
  path: "/appointments/{appointmentId}/status",
  operationId: "setAppointmentStatus",
  summary: "Noter le rendez-vous : reçu, excusé, absent (lapin), révoqué",
  requires: "citizen:write",
  request: { params: link, body: json(z.object({ status: z.enum(["seen", "excused", "no_show", "revoked"]) }).strict()) },
  responses: ok("Noté", appointmentSchema),
});

const agenda = defineRoute({
  method: "get",
  path: "/agenda",
  operationId: "citizenAgenda",
  summary: "Rendez-vous du jour (tous agents), et la prochaine visio de l’agent connecté",
  requires: "citizen:read",
  request: { query: z.object({ jour: day.optional() }) },
  responses: ok(
    "Journée",
    z.object({
      day: z.string(),
      appointments: z.array(
        appointmentSchema.extend({
          name: z.string(),
          phone: z.string().nullable(),
          agent: z.string(),
          motif: z.string(),
          locationType: z.string(),
          place: z.string(),
        }),
      ),
      nextVisio: z.object({ id: z.string(), start: z.string(), time: z.string(), visioUrl: z.string().nullable() }).nullable(),
    }),
  ),
});

const takenResponse = (e: SlotTaken, path: string) => {
  const base = problemResponse(e, path);
  return base.json().then((p: unknown) => new Response(JSON.stringify({ ...(p as object), nextSlots: e.nextSlots }), { status: 409, headers: base.headers }));
};

export const appointmentRoutes = createRouter<CitizenBindings>()
  .openapi(slots, async (c) => {
    const { du, au } = c.req.valid("query");
    return c.json(
      {
        slots: await searchSlots({
          db: c.var.db,
          ctx: c.var.ctx,
          motifId: c.req.valid("param").motifId,
          from: du,
          // Between `du` and 31 days on (days compare as text): the median of the three.
          to: [du, au, addMonth(du)].sort()[1],
        }),
      },
      200,
      {
        "cache-control": "no-store",
      },
    );
  })
  .openapi(bookRoute, async (c) => {
    try {
      return c.json(await book({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201);
    } catch (e) {
      if (e instanceof SlotTaken) return (await takenResponse(e, c.req.path)) as never;
      throw e;
    }
  })
  .openapi(overbookRoute, async (c) => {
    const { agentId, channel, ...input } = c.req.valid("json");
    return c.json(await book({ db: c.var.db, ctx: c.var.ctx, input, overbook: { agentId }, channel }), 201);
  })
  .openapi(getLink, async (c) =>
    c.json(await getByLink({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").appointmentId, sig: c.req.valid("query").cle }), 200, {
      "cache-control": "no-store",
    }),
  )
  .openapi(icsLink, async (c) => {
    const a = await getByLink({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").appointmentId, sig: c.req.valid("query").cle });
    return c.body(a.ics ?? "", 200, {
      "content-type": `text/calendar; charset=utf-8; method=${a.status === "cancelled" ? "CANCEL" : "REQUEST"}`,
      "content-disposition": 'attachment; filename="invitation.ics"',
      "cache-control": "no-store",
    });
  })
  .openapi(cancel, async (c) =>
    c.json(await cancelByLink({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").appointmentId, sig: c.req.valid("json").cle }), 200),
  )
  .openapi(move, async (c) => {
    const { cle, start } = c.req.valid("json");
    try {
      // The 409 carries the next free slots beside the problem's fields (takenResponse), outside Hono's typed answers.
      return c.json(await moveByLink({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").appointmentId, sig: cle, start }), 200) as never;
    } catch (e) {
      if (e instanceof SlotTaken) return (await takenResponse(e, c.req.path)) as never;
      throw e;
    }
  })
  .openapi(status, async (c) =>
    c.json(await setStatus({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").appointmentId, status: c.req.valid("json").status }), 200),
  )
  .openapi(agenda, async (c) =>
    c.json(await dayView({ db: c.var.db, ctx: c.var.ctx, day: c.req.valid("query").jour ?? parisDay() }), 200, { "cache-control": "no-store" }),
  );

function addMonth(d: string): string {
  return new Date(Date.parse(`${d}T12:00:00Z`) + 31 * 86_400_000).toISOString().slice(0, 10);
}
