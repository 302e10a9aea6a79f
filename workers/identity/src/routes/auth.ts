import { z } from "@hono/zod-openapi";
import {
  AUTHENTICATED,
  LINK_COOKIE,
  afterResponse,
  OIDC_COOKIE,
  PUBLIC,
  SESSION_COOKIE,
  SecretBox,
  createRouter,
  csrfToken,
  defineRoute,
  hostCookie,
  readCookie,
} from "@communa/core";
import type { IdentityBindings } from "../env.ts";
import { ABSOLUTE_HOURS, LINK_MINUTES, consumeMagicLink, listOwnSessions, requestMagicLink, revokeOwnSession } from "../services/sessions.ts";
import { randomToken } from "../services/tokens.ts";
import { publicProviders } from "../services/providers.ts";
import { PENDING_MINUTES, SignInError, beginSignIn, completeSignIn, endSessionAddress } from "../services/oidc.ts";
import { whoIs } from "../services/members.ts";
import { mailText } from "../messages.fr.ts";

const sessionSchema = z
  .object({
    id: z.string(),
    method: z.string(),
    provider: z.string().nullable(),
    userAgent: z.string().nullable(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    current: z.boolean(),
  })
  .openapi("Session");

const askLink = defineRoute({
  method: "post",
  path: "/auth/magic-link",
  operationId: "requestMagicLink",
  summary: "Recevoir un lien de connexion par courriel",
  description: "Pour les commerçants et habitants sans identité FranceConnect/ProConnect. Réponse identique que l’adresse soit connue ou non.",
  requires: PUBLIC,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({ email: z.email().max(200) })
            .strict()
            .openapi("DemandeLien"),
        },
      },
    },
  },
  responses: { 202: { description: "Demande prise en compte", content: { "application/json": { schema: z.object({ message: z.string() }) } } } },
});

const callback = defineRoute({
  method: "get",
  path: "/auth/magic-link/callback",
  operationId: "magicLinkCallback",
  summary: "Ouvrir un lien de connexion",
  requires: PUBLIC,
  request: { query: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }) },
  responses: { 303: { description: "Connecté : redirection vers l’accueil de la collectivité" } },
});

const me = defineRoute({
  method: "get",
  path: "/session",
  operationId: "currentSession",
  summary: "Ma session",
  description: "Qui je suis ici, mes droits, et le jeton CSRF à joindre (en-tête x-csrf-token) à mes requêtes qui modifient.",
  requires: AUTHENTICATED,
  responses: {
    200: {
      description: "La session",
      content: {
        "application/json": {
          schema: z
            .object({
              personId: z.string(),
              displayName: z.string().nullable(),
              roles: z.array(z.string()),
              permissions: z.array(z.string()),
              csrfToken: z.string().nullable(),
            })
            .openapi("MaSession"),
        },
      },
    },
  },
});

const list = defineRoute({
  method: "get",
  path: "/sessions",
  operationId: "listOwnSessions",
  summary: "Mes sessions ouvertes",
  requires: AUTHENTICATED,
  responses: { 200: { description: "Sessions", content: { "application/json": { schema: z.object({ sessions: z.array(sessionSchema) }) } } } },
});

const revoke = defineRoute({
  method: "delete",
  path: "/sessions/{id}",
  operationId: "revokeOwnSession",
  summary: "Fermer une de mes sessions",
  requires: AUTHENTICATED,
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 204: { description: "Session fermée" } },
});

const logout = defineRoute({
  method: "post",
  path: "/auth/logout",
  operationId: "logout",
  summary: "Se déconnecter",
  requires: AUTHENTICATED,
  responses: {
    200: {
      description: "Déconnecté ici ; `logoutUrl` est l’adresse où terminer aussi la session chez le fournisseur d’identité (ou null).",
      content: { "application/json": { schema: z.object({ logoutUrl: z.string().nullable() }) } },
    },
  },
});

const providers = defineRoute({
  method: "get",
  path: "/auth/providers",
  operationId: "signInProviders",
  summary: "Moyens de connexion proposés par la collectivité",
  requires: PUBLIC,
  responses: {
    200: {
      description: "Fournisseurs d’identité actifs",
      content: {
        "application/json": {
          schema: z.object({ providers: z.array(z.object({ slug: z.string(), label: z.string(), kind: z.string(), audience: z.string() })) }),
        },
      },
    },
  },
});

const providerParam = z.object({
  provider: z
    .string()
    .min(2)
    .max(30)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
});

const start = defineRoute({
  method: "get",
  path: "/auth/oidc/{provider}/start",
  operationId: "startOidcSignIn",
  summary: "Se connecter avec un fournisseur d’identité (ProConnect, FranceConnect…)",
  description: "Redirige vers le fournisseur (code d’autorisation + PKCE, state, nonce). `retour` : page du site où revenir une fois connecté.",
  requires: PUBLIC,
  request: {
    params: providerParam,
    query: z.object({
      retour: z
        .string()
        .max(200)
        .regex(/^\/(?!\/)[A-Za-z0-9/_.~-]*$/)
        .optional(),
    }),
  },
  responses: { 302: { description: "Redirection vers le fournisseur d’identité" } },
});

const oidcCallback = defineRoute({
  method: "get",
  path: "/auth/oidc/{provider}/callback",
  operationId: "oidcCallback",
  summary: "Retour du fournisseur d’identité",
  description: "Connecté : redirection vers la page demandée. Refusé (annulé, jeton invalide…) : redirection vers la page de connexion avec `erreur`.",
  requires: PUBLIC,
  request: {
    params: providerParam,
    query: z.object({
      code: z.string().max(2048).optional(),
      state: z.string().max(512).optional(),
      iss: z.string().max(300).optional(),
      error: z.string().max(200).optional(),
      error_description: z.string().max(1000).optional(),
      session_state: z.string().max(512).optional(),
    }),
  },
  responses: { 303: { description: "Connecté, ou renvoyé vers la page de connexion avec la raison du refus" } },
});

