/**
 * "Quand passe la collecte chez moi ?" (tenant homes): the streets the waste rounds of a commune
 * serve (for the street field's suggestions: one small list per commune, filtered on the phone), and
 * the collection days of one street, per stream. Public, cached like the other public map reads.
 */
import { PUBLIC, createRouter, defineRoute } from "@communa/core";
import { collectionDays, collectionDaysQuery, collectionStreets, collectionStreetsQuery } from "@communa/contracts/map";
import type { MapBindings } from "../env.ts";
import { collectionAnswer, communeRounds, streetList } from "../services/collection.ts";
import { cacheFor } from "./http.ts";

const streets = defineRoute({
  method: "get",
  path: "/collection-days/streets",
  operationId: "collectionStreets",
  summary: "Rues desservies par les tournées de collecte d’une commune",
  description: "Lues dans la couche « tournees-collecte » visible de la collectivité (celle de l’EPCI, qui porte la compétence déchets).",
  requires: PUBLIC,
  request: { query: collectionStreetsQuery },
  responses: { 200: { description: "Rues, dans l’ordre alphabétique", content: { "application/json": { schema: collectionStreets } } } },
});

const days = defineRoute({
  method: "get",
  path: "/collection-days",
  operationId: "collectionDays",
  summary: "Jours de collecte d’une rue, par flux (ordures ménagères, emballages…)",
  description:
    "La rue est reconnue sans tenir compte des accents, de la casse ni des abréviations usuelles (« r. », « av. »). Rue inconnue : `street` vaut null et `suggestions` propose des rues proches.",
  requires: PUBLIC,
  request: { query: collectionDaysQuery },
  responses: { 200: { description: "Jours de collecte", content: { "application/json": { schema: collectionDays } } } },
});

export const collectionRoutes = createRouter<MapBindings>()
  .openapi(streets, async (c) => {
    const { commune } = c.req.valid("query");
    const { rounds } = await communeRounds(c.var.db, c.var.ctx, commune);
    return c.json({ commune, streets: streetList(rounds) }, 200, cacheFor(c.var.ctx));
  })
  .openapi(days, async (c) => {
    const { commune, street } = c.req.valid("query");
    const { rounds, streams } = await communeRounds(c.var.db, c.var.ctx, commune);
    return c.json(collectionAnswer(commune, street, rounds, streams), 200, cacheFor(c.var.ctx));
  });
