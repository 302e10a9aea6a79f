/**
 * The agent's own safe (staff:self): their documents only — the agent row is found from the
 * signed-in person, never from a parameter — their access journal, the acknowledgement of an
 * arrêté, and the ZIP of everything. Every access is appended to their journal.
 */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { StaffBindings } from "../env.ts";
import { acknowledge, downloadDocument, exportSafe, journalOf, listSafe, viewDocument } from "../services/documents.ts";
import { attachment, depsOf, documentOut, journalOut, noStore, ok, pdfAnswer, safeOut, binary } from "./schemas.ts";

const docParam = z.object({ documentId: z.uuid() });

const mine = defineRoute({
  method: "get",
  path: "/me/documents",
  operationId: "listMySafe",
  summary: "Mon coffre-fort numérique : mes documents (consultation inscrite à mon journal)",
  requires: "staff:self",
  responses: { 200: ok("Coffre", safeOut) },
});
const view = defineRoute({
  method: "get",
  path: "/me/documents/{documentId}",
  operationId: "viewMyDocument",
  summary: "Un document de mon coffre (empreinte SHA-256, versions, notification)",
  requires: "staff:self",
  request: { params: docParam },
  responses: { 200: ok("Document", documentOut) },
});
const file = defineRoute({
  method: "get",
  path: "/me/documents/{documentId}/file",
  operationId: "downloadMyDocument",
  summary: "Télécharger un document de mon coffre (PDF)",
  requires: "staff:self",
  request: { params: docParam },
  responses: { 200: pdfAnswer("PDF") },
});
const ack = defineRoute({
  method: "post",
  path: "/me/documents/{documentId}/acknowledgement",
  operationId: "acknowledgeMyDecree",
  summary: "Prendre connaissance d’un arrêté (la date est enregistrée)",
  requires: "staff:self",
  request: { params: docParam },
  responses: { 200: ok("Arrêté", documentOut) },
});
const journal = defineRoute({
  method: "get",
  path: "/me/journal",
  operationId: "getMyJournal",
  summary: "Le journal des accès à mon coffre (chaîne d’empreintes vérifiée)",
  requires: "staff:self",
  responses: { 200: ok("Journal", journalOut) },
});
const zip = defineRoute({
  method: "get",
  path: "/me/export",
  operationId: "exportMySafe",
  summary: "Tout mon coffre en une archive ZIP : les PDF et un manifeste JSON (formats ouverts)",
  requires: "staff:self",
  responses: { 200: { description: "ZIP", content: { "application/zip": { schema: binary } } } },
});

export const selfRoutes = createRouter<StaffBindings>()
  .openapi(mine, async (c) => c.json(await listSafe(depsOf(c)), 200, noStore))
  .openapi(view, async (c) => c.json(await viewDocument(depsOf(c), c.req.valid("param").documentId), 200, noStore))
  .openapi(file, async (c) => {
    const f = await downloadDocument(depsOf(c), c.req.valid("param").documentId);
    return new Response(f.bytes, { headers: attachment("application/pdf", f.fileName) }) as never;
  })
  .openapi(ack, async (c) => c.json(await acknowledge(depsOf(c), c.req.valid("param").documentId), 200))
  .openapi(journal, async (c) => c.json(await journalOf(c.var.db, c.var.ctx), 200, noStore))
  .openapi(zip, async (c) => {
    const z = await exportSafe(depsOf(c));
    return new Response(z.zip, { headers: attachment("application/zip", z.fileName) }) as never;
  });
