/**
 * The HR service's side of the safe (hr:read / hr:write): the tenant's agents, the month's payroll
 * deposit and its second-person check, single documents and corrections, the paper path of an
 * arrêté, the safe's settings and opposition register, and the tenant key's rotation.
 */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { StaffBindings } from "../env.ts";
import { createAgent, listAgents, oppositionRegister, recordOpposition, saveSettings, updateAgent } from "../services/agents.ts";
import {
  depositDocument,
  depositPayroll,
  downloadDocument,
  getBatch,
  journalOf,
  listBatches,
  listSafe,
  recordPaperNotification,
  validateBatch,
} from "../services/documents.ts";
import { rotateKey } from "../services/keys.ts";
import {
  agentOut,
  attachment,
  batchOut,
  depsOf,
  documentOut,
  documentType,
  isoDay,
  journalOut,
  json,
  month,
  noStore,
  ok,
  pdfAnswer,
  pdfBody,
  pdfOf,
  safeOut,
  text,
} from "./schemas.ts";

const agentParam = z.object({ agentId: z.uuid() });
const agentFields = {
  personId: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .nullable()
    .optional()
    .openapi({ description: "La personne (compte) qui lit ce coffre, choisie dans l’annuaire des personnes" }),
  name: text(200),
  email: z.email().max(200).optional(),
  service: z.string().trim().max(200).optional(),
  position: z.string().trim().max(200).optional(),
  birthYear: z.number().int().min(1900).max(2100).openapi({ description: "Année de naissance seulement (règle des 75 ans)" }),
  departureDate: isoDay.nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9 +().-]{0,30}$/, "Numéro de téléphone professionnel : chiffres, espaces, +, points et tirets")
    .optional(),
};

const createAgentRoute = defineRoute({
  method: "post",
  path: "/agents",
  operationId: "createStaffAgent",
  summary: "Inscrire un agent au coffre-fort numérique (matricule de paie)",
  requires: "hr:write",
  request: {
    body: json(
      z
        .object({
          payrollNumber: z
            .string()
            .trim()
            .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/, "Matricule : lettres, chiffres et tirets (20 au plus)"),
          ...agentFields,
        })
        .strict()
        .openapi("AgentCoffreSaisie"),
    ),
  },
  responses: { 201: ok("Agent inscrit", agentOut) },
});

const updateAgentRoute = defineRoute({
  method: "patch",
  path: "/agents/{agentId}",
  operationId: "updateStaffAgent",
  summary: "Modifier un agent (service, poste, compte, date de départ)",
  requires: "hr:write",
  request: { params: agentParam, body: json(z.object(agentFields).partial().strict()) },
  responses: { 200: ok("Agent", agentOut) },
});

const listAgentsRoute = defineRoute({
  method: "get",
  path: "/agents",
  operationId: "listStaffAgents",
  summary: "Agents de la collectivité inscrits au coffre",
  requires: "hr:read",
  responses: { 200: ok("Agents", z.object({ agents: z.array(agentOut) })) },
});

const agentSafe = defineRoute({
  method: "get",
  path: "/agents/{agentId}/documents",
  operationId: "listStaffAgentDocuments",
  summary: "Documents du coffre d’un agent — consultation inscrite à son journal",
  requires: "hr:read",
  request: { params: agentParam },
  responses: { 200: ok("Coffre", safeOut) },
});

const agentJournal = defineRoute({
  method: "get",
  path: "/agents/{agentId}/journal",
  operationId: "getStaffAgentJournal",
  summary: "Journal des accès au coffre d’un agent (chaîne vérifiée)",
  requires: "hr:read",
  request: { params: agentParam },
  responses: { 200: ok("Journal", journalOut) },
});

const agentFile = defineRoute({
  method: "get",
  path: "/agents/{agentId}/documents/{documentId}/file",
  operationId: "downloadStaffAgentDocument",
  summary: "Télécharger un document du coffre d’un agent — inscrit à son journal",
  requires: "hr:read",
  request: { params: z.object({ agentId: z.uuid(), documentId: z.uuid() }) },
  responses: { 200: pdfAnswer("PDF") },
});

