/**
 * The display board (ADR 0046): read by kiosks and station screens (public: what they show is the
 * collectivité's public information), edited by the France services agents. The live socket
 * (`/signage/live`) is served by the Worker's `fetch`, not here (see index.ts).
 */
import { z } from "@hono/zod-openapi";
import { PUBLIC, createRouter, defineRoute } from "@communa/core";
import { boardSchema } from "@communa/contracts/signage";
import type { DevicesBindings } from "../env.ts";
import { readBoard, saveBoard } from "../services/signage.ts";

const published = boardSchema.extend({ version: z.number().int(), updatedAt: z.string().nullable() }).openapi("TableauAffichage");

const read = defineRoute({
  method: "get",
  path: "/signage",
  operationId: "signageBoard",
  tags: ["Équipements"],
  summary: "Affichage des bornes et de l’écran d’accueil",
  description:
    "Liens des services publics proposés par les bornes, panneaux de l’écran (services et horaires, permanences, annonces eau et déchets datées). `version` croît à chaque modification.",
  requires: PUBLIC,
  responses: { 200: { description: "Affichage", content: { "application/json": { schema: published } } } },
});

const save = defineRoute({
  method: "put",
  path: "/signage",
  operationId: "saveSignageBoard",
  tags: ["Équipements"],
  summary: "Modifier l’affichage (bornes et écran)",
  description: "Nouvelle version ; les écrans connectés sont prévenus aussitôt par leur connexion en direct.",
  requires: "france-services:write",
  request: { body: { required: true, content: { "application/json": { schema: boardSchema } } } },
  responses: { 200: { description: "Enregistré", content: { "application/json": { schema: published } } } },
});

export const signageRoutes = createRouter<DevicesBindings>()
  .openapi(read, async (c) => c.json(await readBoard({ db: c.var.db, ctx: c.var.ctx }), 200, { "cache-control": "no-store" }))
  .openapi(save, async (c) =>
    c.json(await saveBoard({ db: c.var.db, env: c.env, ctx: c.var.ctx, board: c.req.valid("json") }), 200, { "cache-control": "no-store" }),
  );
