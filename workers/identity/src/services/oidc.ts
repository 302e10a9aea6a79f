/**
 * Sign-in with OpenID Connect (authorization code + PKCE, state, nonce), the relying-party side,
 * with oauth4webapi (ADR 0011).
 *
 * - `beginSignIn` builds the provider's authorization address and the pending sign-in (state,
 *   nonce, PKCE verifier, where to land), sealed into a short-lived `__Host-` cookie: nothing is
 *   stored before the person has proved who they are, and the pending sign-in is bound to the
 *   browser that started it.
 * - `completeSignIn` checks the answer (state, `iss`), exchanges the code (with the verifier and
 *   the client secret), validates the ID token (issuer, audience, expiry, nonce, and its signature
 *   against the provider's JWKS), reads the claims it lacks from UserInfo, finds or creates the
 *   person, and opens a session.
 * - `endSessionAddress` is the provider's RP-initiated logout address for a session.
 */
import * as oauth from "oauth4webapi";
import { and, eq, sql } from "drizzle-orm";
import { memberships, people, personIdentities } from "@communa/db";
import { log, uuidv7, type Db, type SecretBox, type TrustedContext } from "@communa/core";
import { clientSecretOf, findProvider, isLocalIssuer, providerById, type ProviderRow } from "./providers.ts";
import { idTokenAad, openSession } from "./sessions.ts";

/** How long a started sign-in may take at the provider. */
export const PENDING_MINUTES = 10;
const DISCOVERY_TTL_MS = 10 * 60_000;
const discovered = new Map<string, { as: oauth.AuthorizationServer; until: number }>();

/**
 * Why a sign-in failed, as a code the sign-in page explains in French. The error's message is the
 * technical detail for developers (English), never shown to the person.
 */
export type SignInFailure = "annulee" | "expiree" | "jeton" | "fournisseur" | "inconnu";

export class SignInError extends Error {
  constructor(
    readonly reason: SignInFailure,
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  /** Provider id. */
  p: string;
  s: string;
  n: string;
  v: string;
  /** Path on the tenant's site to land on. */
  r: string;
  /** Expiry (ms since epoch). */
  e: number;
}

const pendingAad = (ctx: TrustedContext) => `oidc-pending:${ctx.tenant.id}`;

function httpOptions(issuer: string) {
  // oauth4webapi talks HTTPS only; a provider on this machine (development, tests) is plain HTTP.
  return isLocalIssuer(issuer) ? { [oauth.allowInsecureRequests]: true } : {};
}

async function discover(issuer: string): Promise<oauth.AuthorizationServer> {
  const hit = discovered.get(issuer);
  if (hit && hit.until > Date.now()) return hit.as;
  const url = new URL(issuer);
  let as: oauth.AuthorizationServer;
  try {
    as = await oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url, { ...httpOptions(issuer), algorithm: "oidc" }));
  } catch (err) {
    throw new SignInError("fournisseur", `discovery of ${issuer} failed: ${(err as Error).message}`);
  }
  discovered.set(issuer, { as, until: Date.now() + DISCOVERY_TTL_MS });
  return as;
}

const redirectUri = (ctx: TrustedContext, p: ProviderRow) => `${ctx.baseUrl ?? ""}/api/identity/auth/oidc/${p.slug}/callback`;

/** Only a path on the tenant's own site (no scheme, no other host): no open redirect. */
export function safeReturnPath(path: string | undefined): string {
  return path && /^\/(?!\/)[A-Za-z0-9/_.~-]*$/.test(path) ? path : "/espace/";
}

export async function beginSignIn({ db, ctx, box, slug, returnTo }: { db: Db; ctx: TrustedContext; box: SecretBox; slug: string; returnTo?: string }) {
  const provider = await findProvider({ db, ctx, slug });
  const as = await discover(provider.issuer);
  if (!as.authorization_endpoint) throw new SignInError("fournisseur", "no authorization endpoint advertised");
  const pending: Pending = {
    p: provider.id,
    s: oauth.generateRandomState(),
    n: oauth.generateRandomNonce(),
    v: oauth.generateRandomCodeVerifier(),
    r: safeReturnPath(returnTo),
    e: Date.now() + PENDING_MINUTES * 60_000,
  };
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set("client_id", provider.clientId);
  url.searchParams.set("redirect_uri", redirectUri(ctx, provider));
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", provider.scopes);
  url.searchParams.set("state", pending.s);
  url.searchParams.set("nonce", pending.n);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(pending.v));
  url.searchParams.set("code_challenge_method", "S256");
  if (provider.acrValues) url.searchParams.set("acr_values", provider.acrValues);
  return { location: url.href, cookie: await box.sealText(JSON.stringify(pending), pendingAad(ctx)) };
}

