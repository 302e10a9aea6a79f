/** Search, consultation, communication (zip with SEDA manifest), SEDA import, integrity audits. */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { ArchiveBindings } from "../env.ts";
import { consultUnit, exportUnits, readObject, searchUnits } from "../services/units.ts";
import { importSeda } from "../services/seda-import.ts";
import { auditTenant, auditUnit, yearlyReport } from "../services/audit.ts";
import { renderPdf } from "../services/pdf.ts";
import { depsOf } from "./deps.ts";
import { fromHex, toBase64 } from "@communa/core/bytes";
import { frenchDateTime } from "@communa/core/time";

const any = z.record(z.string(), z.any());
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const unitParam = z.object({ unitId: z.uuid() });

/** A unit as the search lists it (services/units.ts): a unit not yet communicable without its description. */
const listedUnit = z
  .object({
    id: z.string(),
    reference: z.string(),
    title: z.string(),
    originatingAgency: z.string(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    keywords: z.array(z.string()),
    profile: z.string(),
    status: z.string(),
    statusLabel: z.string(),
    communicableFrom: z.string(),
    communicable: z.boolean(),
    description: z.string().nullable(),
  })
  .openapi("UniteListee");

const search = defineRoute({
  method: "get",
  path: "/units",
  operationId: "searchArchiveUnits",
  summary: "Rechercher des unités d’archives (texte intégral, dates, service producteur, mot-clé)",
  description:
    "Une unité pas encore communicable est listée (titre) mais ne s’ouvre qu’avec le droit archives:restricted. Les dossiers d’agents n’apparaissent qu’aux ressources humaines et aux archivistes.",
  requires: "archives:read",
  request: {
    query: z.object({
      q: z.string().max(200).optional(),
      service: z.string().max(200).optional(),
      motcle: z.string().max(100).optional(),
      du: date.optional(),
      au: date.optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).max(100_000).default(0),
    }),
  },
  responses: { 200: { description: "Unités", content: { "application/json": { schema: z.object({ units: z.array(listedUnit) }) } } } },
});

const one = defineRoute({
  method: "get",
  path: "/units/{unitId}",
  operationId: "consultArchiveUnit",
  summary: "Consulter une unité (notice, règles, fichiers et empreintes) — consultation journalisée",
  requires: "archives:read",
  request: { params: unitParam },
  responses: { 200: { description: "Unité", content: { "application/json": { schema: any } } } },
});

const file = defineRoute({
  method: "get",
  path: "/units/{unitId}/objects/{objectId}",
  operationId: "downloadArchiveObject",
  summary: "Télécharger un fichier d’une unité — consultation journalisée",
  description:
    "Le contenu est vérifié contre l’empreinte SHA-512 scellée à son versement (entrée signée du journal) avant d’être servi : un fichier altéré n’est pas communiqué (409), un contenu absent donne 404 ; l’anomalie est enregistrée au journal scellé.",
  requires: "archives:read",
  request: { params: z.object({ unitId: z.uuid(), objectId: z.uuid() }) },
  responses: { 200: { description: "Le fichier", content: { "application/octet-stream": { schema: z.any().openapi({ type: "string", format: "binary" }) } } } },
});

const exportOne = defineRoute({
  method: "get",
  path: "/units/{unitId}/export",
  operationId: "exportArchiveUnit",
  summary: "Paquet de communication : zip avec bordereau SEDA 2.3 (ArchiveTransfer) et fichiers",
  requires: "archives:read",
  request: { params: unitParam },
  responses: { 200: { description: "Zip", content: { "application/zip": { schema: z.any().openapi({ type: "string", format: "binary" }) } } } },
});

const exportMany = defineRoute({
  method: "post",
  path: "/export",
  operationId: "exportArchiveUnits",
  summary: "Paquet SEDA 2.3 de plusieurs unités (zip)",
  requires: "archives:read",
  request: { body: { required: true, content: { "application/json": { schema: z.object({ unitIds: z.array(z.uuid()).min(1).max(100) }).strict() } } } },
  responses: { 200: { description: "Zip", content: { "application/zip": { schema: z.any().openapi({ type: "string", format: "binary" }) } } } },
});

const importRoute = defineRoute({
  method: "post",
  path: "/import",
  operationId: "importSeda",
  summary: "Importer un transfert SEDA 2.3 (zip : bordereau + fichiers)",
  description:
    "Bordereau (manifest.xml, ou l’unique fichier XML à la racine) validé contre le schéma SEDA 2.3 ; empreintes déclarées (SHA-512 ou SHA-256) et tailles vérifiées ; rien n’est conservé si une vérification échoue. Paquet de 20 Mio au plus : au-delà, annoncer le versement et envoyer les fichiers un par un.",
  requires: "archives:write",
  request: { body: { required: true, content: { "application/zip": { schema: z.any().openapi({ type: "string", format: "binary" }) } } } },
  responses: { 201: { description: "Versement accepté", content: { "application/json": { schema: any } } } },
});

