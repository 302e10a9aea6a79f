/** The gateway's own endpoints, described like the domains' (global: no tenant needed). */
import { z } from "zod";
import { tenantDirectorySchema } from "@communa/contracts/rpc";

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of a contract's zod schema. */
function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "output" }) as Record<string, unknown>;
  return rest;
}

const root = [{ url: "/", description: "Racine de la passerelle (sans collectivité)" }];

export const gatewayPaths = {
  "/api/health": {
    servers: root,
    get: {
      operationId: "health",
      summary: "État de la plateforme",
      description: "Vérifie que la passerelle, les Workers de domaine et la base de données répondent.",
      tags: ["Plateforme"],
      "x-communa-requires": "public",
      security: [],
      responses: {
        "200": {
          description: "Tout répond",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: { status: { type: "string", enum: ["ok"] }, database: { type: "string", enum: ["ok"] } },
                required: ["status", "database"],
              },
            },
          },
        },
        "503": { description: "Un composant ne répond pas", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } },
      },
    },
  },
  "/api/tenants": {
    servers: root,
    get: {
      operationId: "listTenants",
      summary: "Collectivités de la plateforme",
      description:
        "Chaque collectivité (EPCI ou commune : nom, SIREN, code INSEE, EPCI de rattachement) et les communes qu’elles couvrent, " +
        "chacune une fois (population municipale, code postal ; contour GeoJSON si `geometry=true`). Ce que le site lit pour construire ses pages.",
      tags: ["Plateforme"],
      "x-communa-requires": "public",
      security: [],
      parameters: [
        {
          name: "geometry",
          in: "query",
          required: false,
          description: "Inclure les contours des communes",
          schema: { type: "string", enum: ["true", "false"], default: "false" },
        },
      ],
      responses: {
        "200": { description: "Les collectivités et leurs communes", content: { "application/json": { schema: jsonSchemaOf(tenantDirectorySchema) } } },
        "400": { description: "Paramètre invalide", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } },
      },
    },
  },
  "/api/openapi.json": {
    servers: root,
    get: {
      operationId: "openapiDocument",
      summary: "Description OpenAPI 3.1 de toute l’API",
      tags: ["Plateforme"],
      "x-communa-requires": "public",
      security: [],
      responses: { "200": { description: "Le document OpenAPI", content: { "application/json": { schema: { type: "object" } } } } },
    },
  },
  "/api/docs": {
    servers: root,
    get: {
      operationId: "apiReference",
      summary: "Page de référence de l’API",
      tags: ["Plateforme"],
      "x-communa-requires": "public",
      security: [],
      responses: { "200": { description: "Page HTML", content: { "text/html": { schema: { type: "string" } } } } },
    },
  },
};