async function openPending(box: SecretBox, ctx: TrustedContext, cookie: string | null): Promise<Pending> {
  const text = cookie ? await box.openText(cookie, pendingAad(ctx)) : null;
  if (!text) throw new SignInError("expiree", "no sign-in pending in this browser");
  const pending = JSON.parse(text) as Pending;
  if (pending.e <= Date.now()) throw new SignInError("expiree", "sign-in started too long ago");
  return pending;
}

interface Identity {
  sub: string;
  email: string | null;
  emailVerified: boolean;
  displayName: string | null;
}

function identityOf(claims: Record<string, unknown>, sub: string): Identity {
  const str = (k: string) => (typeof claims[k] === "string" && (claims[k] as string).trim() ? (claims[k] as string).trim() : null);
  const name = str("name") ?? ([str("given_name"), str("usual_name") ?? str("family_name")].filter(Boolean).join(" ") || null);
  return { sub, email: str("email")?.toLowerCase() ?? null, emailVerified: claims.email_verified !== false, displayName: name?.slice(0, 200) ?? null };
}

/** oauth4webapi's refusals, as a reason for the person and a detail for the logs. */
function failure(err: unknown): SignInError {
  if (err instanceof SignInError) return err;
  if (err instanceof oauth.AuthorizationResponseError) {
    return new SignInError(err.error === "access_denied" ? "annulee" : "fournisseur", `authorization response: ${err.error}`);
  }
  if (err instanceof oauth.ResponseBodyError) return new SignInError("fournisseur", `token endpoint: ${err.error}`);
  const code = (err as { code?: string }).code;
  if (code && String(code).startsWith("OAUTH_")) return new SignInError("jeton", `${code}: ${(err as Error).message}`);
  return new SignInError("fournisseur", (err as Error).message ?? String(err));
}

export async function completeSignIn({
  db,
  ctx,
  box,
  slug,
  query,
  pendingCookie,
  userAgent,
}: {
  db: Db;
  ctx: TrustedContext;
  box: SecretBox;
  slug: string;
  query: URLSearchParams;
  pendingCookie: string | null;
  userAgent: string | null;
}): Promise<{ sessionToken: string; returnTo: string }> {
  try {
    const pending = await openPending(box, ctx, pendingCookie);
    const provider = await providerById({ db, ctx, id: pending.p });
    if (!provider?.enabled || provider.slug !== slug) throw new SignInError("expiree", "the pending sign-in was for another provider");
    const as = await discover(provider.issuer);
    const client: oauth.Client = { client_id: provider.clientId };
    const params = oauth.validateAuthResponse(as, client, query, pending.s);
    const methods = as.token_endpoint_auth_methods_supported ?? ["client_secret_basic"];
    const secret = await clientSecretOf(box, provider);
    const auth = methods.includes("client_secret_basic") ? oauth.ClientSecretBasic(secret) : oauth.ClientSecretPost(secret);
    const options = httpOptions(provider.issuer);
    const tokenResponse = await oauth.authorizationCodeGrantRequest(as, client, auth, params, redirectUri(ctx, provider), pending.v, options);
    const result = await oauth.processAuthorizationCodeResponse(as, client, tokenResponse, { expectedNonce: pending.n, requireIdToken: true });
    // The token came straight from the provider over TLS, but its signature is checked too: a
    // session must never rest on a token the provider's published keys did not sign.
    await oauth.validateApplicationLevelSignature(as, tokenResponse, options);
    const claims = oauth.getValidatedIdTokenClaims(result)!;
    let identity = identityOf(claims, claims.sub);
    if ((!identity.email || !identity.displayName) && as.userinfo_endpoint && result.access_token) {
      const info = await oauth.userInfoRequest(as, client, result.access_token, options);
      const infoClaims = await oauth.processUserInfoResponse(as, client, claims.sub, info);
      if ((info.headers.get("content-type") ?? "").includes("application/jwt")) await oauth.validateApplicationLevelSignature(as, info, options);
      identity = identityOf({ ...infoClaims, ...claims }, claims.sub);
    }
    const { sessionToken } = await signInPerson({ db, ctx, box, provider, identity, idToken: result.id_token!, userAgent });
    return { sessionToken, returnTo: pending.r };
  } catch (err) {
    const f = failure(err);
    log("warn", "connexion OpenID refusée", { requestId: ctx.requestId, tenant: ctx.tenant.slug, provider: slug, reason: f.reason, detail: f.message });
    throw f;
  }
}

