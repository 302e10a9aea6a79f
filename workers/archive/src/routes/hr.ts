/**
 * HR agent files: a typed deposit profile (career decisions, contracts, training certificates)
 * under the regulatory rule APP-RH-DOSSIER (kept until the agent's 90th birthday, or 5 years after
 * death), for HR agents and archivists only.
 */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute, notFound } from "@communa/core";
import type { ArchiveBindings } from "../env.ts";
import { HR_DOCUMENT_TYPES, depositReceipt, openDeposit, sealDeposit, uploadFile } from "../services/deposits.ts";
import { consultUnit, searchUnits } from "../services/units.ts";
import { m } from "../messages.fr.ts";
import { fileInput } from "./deposits.ts";
import { depsOf } from "./deps.ts";
import type { ArchiveDeps } from "../services/context.ts";

const any = z.record(z.string(), z.any());
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Date AAAA-MM-JJ attendue");

export const HR_RULE = "APP-RH-DOSSIER";

const hrInput = z
  .object({
    agent: z.object({ name: z.string().min(2).max(200), birthDate: date, deathDate: date.optional() }).strict(),
    documentType: z
      .enum(HR_DOCUMENT_TYPES)
      .openapi({ description: "career_decision (décision de carrière), contract (contrat), training_certificate (attestation de formation)" }),
    title: z.string().min(2).max(500),
    date: date.openapi({ description: "Date de la pièce" }),
    originatingAgency: z.string().min(2).max(200).default("Ressources humaines"),
    accessRule: z.string().min(2).max(40).default("ACC-50").openapi({ description: "Communicabilité : 50 ans par défaut (vie privée)" }),
    files: z.array(fileInput).min(1).max(50),
  })
  .strict()
  .openapi("PieceDossierAgent");

const ids = z.object({ depositId: z.uuid() });

const open = defineRoute({
  method: "post",
  path: "/hr/files",
  operationId: "openHrDeposit",
  summary: "Verser une pièce au dossier d’un agent (profil « dossier d’agent »)",
  description: "DUA réglementaire : jusqu’aux 90 ans de l’agent, ou 5 ans après son décès.",
  requires: "hr:write",
  request: { body: { required: true, content: { "application/json": { schema: hrInput } } } },
  responses: { 201: { description: "Versement ouvert", content: { "application/json": { schema: any } } } },
});

const upload = defineRoute({
  method: "put",
  path: "/hr/deposits/{depositId}/files/{objectId}",
  operationId: "uploadHrFile",
  summary: "Envoyer un fichier d’une pièce de dossier d’agent",
  requires: "hr:write",
  request: {
    params: z.object({ depositId: z.uuid(), objectId: z.uuid() }),
    body: { required: true, content: { "application/octet-stream": { schema: z.any().openapi({ type: "string", format: "binary" }) } } },
  },
  responses: { 200: { description: "Fichier reçu", content: { "application/json": { schema: any } } } },
});

const sealRoute = defineRoute({
  method: "post",
  path: "/hr/deposits/{depositId}/seal",
  operationId: "sealHrDeposit",
  summary: "Sceller le versement d’une pièce de dossier d’agent",
  requires: "hr:write",
  request: { params: ids },
  responses: { 200: { description: "Versement accepté", content: { "application/json": { schema: any } } } },
});

const list = defineRoute({
  method: "get",
  path: "/hr/files",
  operationId: "listHrFiles",
  summary: "Pièces archivées des dossiers d’agents",
  requires: "hr:read",
  request: {
    query: z.object({
      agent: z.string().max(200).optional(),
      q: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: { 200: { description: "Pièces", content: { "application/json": { schema: z.object({ units: z.array(any) }) } } } },
});

const one = defineRoute({
  method: "get",
  path: "/hr/files/{unitId}",
  operationId: "consultHrFile",
  summary: "Consulter une pièce de dossier d’agent — consultation journalisée",
  requires: "hr:read",
  request: { params: z.object({ unitId: z.uuid() }) },
  responses: { 200: { description: "Pièce", content: { "application/json": { schema: any } } } },
});

/** HR routes reach HR deposits only. */
async function hrDeposit(deps: ArchiveDeps, depositId: string) {
  const r = await depositReceipt(deps, depositId);
  if (!r.units.every((u) => u.profile === "hr_agent")) throw notFound(m.depositNotFound);
  return r;
}

export const hrRoutes = createRouter<ArchiveBindings>()
  .openapi(open, async (c) => {
    const deps = depsOf(c);
    const b = c.req.valid("json");
    const opened = await openDeposit(deps, {
      transferringAgency: b.originatingAgency,
      source: "api",
      units: [
        {
          title: b.title,
          originatingAgency: b.originatingAgency,
          startDate: b.date,
          endDate: b.date,
          keywords: ["dossier d’agent", b.agent.name],
          appraisalRule: HR_RULE,
          accessRule: b.accessRule,
          ruleStartDate: b.date,
          hr: { documentType: b.documentType, agentName: b.agent.name, birthDate: b.agent.birthDate, deathDate: b.agent.deathDate ?? null },
          files: b.files,
        },
      ],
    });
    const r = await depositReceipt(deps, opened.deposit.id);
    return c.json(
      {
        ...r,
        uploads: r.units.flatMap((u) =>
          u.objects.map((o) => ({ objectId: o.id, fileName: o.fileName, path: `/api/archive/hr/deposits/${r.id}/files/${o.id}` })),
        ),
      },
      201,
    );
  })
  .openapi(upload, async (c) => {
    const { depositId, objectId } = c.req.valid("param");
    const deps = depsOf(c);
    await hrDeposit(deps, depositId);
    const o = await uploadFile(deps, depositId, objectId, c.req.raw.body);
    return c.json({ id: o.id, fileName: o.fileName, size: o.size, sha512: o.sha512, mimeType: o.mimeType, puid: o.puid }, 200);
  })
  .openapi(sealRoute, async (c) => {
    const deps = depsOf(c);
    const { depositId } = c.req.valid("param");
    await hrDeposit(deps, depositId);
    return c.json(await sealDeposit(deps, depositId), 200);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid("query");
    return c.json({ units: await searchUnits(depsOf(c), { q: q.q, agent: q.agent, profile: "hr_agent", limit: q.limit, offset: q.offset }) }, 200, {
      "cache-control": "private, no-store",
    });
  })
  .openapi(one, async (c) => c.json(await consultUnit(depsOf(c), c.req.valid("param").unitId, "hr_agent"), 200, { "cache-control": "private, no-store" }));
