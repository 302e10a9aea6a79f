/**
 * Sign-in by e-mail link and server-side sessions (ADR 0010).
 * - A link is single use, valid 15 minutes, and bound to the browser that asked for it (the hash
 *   of a random value set in that browser's cookie must match).
 * - A session token lives in a `__Host-` cookie; the database holds its SHA-256. Sessions expire
 *   after 30 minutes without activity and 12 hours after sign-in, and can be revoked.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { identityProviders, magicLinks, outbox, people, sessions } from "@communa/db";
import { AppError, notFound, uuidv7, type Actor, type Db, type Journal, type SecretBox, type Tenant, type TrustedContext, type WriteTx } from "@communa/core";
import { actorForPerson } from "./members.ts";
import { randomToken } from "./tokens.ts";
import { sha256 } from "@communa/core/hash";
import { sameBytes } from "@communa/core/bytes";
import { mailText, sessionText } from "../messages.fr.ts";

export const LINK_MINUTES = 15;
export const IDLE_SECONDS = 30 * 60;
export const ABSOLUTE_HOURS = 12;
/** Last activity is recorded at most this often (each record is a journal entry). */
const TOUCH_EVERY_MS = 5 * 60_000;

/**
 * Sends a sign-in link if `email` belongs to a member of the tenant. The answer is the same
 * whether or not it does (no way to probe who is a member), and it does not wait for this: the
 * route runs it after answering (`afterResponse`), so the answer's timing says nothing either.
 * The link's address is the tenant's configured public address (`ctx.baseUrl`, set by the gateway
 * from configuration, never from the request's Host).
 */
export async function requestMagicLink({ db, ctx, email, browserSecret }: { db: Db; ctx: TrustedContext; email: string; browserSecret: string }) {
  // The same work up to the look-up whoever asks.
  const token = randomToken();
  const [tokenHash, browserHash] = await Promise.all([sha256(token), sha256(browserSecret)]);
  const [person] = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ id: people.id, displayName: people.displayName, email: people.email })
      .from(people)
      .where(eq(sql`lower(${people.email})`, email.toLowerCase()))
      .limit(1),
  );
  if (!person?.email) return;
  const link = `${ctx.baseUrl ?? ""}/api/identity/auth/magic-link/callback?token=${token}`;
  await db.write(ctx, async (tx, journal) => {
    await tx.insert(magicLinks).values({
      tenantId: ctx.tenant.id,
      personId: person.id,
      tokenHash,
      browserHash,
      expiresAt: new Date(Date.now() + LINK_MINUTES * 60_000),
    });
    const mail = mailText.magicLink(person.displayName, ctx.tenant.name, link, LINK_MINUTES);
    await tx.insert(outbox).values({ tenantId: ctx.tenant.id, recipient: person.email!, subject: mail.subject, body: mail.body });
    await journal({ action: "identity.magiclink.request", target: `people/${person.id}` });
  });
}

/** Turns a valid link, opened in the browser that asked, into a new session. */
export async function consumeMagicLink({
  db,
  ctx,
  token,
  browserSecret,
  userAgent,
}: {
  db: Db;
  ctx: TrustedContext;
  token: string;
  browserSecret: string;
  userAgent: string | null;
}): Promise<{ sessionToken: string; sessionId: string }> {
  const refused = new AppError("unauthenticated", sessionText.linkRefused);
  const [link] = await db.withTenant(ctx.tenant.id, async (tx) =>
    tx
      .select()
      .from(magicLinks)
      .where(eq(magicLinks.tokenHash, await sha256(token)))
      .limit(1),
  );
  if (!link || link.usedAt || new Date(link.expiresAt).getTime() <= Date.now()) throw refused;
  if (!browserSecret || !sameBytes(new Uint8Array(link.browserHash), await sha256(browserSecret))) {
    throw new AppError("unauthenticated", sessionText.otherBrowser);
  }
  const actor: Actor = { kind: "person", id: link.personId, permissions: [] };
  return db.write({ ...ctx, actor }, async (tx, journal) => {
    const used = await tx
      .update(magicLinks)
      .set({ usedAt: sql`now()` })
      .where(and(eq(magicLinks.id, link.id), isNull(magicLinks.usedAt)))
      .returning({ id: magicLinks.id });
    if (!used.length) throw refused;
    return openSession(tx, journal, { ctx, personId: link.personId, method: "magic-link", userAgent });
  });
}

/**
 * A new session for `personId`, in the transaction that proved who they are (every sign-in makes a
 * new token: one planted before sign-in is worthless). An OpenID session keeps the provider's ID
 * token, sealed, for sign-out at the provider.
 */
