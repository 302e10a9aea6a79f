/** The gateway's own endpoints, described like the domains' (global: no tenant needed). */
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
