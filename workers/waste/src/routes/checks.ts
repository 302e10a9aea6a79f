/** Bin checks (with photos), sorting-quality history and the information letter. */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute, fromParisWallClock, parisYear } from "@communa/core";
import type { WasteBindings } from "../env.ts";
import { attachPhoto, checkPhoto, FINDINGS, GRADES, informationLetter, listChecks, recordCheck, sortingHistory } from "../services/checks.ts";
import { pdfResponse } from "./billing.ts";
import { idempotencyHeader } from "./operations.ts";
import { checkListed, checkOut, json, sortingOut } from "./schemas.ts";

const noStore = { "cache-control": "no-store" };
const since = z.iso.date().optional().openapi({ description: "Depuis cette date (par défaut : 1er janvier de l’an dernier)" });
/** 1 January of last year, 00:00 in Paris (on 1 January at 00:30 in Paris, last year is already the one that just ended). */
export const defaultSince = (at: Date = new Date()) => fromParisWallClock(`${parisYear(at) - 1}-01-01T00:00`);

const record = defineRoute({
  method: "post",
  path: "/checks",
  operationId: "recordWasteCheck",
  summary: "Enregistrer un contrôle de bac (caractérisation)",
  requires: "waste:write",
  request: {
    headers: idempotencyHeader,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              binId: z.uuid(),
              checkedAt: z.iso.datetime({ offset: true }).optional(),
              grade: z.enum(GRADES),
              findings: z
                .array(z.enum(FINDINGS as [string, ...string[]]))
                .max(20)
                .optional(),
              note: z.string().max(2000).optional(),
            })
            .strict(),
        },
      },
    },
  },
  responses: { 201: json("Contrôle", checkOut) },
});
const list = defineRoute({
  method: "get",
  path: "/checks",
  operationId: "listWasteChecks",
  summary: "Contrôles de bacs récents",
  requires: "waste:read",
  request: { query: z.object({ binId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }) },
  responses: { 200: json("Contrôles", z.object({ checks: z.array(checkListed) })) },
});
const upload = defineRoute({
  method: "post",
  path: "/checks/{checkId}/photos",
  operationId: "uploadWasteCheckPhoto",
  summary: "Joindre la photo d’un contrôle (JPEG, PNG ou WebP ; remplace la précédente)",
  requires: "waste:write",
  request: { params: z.object({ checkId: z.uuid() }) },
  responses: { 200: json("Contrôle", checkOut) },
});
const photo = defineRoute({
  method: "get",
  path: "/checks/{checkId}/photo",
  operationId: "wasteCheckPhoto",
  summary: "La photo d’un contrôle",
  requires: "waste:read",
  request: { params: z.object({ checkId: z.uuid() }) },
  responses: { 200: { description: "Image", content: { "image/jpeg": { schema: z.string() } } } },
});
const history = defineRoute({
  method: "get",
  path: "/premises/{premisesId}/sorting",
  operationId: "wasteSortingHistory",
  summary: "Historique de la qualité du tri d’un local (contrôles et caméras)",
  requires: "waste:read",
  request: { params: z.object({ premisesId: z.uuid() }), query: z.object({ depuis: since }) },
  responses: { 200: json("Historique", sortingOut) },
});
const letter = defineRoute({
  method: "get",
  path: "/premises/{premisesId}/letter",
  operationId: "wasteInformationLetter",
  summary: "Lettre d’information sur le tri (PDF à imprimer)",
  requires: "waste:read",
  request: { params: z.object({ premisesId: z.uuid() }), query: z.object({ depuis: since }) },
  responses: { 200: { description: "Lettre", content: { "application/pdf": { schema: z.string() } } } },
});

export const checkRoutes = createRouter<WasteBindings>()
  .openapi(record, async (c) =>
    c.json(await recordCheck({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json"), key: c.req.valid("header")["idempotency-key"] }), 201),
  )
  .openapi(list, async (c) => c.json({ checks: await listChecks({ db: c.var.db, ctx: c.var.ctx, query: c.req.valid("query") }) }, 200, noStore))
  .openapi(upload, async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    return c.json(
      await attachPhoto({
        db: c.var.db,
        ctx: c.var.ctx,
        bucket: c.env.CHECK_PHOTOS,
        checkId: c.req.valid("param").checkId,
        type: c.req.header("content-type") ?? "",
        bytes,
      }),
      200,
    );
  })
  .openapi(photo, async (c) => {
    const obj = await checkPhoto({ db: c.var.db, ctx: c.var.ctx, bucket: c.env.CHECK_PHOTOS, checkId: c.req.valid("param").checkId });
    return new Response(obj.body, {
      headers: { "content-type": obj.httpMetadata?.contentType ?? "application/octet-stream", "cache-control": "private, max-age=3600" },
    }) as never;
  })
  .openapi(history, async (c) =>
    c.json(
      await sortingHistory({ db: c.var.db, ctx: c.var.ctx, premisesId: c.req.valid("param").premisesId, since: c.req.valid("query").depuis ?? defaultSince() }),
      200,
      noStore,
    ),
  )
  .openapi(
    letter,
    async (c) =>
      pdfResponse(
        await informationLetter({
          db: c.var.db,
          ctx: c.var.ctx,
          premisesId: c.req.valid("param").premisesId,
          since: c.req.valid("query").depuis ?? defaultSince(),
        }),
        "lettre-tri.pdf",
      ) as never,
  );