export async function openSession(
  tx: WriteTx,
  journal: Journal,
  {
    ctx,
    personId,
    method,
    userAgent,
    providerId,
    idToken,
  }: { ctx: TrustedContext; personId: string; method: string; userAgent: string | null; providerId?: string; idToken?: { box: SecretBox; value: string } },
): Promise<{ sessionToken: string; sessionId: string }> {
  const sessionToken = randomToken();
  const sessionId = uuidv7();
  const sealed = idToken ? await idToken.box.seal(new TextEncoder().encode(idToken.value), idTokenAad(sessionId)) : null;
  await tx.insert(sessions).values({
    id: sessionId,
    tenantId: ctx.tenant.id,
    personId,
    tokenHash: await sha256(sessionToken),
    method,
    userAgent: userAgent?.slice(0, 200) ?? null,
    idleSeconds: IDLE_SECONDS,
    absoluteExpiresAt: new Date(Date.now() + ABSOLUTE_HOURS * 3_600_000),
    providerId: providerId ?? null,
    idTokenCipher: sealed?.cipher ?? null,
    idTokenIv: sealed?.iv ?? null,
  });
  await tx.execute(sql`SELECT app.person_signed_in(${personId}::uuid)`);
  await journal({ action: "identity.session.create", target: `sessions/${sessionId}`, summary: { method } });
  return { sessionToken, sessionId };
}

export const idTokenAad = (sessionId: string) => `id-token:${sessionId}`;

export type SessionCheck = { ok: true; actor: Actor; sessionId: string } | { ok: false; detail: string };

export async function authenticateSession({
  db,
  tenant,
  token,
  requestId,
}: {
  db: Db;
  tenant: Tenant;
  token: string;
  requestId: string;
}): Promise<SessionCheck> {
  const [s] = await db.withTenant(tenant.id, async (tx) =>
    tx
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, await sha256(token)))
      .limit(1),
  );
  const now = Date.now();
  if (!s || s.revokedAt) return { ok: false, detail: "Session inconnue ou terminée : reconnectez-vous." };
  if (new Date(s.absoluteExpiresAt).getTime() <= now || new Date(s.lastSeenAt).getTime() + s.idleSeconds * 1000 <= now) {
    return { ok: false, detail: "Session expirée : reconnectez-vous." };
  }
  const actor = await actorForPerson({ db, tenant, personId: s.personId });
  if (now - new Date(s.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
    await db.write({ tenant, actor, requestId }, async (tx, journal) => {
      await tx.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, s.id));
      await journal({ action: "identity.session.activity", target: `sessions/${s.id}` });
    });
  }
  return { ok: true, actor, sessionId: s.id };
}

const present = (s: typeof sessions.$inferSelect & { providerLabel: string | null }, current: string | null) => ({
  id: s.id,
  method: s.method,
  provider: s.providerLabel,
  userAgent: s.userAgent,
  createdAt: new Date(s.createdAt).toISOString(),
  lastSeenAt: new Date(s.lastSeenAt).toISOString(),
  current: s.id === current,
});

/** Sessions are people's: keys and devices have none. */
function personOf(ctx: TrustedContext): string {
  if (ctx.actor.kind !== "person") throw new AppError("forbidden", sessionText.personOnly);
  return ctx.actor.id;
}

export async function listOwnSessions({ db, ctx, currentToken }: { db: Db; ctx: TrustedContext; currentToken: string | null }) {
  const personId = personOf(ctx);
  const rows = await db.withTenant(ctx.tenant.id, async (tx) =>
    (
      await tx
        .select({ s: sessions, providerLabel: identityProviders.label })
        .from(sessions)
        .leftJoin(identityProviders, eq(identityProviders.id, sessions.providerId))
        .where(and(eq(sessions.personId, personId), isNull(sessions.revokedAt)))
        .orderBy(sessions.createdAt)
    ).map((r) => ({ ...r.s, providerLabel: r.providerLabel })),
  );
  const currentHash = currentToken ? await sha256(currentToken) : null;
  const current = rows.find((r) => currentHash && sameBytes(new Uint8Array(r.tokenHash), currentHash))?.id ?? null;
  return rows.filter((r) => new Date(r.absoluteExpiresAt).getTime() > Date.now()).map((r) => present(r, current));
}

/** Ends one of the caller's own sessions (another device's, or this one: sign-out). */
export async function revokeOwnSession({ db, ctx, id, token }: { db: Db; ctx: TrustedContext; id?: string; token?: string }) {
  const personId = personOf(ctx);
  const hash = token ? await sha256(token) : null;
  return db.write(ctx, async (tx, journal) => {
    const [s] = await tx
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(sessions.personId, personId), isNull(sessions.revokedAt), id ? eq(sessions.id, id) : eq(sessions.tokenHash, hash!)))
      .returning({ id: sessions.id, providerId: sessions.providerId, idTokenCipher: sessions.idTokenCipher, idTokenIv: sessions.idTokenIv });
    if (!s) throw notFound(sessionText.noActiveSession);
    await journal({ action: "identity.session.revoke", target: `sessions/${s.id}` });
    return s;
  });
}