const deposit = defineRoute({
  method: "post",
  path: "/agents/{agentId}/documents",
  operationId: "depositStaffDocument",
  summary: "Déposer un document dans le coffre d’un agent (arrêté, contrat, attestation ; correction d’un bulletin)",
  description: "Le PDF est le corps de la requête. L’agent reçoit un courriel avec un lien, jamais le document.",
  requires: "hr:write",
  request: {
    params: agentParam,
    query: z.object({
      type: documentType,
      title: text(300),
      period: z.union([month, isoDay]).openapi({ description: "Mois du bulletin (AAAA-MM) ou date du document (AAAA-MM-JJ)" }),
      replaces: z.uuid().optional().openapi({ description: "Correction : le document publié que celui-ci remplace (l’ancien est conservé)" }),
    }),
    body: pdfBody,
  },
  responses: { 201: ok("Document déposé", documentOut) },
});

const payroll = defineRoute({
  method: "post",
  path: "/payroll",
  operationId: "depositPayroll",
  summary: "Déposer le PDF de paie du mois : découpé par matricule, en attente du contrôle d’une seconde personne",
  requires: "hr:write",
  request: { query: z.object({ period: month, fileName: z.string().trim().min(1).max(200).default("paie.pdf") }), body: pdfBody },
  responses: { 201: ok("Dépôt et manifeste (attendus, trouvés, inconnus, manquants)", batchOut) },
});

const batchParam = z.object({ batchId: z.uuid() });
const batches = defineRoute({
  method: "get",
  path: "/payroll",
  operationId: "listPayrollDeposits",
  summary: "Dépôts de paie",
  requires: "hr:read",
  responses: { 200: ok("Dépôts", z.object({ batches: z.array(batchOut) })) },
});
const batch = defineRoute({
  method: "get",
  path: "/payroll/{batchId}",
  operationId: "getPayrollDeposit",
  summary: "Un dépôt de paie et son manifeste",
  requires: "hr:read",
  request: { params: batchParam },
  responses: { 200: ok("Dépôt", batchOut) },
});
const validation = defineRoute({
  method: "post",
  path: "/payroll/{batchId}/validation",
  operationId: "validatePayrollDeposit",
  summary: "Contrôler et publier un dépôt de paie (une autre personne que le déposant) ; les agents sont avertis",
  requires: "hr:write",
  request: { params: batchParam },
  responses: { 200: ok("Dépôt publié", batchOut) },
});

const paper = defineRoute({
  method: "post",
  path: "/documents/{documentId}/paper-notification",
  operationId: "recordPaperNotification",
  summary: "Arrêté notifié sur papier (voie de secours) : date de notification, date de prise en compte",
  requires: "hr:write",
  request: { params: z.object({ documentId: z.uuid() }), body: json(z.object({ notifiedOn: isoDay, acknowledgedOn: isoDay.optional() }).strict()) },
  responses: { 200: ok("Arrêté", documentOut) },
});

const settingsOut = z.object({ oppositionEnabled: z.boolean(), rulesSource: z.string(), rulesSince: z.string().nullable() }).openapi("ReglagesCoffre");
const settings = defineRoute({
  method: "put",
  path: "/settings",
  operationId: "saveStaffSettings",
  summary: "Règles du coffre : registre d’opposition (D3243-7) et texte appliqué (décret 2022-1446 à vérifier)",
  requires: "hr:write",
  request: { body: json(z.object({ oppositionEnabled: z.boolean(), rulesSource: z.string().trim().max(500), rulesSince: isoDay.nullable() }).strict()) },
  responses: { 200: ok("Règles", settingsOut) },
});

