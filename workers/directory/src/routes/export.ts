/**
 * Open data: the published directory as CSV or GeoJSON, opening hours kept in OpenStreetMap syntax
 * (so the data can go back to OSM), categories with their schema.org type.
 */
import { z } from "@hono/zod-openapi";
import { PUBLIC, createRouter, defineRoute } from "@communa/core";
import type { DirectoryBindings } from "../env.ts";
import { searchBusinesses } from "../services/businesses.ts";
import { toCsv } from "@communa/core/csv";

const route = defineRoute({
  method: "get",
  path: "/export",
  operationId: "exportDirectory",
  summary: "Exporter l’annuaire publié (CSV ou GeoJSON, horaires au format OpenStreetMap)",
  requires: PUBLIC,
  request: { query: z.object({ format: z.enum(["csv", "geojson"]).default("csv") }) },
  responses: { 200: { description: "Le fichier", content: { "text/csv": { schema: z.string() }, "application/geo+json": { schema: z.string() } } } },
});

export const exportRoutes = createRouter<DirectoryBindings>().openapi(route, async (c) => {
  const { format } = c.req.valid("query");
  // Open data is what the public sees, whoever asks.
  const ctx = { ...c.var.ctx, actor: { kind: "anonymous" as const } };
  const rows = [];
  for (let offset = 0; ; offset += 500) {
    const page = await searchBusinesses({ db: c.var.db, ctx, query: { limit: 500, offset } });
    rows.push(...page);
    if (page.length < 500) break;
  }
  const headers = {
    "cache-control": "public, max-age=300",
    "content-disposition": `attachment; filename="annuaire-${c.var.ctx.tenant.slug}.${format === "csv" ? "csv" : "geojson"}"`,
  };
  if (format === "geojson") {
    const fc = {
      type: "FeatureCollection",
      features: rows.map((b) => ({
        type: "Feature",
        id: b.id,
        geometry: { type: "Point", coordinates: [b.lon, b.lat] },
        properties: {
          nom: b.name,
          siret: b.siret,
          categorie: b.category,
          type_schema_org: b.schemaType,
          adresse: b.address,
          commune: b.commune.name,
          insee: b.commune.insee,
          telephone: b.phone,
          courriel: b.email,
          site: b.website,
          opening_hours: b.openingHours,
          labels: b.labels,
        },
      })),
    };
    return new Response(JSON.stringify(fc), { headers: { ...headers, "content-type": "application/geo+json; charset=utf-8" } }) as never;
  }
  const csv = toCsv(
    ["nom", "siret", "categorie", "type_schema_org", "adresse", "commune", "insee", "lon", "lat", "telephone", "courriel", "site", "opening_hours", "labels"],
    rows.map((b) => ({
      nom: b.name,
      siret: b.siret,
      categorie: b.category,
      type_schema_org: b.schemaType,
      adresse: b.address,
      commune: b.commune.name,
      insee: b.commune.insee,
      lon: b.lon,
      lat: b.lat,
      telephone: b.phone ?? "",
      courriel: b.email ?? "",
      site: b.website ?? "",
      opening_hours: b.openingHours ?? "",
      labels: b.labels.join("|"),
    })),
  );
  return new Response(csv, { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } }) as never;
});