/** Who the provider's subject is here: a known link, a member with the same address, or a new resident. */
async function signInPerson({
  db,
  ctx,
  box,
  provider,
  identity,
  idToken,
  userAgent,
}: {
  db: Db;
  ctx: TrustedContext;
  box: SecretBox;
  provider: ProviderRow;
  identity: Identity;
  idToken: string;
  userAgent: string | null;
}) {
  const linked = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ personId: personIdentities.personId })
      .from(personIdentities)
      .where(and(eq(personIdentities.providerId, provider.id), eq(personIdentities.subject, identity.sub)))
      .limit(1),
  );
  let personId = linked[0]?.personId ?? null;
  let create = false;
  if (personId) {
    const roles = await db.withTenant(ctx.tenant.id, (tx) =>
      tx.select({ role: memberships.role }).from(memberships).where(eq(memberships.personId, personId!)).limit(1),
    );
    if (!roles.length) throw new SignInError("inconnu", "no role left in this tenant");
  } else if (identity.email && identity.emailVerified) {
    const [member] = await db.withTenant(ctx.tenant.id, (tx) =>
      tx
        .select({ id: people.id })
        .from(people)
        .where(eq(sql`lower(${people.email})`, identity.email!))
        .limit(1),
    );
    personId = member?.id ?? null;
  }
  if (!personId) {
    if (provider.firstSignIn !== "create-resident") throw new SignInError("inconnu", "no member of this tenant has this identity");
    personId = uuidv7();
    create = true;
  }
  const person = personId;
  return db.write({ ...ctx, actor: { kind: "person", id: person, permissions: [] } }, async (tx, journal) => {
    if (create) {
      await tx.execute(sql`SELECT app.create_resident(${person}::uuid, ${identity.displayName ?? identity.email ?? "Habitant"}, ${identity.email})`);
      await journal({ action: "identity.person.create", target: `people/${person}`, summary: { via: provider.slug, role: "resident" } });
    }
    const link = await tx
      .insert(personIdentities)
      .values({ tenantId: ctx.tenant.id, providerId: provider.id, subject: identity.sub, personId: person })
      .onConflictDoUpdate({ target: [personIdentities.providerId, personIdentities.subject], set: { lastSignInAt: sql`now()` } })
      .returning({ createdAt: personIdentities.createdAt, lastSignInAt: personIdentities.lastSignInAt });
    if (link[0] && new Date(link[0].createdAt).getTime() === new Date(link[0].lastSignInAt).getTime()) {
      await journal({ action: "identity.person.link", target: `people/${person}`, summary: { provider: provider.slug } });
    }
    return openSession(tx, journal, {
      ctx,
      personId: person,
      method: `oidc:${provider.slug}`,
      userAgent,
      providerId: provider.id,
      idToken: { box, value: idToken },
    });
  });
}

/**
 * The provider's sign-out address for an OpenID session just ended here (RP-initiated logout), or
 * null when the session did not come from a provider or the provider offers none.
 */
export async function endSessionAddress({
  db,
  ctx,
  box,
  session,
}: {
  db: Db;
  ctx: TrustedContext;
  box: SecretBox;
  session: { id: string; providerId: string | null; idTokenCipher: Uint8Array | null; idTokenIv: Uint8Array | null };
}): Promise<string | null> {
  if (!session.providerId) return null;
  const provider = await providerById({ db, ctx, id: session.providerId });
  if (!provider) return null;
  let as: oauth.AuthorizationServer;
  try {
    as = await discover(provider.issuer);
  } catch {
    return null;
  }
  if (!as.end_session_endpoint) return null;
  const url = new URL(as.end_session_endpoint);
  url.searchParams.set("client_id", provider.clientId);
  url.searchParams.set("post_logout_redirect_uri", `${ctx.siteUrl ?? ""}/connexion/`);
  url.searchParams.set("state", oauth.generateRandomState());
  if (session.idTokenCipher && session.idTokenIv) {
    const hint = await box.open(new Uint8Array(session.idTokenCipher), new Uint8Array(session.idTokenIv), idTokenAad(session.id)).catch(() => null);
    if (hint) url.searchParams.set("id_token_hint", new TextDecoder().decode(hint));
  }
  return url.href;
}
