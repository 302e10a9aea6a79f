import { z } from "@hono/zod-openapi";
import {
  AUTHENTICATED, LINK_COOKIE, PUBLIC, SESSION_COOKIE, createRouter, csrfToken, defineRoute, hostCookie, readCookie,
} from "@communa/core";
import type { IdentityBindings } from "../env.ts";
import { ABSOLUTE_HOURS, LINK_MINUTES, consumeMagicLink, listOwnSessions, requestMagicLink, revokeOwnSession } from "../services/sessions.ts";
import { randomToken } from "../services/tokens.ts";
import { mailText } from "../messages.fr.ts";

const sessionSchema = z
  .object({ id: z.string(), method: z.string(), userAgent: z.string().nullable(), createdAt: z.string(), lastSeenAt: z.string(), current: z.boolean() })
  .openapi("Session");

const askLink = defineRoute({
  method: "post",
  path: "/auth/magic-link",
  operationId: "requestMagicLink",
  summary: "Recevoir un lien de connexion par courriel",
  description: "Pour les commerçants et habitants sans identité FranceConnect/ProConnect. Réponse identique que l’adresse soit connue ou non.",
  requires: PUBLIC,
  request: { body: { required: true, content: { "application/json": { schema: z.object({ email: z.email().max(200) }).strict().openapi("DemandeLien") } } } },
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
    200: { description: "La session", content: { "application/json": { schema: z.object({ personId: z.string(), permissions: z.array(z.string()), csrfToken: z.string().nullable() }) } } },
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
  responses: { 204: { description: "Déconnecté" } },
});

export const authRoutes = createRouter<IdentityBindings>()
  .openapi(askLink, async (c) => {
    const browserSecret = randomToken();
    await requestMagicLink({ db: c.var.db, ctx: c.var.ctx, email: c.req.valid("json").email, browserSecret });
    return c.json({ message: mailText.linkSent }, 202, { "set-cookie": hostCookie(LINK_COOKIE, browserSecret, LINK_MINUTES * 60), "cache-control": "no-store" });
  })
  .openapi(callback, async (c) => {
    const { sessionToken } = await consumeMagicLink({
      db: c.var.db,
      ctx: c.var.ctx,
      token: c.req.valid("query").token,
      browserSecret: readCookie(c.req.header("cookie") ?? null, LINK_COOKIE) ?? "",
      userAgent: c.req.header("user-agent") ?? null,
    });
    const headers = new Headers({ location: `${c.var.ctx.baseUrl ?? ""}/`, "cache-control": "no-store" });
    headers.append("set-cookie", hostCookie(SESSION_COOKIE, sessionToken, ABSOLUTE_HOURS * 3600));
    headers.append("set-cookie", hostCookie(LINK_COOKIE, "", 0));
    return new Response(null, { status: 303, headers }) as never;
  })
  .openapi(me, async (c) => {
    const { actor } = c.var.ctx;
    const token = readCookie(c.req.header("cookie") ?? null, SESSION_COOKIE);
    return c.json(
      { personId: actor.kind === "anonymous" ? "" : actor.id, permissions: actor.kind === "anonymous" ? [] : actor.permissions, csrfToken: token ? await csrfToken(token) : null },
      200,
      { "cache-control": "no-store" },
    );
  })
  .openapi(list, async (c) =>
    c.json({ sessions: await listOwnSessions({ db: c.var.db, ctx: c.var.ctx, currentToken: readCookie(c.req.header("cookie") ?? null, SESSION_COOKIE) }) }, 200, { "cache-control": "no-store" }),
  )
  .openapi(revoke, async (c) => {
    await revokeOwnSession({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").id });
    return c.body(null, 204) as never;
  })
  .openapi(logout, async (c) => {
    const token = readCookie(c.req.header("cookie") ?? null, SESSION_COOKIE);
    if (token) await revokeOwnSession({ db: c.var.db, ctx: c.var.ctx, token });
    return c.body(null, 204, { "set-cookie": hostCookie(SESSION_COOKIE, "", 0) }) as never;
  });
