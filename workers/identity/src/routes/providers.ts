import { z } from "@hono/zod-openapi";
import { SecretBox, createRouter, defineRoute, httpUrl } from "@communa/core";
import type { IdentityBindings } from "../env.ts";
import { createProvider, deleteProvider, listProviders, updateProvider } from "../services/providers.ts";
import { fieldText } from "../messages.fr.ts";

const slug = z
  .string()
  .min(2)
  .max(30)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const scopes = z
  .string()
  .min(6)
  .max(300)
  .regex(/^[A-Za-z0-9_:.-]+( [A-Za-z0-9_:.-]+)*$/);
const audience = z.enum(["agents", "residents"]);
const firstSignIn = z.enum(["match-email", "create-resident"]);

const providerSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    label: z.string(),
    kind: z.enum(["proconnect", "franceconnect", "oidc"]),
    audience,
    issuer: z.string(),
    clientId: z.string(),
    scopes: z.string(),
    acrValues: z.string().nullable(),
    firstSignIn,
    enabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("FournisseurIdentite");

const createBody = z
  .object({
    slug,
    label: z.string().min(2).max(60),
    kind: z.enum(["proconnect", "franceconnect", "oidc"]),
    issuer: httpUrl({ message: fieldText.issuer }),
    clientId: z.string().min(1).max(200),
    clientSecret: z.string().min(8).max(500),
    scopes: scopes.optional(),
    acrValues: z.string().max(100).nullable().optional(),
    audience: audience.optional(),
    firstSignIn: firstSignIn.optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .openapi("FournisseurIdentiteSaisie");

const patchBody = createBody.omit({ slug: true, kind: true }).partial().strict().openapi("FournisseurIdentiteModification");

const list = defineRoute({
  method: "get",
  path: "/identity-providers",
  operationId: "listIdentityProviders",
  summary: "Fournisseurs d’identité de la collectivité",
  requires: "identity:admin",
  responses: {
    200: { description: "Fournisseurs (sans secret)", content: { "application/json": { schema: z.object({ providers: z.array(providerSchema) }) } } },
  },
});

const confirmQuery = z.object({
  confirmer: z.enum(["dernier-fournisseur"]).optional().openapi({
    description: "Confirme le retrait ou la désactivation du dernier fournisseur actif de son public (ses membres ne pourront plus se connecter par lui).",
  }),
});

const create = defineRoute({
  method: "post",
  path: "/identity-providers",
  operationId: "createIdentityProvider",
  summary: "Déclarer un fournisseur d’identité (ProConnect, FranceConnect, OpenID Connect)",
  description: "Les portées et le niveau eIDAS par défaut dépendent du type. Le secret client est scellé et n’est plus jamais renvoyé.",
  requires: "identity:admin",
  request: { body: { required: true, content: { "application/json": { schema: createBody } } } },
  responses: { 201: { description: "Fournisseur déclaré", content: { "application/json": { schema: providerSchema } } } },
});

const patch = defineRoute({
  method: "patch",
  path: "/identity-providers/{slug}",
  operationId: "updateIdentityProvider",
  summary: "Modifier un fournisseur d’identité (dont remplacer son secret, l’activer ou le désactiver)",
  description:
    "Désactiver le dernier fournisseur actif d’un public (agents et élus, ou habitants), ou le faire passer à l’autre public, " +
    "demande la confirmation explicite `?confirmer=dernier-fournisseur` (sinon 409), comme son retrait.",
  requires: "identity:admin",
  request: { params: z.object({ slug }), query: confirmQuery, body: { required: true, content: { "application/json": { schema: patchBody } } } },
  responses: { 200: { description: "Fournisseur modifié", content: { "application/json": { schema: providerSchema } } } },
});

const remove = defineRoute({
  method: "delete",
  path: "/identity-providers/{slug}",
  operationId: "deleteIdentityProvider",
  summary: "Retirer un fournisseur d’identité",
  description:
    "Les liens des personnes avec ce fournisseur sont effacés ; les sessions ouvertes avec lui restent jusqu’à leur fin. " +
    "Le dernier fournisseur actif d’un public (agents et élus, ou habitants) n’est retiré que sur confirmation explicite, " +
    "`?confirmer=dernier-fournisseur` : sans elle, la réponse est un 409 qui explique que ce public ne pourrait plus se connecter. " +
    "Le retrait confirmé est journalisé comme tel.",
  requires: "identity:admin",
  request: {
    params: z.object({ slug }),
    query: confirmQuery,
  },
  responses: { 204: { description: "Fournisseur retiré" } },
});

const box = (env: IdentityBindings) => new SecretBox(env.IDENTITY_SECRETS_KEY);

export const providerRoutes = createRouter<IdentityBindings>()
  .openapi(list, async (c) => c.json({ providers: await listProviders({ db: c.var.db, ctx: c.var.ctx }) }, 200, { "cache-control": "no-store" }))
  .openapi(create, async (c) => c.json(await createProvider({ db: c.var.db, ctx: c.var.ctx, box: box(c.env), input: c.req.valid("json") }), 201))
  .openapi(patch, async (c) =>
    c.json(
      await updateProvider({
        db: c.var.db,
        ctx: c.var.ctx,
        box: box(c.env),
        slug: c.req.valid("param").slug,
        changes: c.req.valid("json"),
        confirmLast: c.req.valid("query").confirmer === "dernier-fournisseur",
      }),
      200,
    ),
  )
  .openapi(remove, async (c) => {
    await deleteProvider({
      db: c.var.db,
      ctx: c.var.ctx,
      slug: c.req.valid("param").slug,
      confirmLast: c.req.valid("query").confirmer === "dernier-fournisseur",
    });
    return c.body(null, 204) as never;
  });
