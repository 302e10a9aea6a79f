import { z } from "@hono/zod-openapi";
import { AppError, createRouter, defineRoute, parisDay } from "@communa/core";
import type { EconomyBindings } from "../env.ts";
import { importSirene } from "../services/sirene.ts";
import { SIRENE_OPTIONAL, SIRENE_REQUIRED } from "../services/sirene-core.ts";
import { s } from "../messages.fr.ts";
import { isoDay, noStore, ok } from "./schemas.ts";

/** The gateway holds import bodies to 20 MB; the Worker checks again (a service binding has no limit). */
export const SIRENE_MAX_BYTES = 20 * 1024 * 1024;

const change = z.object({ field: z.enum(["naf", "band", "state"]), from: z.string(), to: z.string() });
const report = z
  .object({
    dryRun: z.boolean(),
    full: z.boolean(),
    on: z.string(),
    counts: z.object({
      rows: z.number().int(),
      matched: z.number().int(),
      ignored: z.number().int(),
      withoutPosition: z.number().int(),
      new: z.number().int(),
      closed: z.number().int(),
      nafChanged: z.number().int(),
      bandChanged: z.number().int(),
      reopened: z.number().int(),
      unchanged: z.number().int(),
    }),
    rows: z.array(
      z.object({
        line: z.number().int().nullable(),
        siret: z.string(),
        name: z.string(),
        zone: z.string().nullable(),
        kind: z.enum(["new", "closed", "changed", "unchanged"]),
        changes: z.array(change),
        units: z.array(z.string()),
        note: z.string().nullable(),
      }),
    ),
  })
  .openapi("RapportImportSirene");

const flag = z.enum(["true", "false"]).default("false");

const sirene = defineRoute({
  method: "post",
  path: "/imports/sirene",
  operationId: "importSireneEstablishments",
  summary:
    "Importer les établissements SIRENE des zones (extrait mensuel du stock des établissements, CSV) : nouveaux, fermés, changements de NAF ou de tranche",
  description: [
    "Colonnes lues (noms INSEE) : ",
    SIRENE_REQUIRED.join(", "),
    " ; facultatives : ",
    SIRENE_OPTIONAL.join(", "),
    ". Les lignes dont le point (Lambert-93) tombe dans le périmètre d’une zone sont comparées aux établissements enregistrés ; les autres sont ignorées. ",
    "`dryRun=true` rend le rapport sans rien écrire ; sinon tout est écrit en une transaction. Tout ou rien : une ligne invalide refuse le fichier et la réponse liste les lignes en cause. ",
    "`full=true` : l’extrait est complet, un établissement enregistré qui n’y figure pas est fermé à la date `on`. Fichier de 20 Mo au plus.",
  ].join(""),
  requires: "economy:write",
  request: {
    query: z.object({ dryRun: flag, full: flag, on: isoDay.optional().openapi({ description: "Date de l’extrait (par défaut aujourd’hui)" }) }),
    body: { required: true, content: { "text/csv": { schema: z.string() } } },
  },
  responses: { 200: ok("Rapport de l’import (ou de la vérification)", report) },
});

export const importRoutes = createRouter<EconomyBindings>().openapi(sirene, async (c) => {
  const q = c.req.valid("query");
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > SIRENE_MAX_BYTES) throw new AppError("payloadTooLarge", s.tooLarge(20));
  const text = await c.req.text();
  if (text.length > SIRENE_MAX_BYTES) throw new AppError("payloadTooLarge", s.tooLarge(20));
  const out = await importSirene({ db: c.var.db, ctx: c.var.ctx, text, dryRun: q.dryRun === "true", full: q.full === "true", on: q.on ?? parisDay() });
  return c.json(out, 200, noStore);
});