export const authRoutes = createRouter<IdentityBindings>()
  .openapi(askLink, async (c) => {
    const browserSecret = randomToken();
    const { email } = c.req.valid("json");
    // Answer first, look the address up after: member or not, the answer leaves at once.
    afterResponse(c, "lien de connexion non envoyé", (db) => requestMagicLink({ db, ctx: c.var.ctx, email, browserSecret }));
    return c.json({ message: mailText.linkSent }, 202, {
      "set-cookie": hostCookie(LINK_COOKIE, browserSecret, LINK_MINUTES * 60),
      "cache-control": "no-store",
    });
  })
  .openapi(callback, async (c) => {
    const { sessionToken } = await consumeMagicLink({
      db: c.var.db,
      ctx: c.var.ctx,
      token: c.req.valid("query").token,
      browserSecret: readCookie(c.req.header("cookie") ?? null, LINK_COOKIE) ?? "",
      userAgent: c.req.header("user-agent") ?? null,
    });
    const headers = new Headers({ location: `${c.var.ctx.siteUrl ?? ""}/espace/`, "cache-control": "no-store" });
    headers.append("set-cookie", hostCookie(SESSION_COOKIE, sessionToken, ABSOLUTE_HOURS * 3600));
    headers.append("set-cookie", hostCookie(LINK_COOKIE, "", 0));
    return new Response(null, { status: 303, headers }) as never;
  })
  .openapi(me, async (c) => {
    const { actor } = c.var.ctx;
    const token = readCookie(c.req.header("cookie") ?? null, SESSION_COOKIE);
    const who = actor.kind === "person" ? await whoIs({ db: c.var.db, tenant: c.var.ctx.tenant, personId: actor.id }) : { displayName: null, roles: [] };
    return c.json(
      {
        personId: actor.kind === "anonymous" ? "" : actor.id,
        ...who,
        permissions: actor.kind === "anonymous" ? [] : actor.permissions,
        csrfToken: token ? await csrfToken(token) : null,
      },
      200,
      { "cache-control": "no-store" },
    );
  })
  .openapi(list, async (c) =>
    c.json(
      { sessions: await listOwnSessions({ db: c.var.db, ctx: c.var.ctx, currentToken: readCookie(c.req.header("cookie") ?? null, SESSION_COOKIE) }) },
      200,
      { "cache-control": "no-store" },
    ),
  )
  .openapi(revoke, async (c) => {
    await revokeOwnSession({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").id });
    return c.body(null, 204) as never;
  })
  .openapi(logout, async (c) => {
    const token = readCookie(c.req.header("cookie") ?? null, SESSION_COOKIE);
    let logoutUrl: string | null = null;
    if (token) {
      const ended = await revokeOwnSession({ db: c.var.db, ctx: c.var.ctx, token });
      logoutUrl = await endSessionAddress({ db: c.var.db, ctx: c.var.ctx, box: box(c.env), session: ended });
    }
    return c.json({ logoutUrl }, 200, { "set-cookie": hostCookie(SESSION_COOKIE, "", 0), "cache-control": "no-store" });
  })
  .openapi(providers, async (c) => c.json({ providers: await publicProviders({ db: c.var.db, ctx: c.var.ctx }) }, 200, { "cache-control": "no-store" }))
  .openapi(start, async (c) => {
    let begun: Awaited<ReturnType<typeof beginSignIn>>;
    try {
      begun = await beginSignIn({ db: c.var.db, ctx: c.var.ctx, box: box(c.env), slug: c.req.valid("param").provider, returnTo: c.req.valid("query").retour });
    } catch (err) {
      // The provider cannot be reached: back to the sign-in page, which says so.
      if (!(err instanceof SignInError)) throw err;
      return new Response(null, {
        status: 303,
        headers: { location: `${c.var.ctx.siteUrl ?? ""}/connexion/?erreur=${err.reason}`, "cache-control": "no-store" },
      }) as never;
    }
    const { location, cookie } = begun;
    return new Response(null, {
      status: 302,
      headers: { location, "set-cookie": hostCookie(OIDC_COOKIE, cookie, PENDING_MINUTES * 60), "cache-control": "no-store" },
    }) as never;
  })
  .openapi(oidcCallback, async (c) => {
    const ctx = c.var.ctx;
    const headers = new Headers({ "cache-control": "no-store" });
    headers.append("set-cookie", hostCookie(OIDC_COOKIE, "", 0));
    try {
      const { sessionToken, returnTo } = await completeSignIn({
        db: c.var.db,
        ctx,
        box: box(c.env),
        slug: c.req.valid("param").provider,
        query: new URL(c.req.url).searchParams,
        pendingCookie: readCookie(c.req.header("cookie") ?? null, OIDC_COOKIE),
        userAgent: c.req.header("user-agent") ?? null,
      });
      headers.set("location", `${ctx.siteUrl ?? ""}${returnTo}`);
      headers.append("set-cookie", hostCookie(SESSION_COOKIE, sessionToken, ABSOLUTE_HOURS * 3600));
    } catch (err) {
      if (!(err instanceof SignInError)) throw err;
      headers.set("location", `${ctx.siteUrl ?? ""}/connexion/?erreur=${err.reason}`);
    }
    return new Response(null, { status: 303, headers }) as never;
  });

function box(env: IdentityBindings) {
  return new SecretBox(env.IDENTITY_SECRETS_KEY);
}
