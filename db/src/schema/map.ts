/**
 * The `map` domain: layers of the territory map and their features (ADR 0012).
 * Geometry is GeoJSON (WGS84) in jsonb with its bounding box in four columns, so the same code runs
 * on any Postgres (the embedded one has no PostGIS); bbox queries use the btree indexes.
 * Visibility follows the EPCI ↔ commune rule ('shared', ADR 0002): an EPCI's layers show on its
 * communes' maps, a commune's own layers on its map and the EPCI's.
 * Retention: features are public facts about places, kept while their layer exists; personal data
 * (a childminder's name) only with consent, in an agents-only layer.
 */
import { sql } from "drizzle-orm";
import { char, check, doublePrecision, index, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns.ts";

export type FieldType = "text" | "number" | "phone" | "url" | "opening_hours" | "boolean" | "enum";
export interface LayerField {
  key: string;
  label: string;
  type: FieldType;
  required?: boolean;
  /** For `enum`: the allowed values. */
  options?: string[];
  /** For `number`: the unit shown after the value ("places", "km"). */
  unit?: string;
}

export interface LayerStyle {
  color: string;
  /** A name from the site's icon set. */
  icon: string;
}

export const mapLayers = pgTable(
  "map_layers",
  {
    id: id(),
    tenantId: tenantId(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    category: text("category").notNull(),
    /** `features` (points, lines, polygons) or `trails` (hiking trails, computed figures, GPX). */
    kind: text("kind", { enum: ["features", "trails"] })
      .notNull()
      .default("features"),
    style: jsonb("style").$type<LayerStyle>().notNull(),
    visibility: text("visibility", { enum: ["public", "agents"] })
      .notNull()
      .default("public"),
    fields: jsonb("fields").$type<LayerField[]>().notNull().default([]),
    licence: text("licence").notNull().default("Licence Ouverte 2.0"),
    /** The commune the data comes from, when a layer is one commune's. */
    sourceInsee: char("source_insee", { length: 5 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("map_layers_slug_unique").on(t.tenantId, t.slug),
    check("map_layers_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check("map_layers_color_format", sql`${t.style}->>'color' ~ '^#[0-9a-f]{6}$'`),
  ],
);

export const mapFeatures = pgTable(
  "map_features",
  {
    id: id(),
    tenantId: tenantId(),
    layerId: uuid("layer_id")
      .notNull()
      .references(() => mapLayers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    geometry: jsonb("geometry").$type<GeoJSON.Point | GeoJSON.LineString | GeoJSON.MultiLineString | GeoJSON.Polygon | GeoJSON.MultiPolygon>().notNull(),
    geomType: text("geom_type", { enum: ["Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon"] }).notNull(),
    west: doublePrecision("west").notNull(),
    south: doublePrecision("south").notNull(),
    east: doublePrecision("east").notNull(),
    north: doublePrecision("north").notNull(),
    properties: jsonb("properties").$type<Record<string, unknown>>().notNull().default({}),
    address: text("address"),
    /** The commune the feature lies in (computed from the geometry on write). */
    communeInsee: char("commune_insee", { length: 5 }),
    communeName: text("commune_name"),
    /** Trails: figures computed from the geometry, and the walk's details (ADR 0012). */
    trail: jsonb("trail").$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("map_features_layer_idx").on(t.layerId),
    index("map_features_bbox_idx").on(t.west, t.east, t.south, t.north),
    check(
      "map_features_bbox_valid",
      sql`${t.west} >= -180 AND ${t.east} <= 180 AND ${t.south} >= -90 AND ${t.north} <= 90 AND ${t.west} <= ${t.east} AND ${t.south} <= ${t.north}`,
    ),
  ],
);
