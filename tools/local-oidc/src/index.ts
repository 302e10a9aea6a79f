/**
 * A real OpenID provider for development and tests (the `oidc-provider` package): real redirects,
 * real signed ID tokens, a real JWKS, RP-initiated logout. It signs in the fictional demonstration
 * accounts of the seed (db/seed/demo-accounts.json), picked on a French login page, so sign-in
 * works offline end to end the way ProConnect or FranceConnect do in production.
 *
 * Not for production: any account can be chosen without a password, and any redirect address on
 * this machine (or under the test domain) is accepted for the registered client.
 */
import http from "node:http";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { exportJWK, generateKeyPair } from "jose";
import { escapeHtml } from "@communa/core/html";
import { loginPage, logoutPage, messagePage } from "./pages.ts";

export interface DemoAccount {
  sub: string;
  email: string;
  name: string;
  givenName: string;
  familyName: string;
  /** What the account holds in the seed, shown on the login page ("admin à cclvd"). */
  roles: string[];
}

export interface LocalOidcOptions {
  port: number;
  host?: string;
  clientId: string;
  clientSecret: string;
  accounts?: DemoAccount[];
}

export interface LocalOidc {
  issuer: string;
  accounts: DemoAccount[];
  stop(): Promise<void>;
}

const here = path.dirname(new URL(import.meta.url).pathname);
const seedAccountsFile = path.resolve(here, "../../../db/seed/demo-accounts.json");

/** The seed's demonstration accounts, with a stable subject each (as a provider's `sub`). */
export function demoAccounts(file = seedAccountsFile): DemoAccount[] {
  const data = JSON.parse(readFileSync(file, "utf8")) as {
    accounts: Array<{ email: string; name: string; memberships: Array<{ tenant: string; roles: string[] }> }>;
  };
  return data.accounts.map((a) => {
    const [given, ...rest] = a.name.split(" ");
    return {
      sub: `demo-${createHash("sha256").update(a.email).digest("hex").slice(0, 16)}`,
      email: a.email,
      name: a.name,
      givenName: given,
      familyName: rest.join(" ") || given,
      roles: a.memberships.flatMap((m) => m.roles.map((r) => `${r} (${m.tenant})`)),
    };
  });
}

/** Redirect addresses the local client accepts: a Communa sign-in callback or sign-in page on this machine or a test host. */
export function localRedirectAllowed(value: string, kind: "callback" | "logout"): boolean {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return false;
  }
  const localHost = ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname) || u.hostname.endsWith(".localhost") || u.hostname.endsWith(".communa.test");
  if (!localHost || !["http:", "https:"].includes(u.protocol) || u.hash) return false;
  return kind === "callback" ? /\/api\/identity\/auth\/oidc\/[a-z0-9-]+\/callback$/.test(u.pathname) : /\/connexion\/$/.test(u.pathname);
}

const CLAIM_SCOPES = {
  openid: ["sub"],
  email: ["email", "email_verified"],
  profile: ["name", "given_name", "family_name"],
  // ProConnect and FranceConnect name some claims as scopes of their own.
  given_name: ["given_name"],
  family_name: ["family_name"],
  usual_name: ["usual_name"],
  uid: ["uid"],
  siret: ["siret"],
};

export async function startLocalOidc(options: LocalOidcOptions): Promise<LocalOidc> {
  const host = options.host ?? "127.0.0.1";
  const issuer = `http://${host}:${options.port}`;
  const accounts = options.accounts ?? demoAccounts();
  const bySub = new Map(accounts.map((a) => [a.sub, a]));
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: `local-${randomBytes(4).toString("hex")}`, use: "sig", alg: "RS256" };

  const configuration: Configuration = {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: ["http://127.0.0.1/api/identity/auth/oidc/demo/callback"],
        post_logout_redirect_uris: ["http://127.0.0.1/connexion/"],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [signingKey as never] },
    claims: CLAIM_SCOPES,
    scopes: ["openid", "offline_access"],
    acrValues: ["eidas1"],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.body = messagePage("Déconnecté", "Vous êtes déconnecté du fournisseur d’identité local.");
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    findAccount: async (_ctx, sub) => {
      const a = bySub.get(sub);
      if (!a) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: a.email,
          email_verified: true,
          name: a.name,
          given_name: a.givenName,
          family_name: a.familyName,
          usual_name: a.familyName,
          uid: sub,
        }),
      };
    },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      ctx.body = messagePage(
        "Erreur",
        `Le fournisseur d’identité local a refusé la demande : ${escapeHtml(String(out.error))} — ${escapeHtml(String(out.error_description ?? ""))}`,
      );
    },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 12 * 3600, Grant: 12 * 3600 },
  };

  const provider = new Provider(issuer, configuration);
  // Tenants come and go (tests create one per case): any Communa callback on this machine is
  // accepted for the local client, instead of a fixed list.
  const ClientClass = provider.Client as unknown as { prototype: { redirectUriAllowed(v: string): boolean; postLogoutRedirectUriAllowed(v: string): boolean } };
  ClientClass.prototype.redirectUriAllowed = (v: string) => localRedirectAllowed(v, "callback");
  ClientClass.prototype.postLogoutRedirectUriAllowed = (v: string) => localRedirectAllowed(v, "logout");

  const oidc = provider.callback();
  const server = http.createServer((req, res) => {
    const m = /^\/interaction\/([\w-]+)(\/(login|abort))?$/.exec((req.url ?? "").split("?")[0]);
    if (!m) return void oidc(req, res);
    interaction(provider, accounts, bySub, req, res, m[3]).catch((err) => {
      res.statusCode = 400;
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(messagePage("Erreur", `Demande de connexion introuvable ou expirée (${escapeHtml((err as Error).message)}).`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  return {
    issuer,
    accounts,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 10_000) throw new Error("formulaire trop long");
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

async function interaction(
  provider: Provider,
  accounts: DemoAccount[],
  bySub: Map<string, DemoAccount>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  action?: string,
) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === "GET" && !action) {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.setHeader("cache-control", "no-store");
    res.end(loginPage(details.uid, accounts, String(details.params.client_id)));
    return;
  }
  if (req.method !== "POST") throw new Error("méthode non prise en charge");
  if (action === "abort") {
    await provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "Connexion annulée par la personne." },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  const form = await readForm(req);
  const account = bySub.get(form.get("compte") ?? "");
  if (!account) {
    res.statusCode = 400;
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(loginPage(details.uid, accounts, String(details.params.client_id), "Choisissez un compte dans la liste."));
    return;
  }
  // A first-party client: the requested scopes are granted with the sign-in (no consent screen).
  const grant = new provider.Grant({ accountId: account.sub, clientId: String(details.params.client_id) });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: account.sub, acr: "eidas1", amr: ["pwd"] }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}