const oppositionOut = z.object({
  id: z.string(),
  agentId: z.string(),
  kind: z.enum(["notice", "opposition", "withdrawal"]),
  on: z.string(),
  effectiveFrom: z.string(),
  source: z.string(),
});
const register = defineRoute({
  method: "get",
  path: "/oppositions",
  operationId: "getOppositionRegister",
  summary: "Registre des informations préalables et des oppositions au bulletin électronique",
  requires: "hr:read",
  responses: { 200: ok("Registre", z.object({ settings: settingsOut, entries: z.array(oppositionOut) })) },
});
const opposition = defineRoute({
  method: "post",
  path: "/agents/{agentId}/oppositions",
  operationId: "recordOpposition",
  summary: "Inscrire au registre : information préalable (un mois avant), opposition (papier sous trois mois au plus) ou retrait",
  requires: "hr:write",
  request: { params: agentParam, body: json(z.object({ kind: z.enum(["notice", "opposition", "withdrawal"]), on: isoDay }).strict()) },
  responses: { 201: ok("Inscrit", oppositionOut) },
});

const rotation = defineRoute({
  method: "post",
  path: "/keys/rotation",
  operationId: "rotateStaffKey",
  summary: "Renouveler la clé du coffre de la collectivité (les clés des documents sont re-chiffrées, pas les documents)",
  requires: "hr:write",
  responses: { 200: ok("Nouvelle clé", z.object({ version: z.number().int(), rewrapped: z.number().int() })) },
});

export const hrRoutes = createRouter<StaffBindings>()
  .openapi(createAgentRoute, async (c) => c.json(await createAgent(c.var.db, c.var.ctx, c.req.valid("json")), 201))
  .openapi(updateAgentRoute, async (c) => c.json(await updateAgent(c.var.db, c.var.ctx, c.req.valid("param").agentId, c.req.valid("json"), c.env), 200))
  .openapi(listAgentsRoute, async (c) => c.json({ agents: await listAgents(c.var.db, c.var.ctx) }, 200, noStore))
  .openapi(agentSafe, async (c) => c.json(await listSafe(depsOf(c), c.req.valid("param").agentId), 200, noStore))
  .openapi(agentJournal, async (c) => c.json(await journalOf(c.var.db, c.var.ctx, c.req.valid("param").agentId), 200, noStore))
  .openapi(agentFile, async (c) => {
    const { agentId, documentId } = c.req.valid("param");
    const f = await downloadDocument(depsOf(c), documentId, agentId);
    return new Response(f.bytes, { headers: attachment("application/pdf", f.fileName) }) as never;
  })
  .openapi(deposit, async (c) => c.json(await depositDocument(depsOf(c), c.req.valid("param").agentId, c.req.valid("query"), await pdfOf(c)), 201))
  .openapi(payroll, async (c) => c.json(await depositPayroll(depsOf(c), { ...c.req.valid("query"), pdf: await pdfOf(c) }), 201))
  .openapi(batches, async (c) => c.json({ batches: await listBatches(c.var.db, c.var.ctx) }, 200, noStore))
  .openapi(batch, async (c) => c.json(await getBatch(c.var.db, c.var.ctx, c.req.valid("param").batchId), 200, noStore))
  .openapi(validation, async (c) => c.json(await validateBatch(depsOf(c), c.req.valid("param").batchId), 200))
  .openapi(paper, async (c) => c.json(await recordPaperNotification(depsOf(c), c.req.valid("param").documentId, c.req.valid("json")), 200))
  .openapi(settings, async (c) => c.json(await saveSettings(c.var.db, c.var.ctx, c.req.valid("json")), 200))
  .openapi(register, async (c) => c.json(await oppositionRegister(c.var.db, c.var.ctx), 200, noStore))
  .openapi(opposition, async (c) => c.json(await recordOpposition(c.var.db, c.var.ctx, c.req.valid("param").agentId, c.req.valid("json")), 201))
  .openapi(rotation, async (c) => c.json(await rotateKey(depsOf(c)), 200));