const auditOne = defineRoute({
  method: "post",
  path: "/units/{unitId}/audit",
  operationId: "auditArchiveUnit",
  summary: "Contrôle d’intégrité d’une unité (relecture, empreintes, chaîne du journal)",
  requires: "archives:write",
  request: { params: unitParam },
  responses: { 200: { description: "Rapport", content: { "application/json": { schema: any } } } },
});

const auditAll = defineRoute({
  method: "post",
  path: "/audits",
  operationId: "auditArchive",
  summary: "Contrôle d’intégrité de tout le fonds (comme le contrôle quotidien)",
  requires: "archives:dispose",
  responses: { 200: { description: "Rapport", content: { "application/json": { schema: any } } } },
});

const yearly = defineRoute({
  method: "get",
  path: "/audits/yearly",
  operationId: "yearlyIntegrityReport",
  summary: "Rapport annuel d’intégrité (JSON ; PDF avec ?format=pdf)",
  requires: "archives:read",
  request: { query: z.object({ annee: z.coerce.number().int().min(2020).max(2200), format: z.enum(["json", "pdf"]).default("json") }) },
  responses: {
    200: {
      description: "Rapport",
      content: { "application/json": { schema: any }, "application/pdf": { schema: z.any().openapi({ type: "string", format: "binary" }) } },
    },
  },
});

const zipResponse = (r: { stream: ReadableStream<Uint8Array>; name: string }) =>
  new Response(r.stream, {
    headers: { "content-type": "application/zip", "content-disposition": `attachment; filename="${r.name}"`, "cache-control": "private, no-store" },
  }) as never;

export const unitRoutes = createRouter<ArchiveBindings>()
  .openapi(search, async (c) => {
    const q = c.req.valid("query");
    const units = await searchUnits(depsOf(c), { q: q.q, agency: q.service, keyword: q.motcle, from: q.du, to: q.au, limit: q.limit, offset: q.offset });
    return c.json({ units }, 200, { "cache-control": "private, no-store" });
  })
  .openapi(one, async (c) => c.json(await consultUnit(depsOf(c), c.req.valid("param").unitId), 200, { "cache-control": "private, no-store" }))
  .openapi(file, async (c) => {
    const { unitId, objectId } = c.req.valid("param");
    const { object, body, size } = await readObject(depsOf(c), unitId, objectId);
    return new Response(body, {
      headers: {
        "content-type": object.mimeType ?? "application/octet-stream",
        "content-length": String(size),
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(object.fileName)}`,
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
        digest: `sha-512=${toBase64(fromHex(object.sha512!))}`,
      },
    }) as never;
  })
  .openapi(exportOne, async (c) => zipResponse(await exportUnits(depsOf(c), [c.req.valid("param").unitId])))
  .openapi(exportMany, async (c) => zipResponse(await exportUnits(depsOf(c), c.req.valid("json").unitIds)))
  .openapi(importRoute, async (c) => c.json(await importSeda(depsOf(c), new Uint8Array(await c.req.arrayBuffer())), 201))
  .openapi(auditOne, async (c) => c.json(await auditUnit(depsOf(c), c.req.valid("param").unitId), 200))
  .openapi(auditAll, async (c) => c.json(await auditTenant(depsOf(c)), 200))
  .openapi(yearly, async (c) => {
    const { annee, format } = c.req.valid("query");
    const r = await yearlyReport(depsOf(c), annee);
    if (format === "json") return c.json(r, 200, { "cache-control": "no-store" });
    const pdf = await renderPdf(
      `Rapport annuel d’intégrité ${annee}`,
      `${r.tenant} — établi le ${frenchDateTime(r.generatedAt)}`,
      [
        {
          heading: "Contrôles",
          lines: [
            `${r.audits} contrôles d’intégrité, ${r.objectsChecked} relectures d’objets.`,
            `${r.auditsWithFailures} contrôle(s) ayant relevé une anomalie.`,
          ],
        },
        ...r.failures.map((f) => ({
          heading: `Contrôle du ${frenchDateTime(f.at)}`,
          lines: [`${f.objectsFailed} objet(s) en défaut ; chaîne du journal : ${f.chainOk ? "intègre" : "rompue"}.`],
        })),
        {
          heading: "Journal scellé à ce jour",
          lines: [
            r.journal.ok
              ? `Chaîne intègre : ${r.journal.checked} entrées vérifiées.`
              : `Chaîne rompue à l’entrée n° ${r.journal.firstBroken?.seq} (${r.journal.firstBroken?.reason}).`,
          ],
        },
      ],
      { subject: "Rapport annuel d’intégrité des archives", keywords: [String(annee), "intégrité", "NF Z42-013"] },
    );
    return new Response(pdf, {
      headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="integrite-${annee}.pdf"` },
    }) as never;
  });
