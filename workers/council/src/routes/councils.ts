import { z } from "@hono/zod-openapi";
import { PUBLIC, cacheFor, createRouter, defineRoute, httpUrl } from "@communa/core";
import type { CouncilBindings } from "../env.ts";
import { addMember, addRoom, createCouncil, endMandate, listCouncils, listMembers, listRooms } from "../services/councils.ts";
import { fieldErrors } from "../messages.fr.ts";

const day = z.iso.date();
const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { "application/json": { schema } } });
const out = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });

const councilSchema = z.object({ id: z.string(), name: z.string(), kind: z.enum(["community", "municipal"]) }).openapi("Council");
const memberSchema = z
  .object({
    id: z.string(),
    fullName: z.string(),
    office: z.string(),
    communeInsee: z.string().nullable(),
    mandateStart: z.string(),
    mandateEnd: z.string().nullable(),
    inOffice: z.boolean(),
    /** A suppléant (L5211-6): the titular member whose seat they take in their absence. */
    substituteForMemberId: z.string().nullable(),
  })
  .openapi("CouncilMember");
const roomSchema = z.object({ id: z.string(), name: z.string(), address: z.string(), visioUrl: z.string().nullable() }).openapi("CouncilRoom");
const councilParam = { params: z.object({ councilId: z.uuid() }) };

const create = defineRoute({
  method: "post",
  path: "/councils",
  tags: ["Conseil"],
  operationId: "createCouncil",
  summary: "Créer un conseil (communautaire ou municipal)",
  requires: "council:write",
  request: { body: json(z.object({ name: z.string().trim().min(2).max(200), kind: z.enum(["community", "municipal"]) }).strict()) },
  responses: { 201: out("Conseil créé", councilSchema) },
});
const list = defineRoute({
  method: "get",
  path: "/councils",
  tags: ["Conseil"],
  operationId: "listCouncils",
  summary: "Conseils de la collectivité",
  requires: PUBLIC,
  responses: { 200: out("Conseils", z.object({ councils: z.array(councilSchema) })) },
});
const members = defineRoute({
  method: "get",
  path: "/councils/{councilId}/members",
  tags: ["Conseil"],
  operationId: "listCouncilMembers",
  summary: "Membres et mandats (composition publique du conseil)",
  requires: PUBLIC,
  request: councilParam,
  responses: { 200: out("Membres", z.object({ members: z.array(memberSchema) })) },
});
const addMemberRoute = defineRoute({
  method: "post",
  path: "/councils/{councilId}/members",
  tags: ["Conseil"],
  operationId: "addCouncilMember",
  summary: "Ajouter un membre (mandat)",
  requires: "council:write",
  request: {
    ...councilParam,
    body: json(
      z
        .object({
          fullName: z.string().trim().min(2).max(200),
          birthDate: day,
          office: z.string().trim().min(2).max(100).optional(),
          communeInsee: z
            .string()
            .regex(/^[0-9][0-9AB][0-9]{3}$/)
            .nullable()
            .optional(),
          personId: z.uuid().nullable().optional(),
          accountEmail: z.email().nullable().optional(),
          mandateStart: day,
          mandateEnd: day.nullable().optional(),
          /** A suppléant (L5211-6): the single community councillor of a commune whose substitute this is. */
          substituteForMemberId: z.uuid().nullable().optional(),
        })
        .strict(),
    ),
  },
  responses: { 201: out("Membre ajouté", memberSchema) },
});
const end = defineRoute({
  method: "post",
  path: "/members/{memberId}/end",
  tags: ["Conseil"],
  operationId: "endCouncilMandate",
  summary: "Mettre fin à un mandat (démission, décès, remplacement)",
  requires: "council:write",
  request: { params: z.object({ memberId: z.uuid() }), body: json(z.object({ mandateEnd: day }).strict()) },
  responses: { 200: out("Mandat clos", memberSchema) },
});
const rooms = defineRoute({
  method: "get",
  path: "/councils/{councilId}/rooms",
  tags: ["Conseil"],
  operationId: "listCouncilRooms",
  summary: "Salles désignées",
  requires: "council:read",
  request: councilParam,
  responses: { 200: out("Salles", z.object({ rooms: z.array(roomSchema) })) },
});
const addRoomRoute = defineRoute({
  method: "post",
  path: "/councils/{councilId}/rooms",
  tags: ["Conseil"],
  operationId: "addCouncilRoom",
  summary: "Désigner une salle (et son lien de visioconférence)",
  requires: "council:write",
  request: {
    ...councilParam,
    body: json(
      z
        .object({
          name: z.string().trim().min(2).max(200),
          address: z.string().trim().min(2).max(300),
          visioUrl: httpUrl({ message: fieldErrors.visioUrl, schemes: ["https"] })
            .nullable()
            .optional(),
        })
        .strict(),
    ),
  },
  responses: { 201: out("Salle ajoutée", roomSchema) },
});

export const councilRoutes = createRouter<CouncilBindings>()
  .openapi(create, async (c) => c.json(await createCouncil({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(list, async (c) => c.json({ councils: await listCouncils({ db: c.var.db, ctx: c.var.ctx }) }, 200, cacheFor(c.var.ctx)))
  .openapi(members, async (c) =>
    c.json({ members: await listMembers({ db: c.var.db, ctx: c.var.ctx, councilId: c.req.valid("param").councilId }) }, 200, cacheFor(c.var.ctx)),
  )
  .openapi(addMemberRoute, async (c) =>
    c.json(
      await addMember({ db: c.var.db, ctx: c.var.ctx, identity: c.env.IDENTITY, councilId: c.req.valid("param").councilId, input: c.req.valid("json") }),
      201,
    ),
  )
  .openapi(end, async (c) =>
    c.json(await endMandate({ db: c.var.db, ctx: c.var.ctx, memberId: c.req.valid("param").memberId, mandateEnd: c.req.valid("json").mandateEnd }), 200),
  )
  .openapi(rooms, async (c) =>
    c.json({ rooms: await listRooms({ db: c.var.db, ctx: c.var.ctx, councilId: c.req.valid("param").councilId }) }, 200, { "cache-control": "no-store" }),
  )
  .openapi(addRoomRoute, async (c) =>
    c.json(await addRoom({ db: c.var.db, ctx: c.var.ctx, councilId: c.req.valid("param").councilId, input: c.req.valid("json") }), 201),
  );
