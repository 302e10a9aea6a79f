/**
 * The merged OpenAPI 3.1 document: each domain publishes its own (over RPC) with paths relative to
 * itself; the gateway prefixes them with `/api/<domain>` and adds its own endpoints.
 */
import type { OpenApiDocument } from "@communa/core/worker";
import { DOMAINS, domainService, type DomainName } from "./domains.ts";
import type { GatewayEnv } from "./env.ts";
import { gatewayPaths } from "./openapi-gateway.ts";
import { securityOf, securitySchemes } from "./openapi-security.ts";

type Obj = Record<string, unknown>;
let memo: Promise<OpenApiDocument> | null = null;

export function mergedDocument(env: GatewayEnv, baseDomain: string): Promise<OpenApiDocument> {
  // Domain documents only change with a deploy, which starts new isolates.
  memo ??= build(env, baseDomain).catch((err) => {
    memo = null;
    throw err;
  });
  return memo;
}

async function build(env: GatewayEnv, baseDomain: string): Promise<OpenApiDocument> {
  const docs: Partial<Record<DomainName, OpenApiDocument>> = {};
  for (const name of Object.keys(DOMAINS) as DomainName[]) docs[name] = await domainService(env, name)!.openapi();
  return mergeDocuments(docs as Record<DomainName, OpenApiDocument>, baseDomain);
}

/**
 * The merge itself, from each domain's own document: pure, so the site's API types can be generated
 * from the same document without a running platform (scripts/generate-api-types.ts).
 */
export function mergeDocuments(docs: Record<DomainName, OpenApiDocument>, baseDomain: string): OpenApiDocument {
  const paths: Obj = { ...gatewayPaths };
  const schemas: Obj = {};
  const tags: Obj[] = [{ name: "Plateforme", description: "Santé et description de l’API." }];
  for (const [name, { title }] of Object.entries(DOMAINS)) {
    const doc = docs[name as DomainName];
    tags.push({ name: title, description: `Domaine « ${name} » (/api/${name}).` });
    for (const [p, item] of Object.entries(doc.paths ?? {})) {
      const ops = Object.fromEntries(
        Object.entries(item as Obj).map(([method, op]) => [
          method,
          { ...(op as Obj), tags: [title], security: securityOf((op as Obj)["x-communa-requires"], method) },
        ]),
      );
      paths[`/api/${name}${p === "/" ? "" : p}`] = ops;
    }
    Object.assign(schemas, ((doc.components as Obj | undefined)?.schemas as Obj | undefined) ?? {});
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "API Communa",
      version: "1.0.0",
      description:
        "API de la plateforme Communa. Chaque collectivité (EPCI ou commune) est un tenant : adressez-la par son nom d’hôte " +
        `(<slug>.${baseDomain}) ou, en local, par le préfixe /t/<slug>. Les erreurs suivent la RFC 9457 (application/problem+json).`,
      license: { name: "AGPL-3.0-or-later", identifier: "AGPL-3.0-or-later" },
    },
    servers: [
      { url: `https://{tenant}.${baseDomain}`, description: "Production", variables: { tenant: { default: "cclvd" } } },
      { url: "/t/{tenant}", description: "Développement local", variables: { tenant: { default: "cclvd" } } },
    ],
    tags,
    paths,
    components: { schemas, securitySchemes },
  };
}
