/**
 * A tenant's OpenID Connect providers (ADR 0011). Admins register them with the client id and
 * secret the provider issued; the secret is sealed at once and never leaves this Worker again.
 */
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { identityProviders } from "@communa/db";
import { AppError, conflict, invalid, notFound, type Db, type SecretBox, type TrustedContext, type WriteTx } from "@communa/core";
import { providerText } from "../messages.fr.ts";

export type ProviderKind = (typeof identityProviders.$inferSelect)["kind"];
export type ProviderRow = typeof identityProviders.$inferSelect;

/**
 * What each kind of provider asks for by default (the admin may narrow or widen the scopes).
 * ProConnect (agents and elected members): claims come from the UserInfo endpoint as a signed JWT.
 * FranceConnect (residents): eIDAS low level, the minimum identity (name, e-mail).
 */
export const PRESETS: Record<
  ProviderKind,
  { scopes: string; acrValues: string | null; audience: "agents" | "residents"; firstSignIn: "match-email" | "create-resident" }
> = {
  proconnect: { scopes: "openid email given_name usual_name uid siret", acrValues: null, audience: "agents", firstSignIn: "match-email" },
  franceconnect: { scopes: "openid given_name family_name email", acrValues: "eidas1", audience: "residents", firstSignIn: "create-resident" },
  oidc: { scopes: "openid email profile", acrValues: null, audience: "agents", firstSignIn: "match-email" },
};

export interface ProviderInput {
  slug: string;
  label: string;
  kind: ProviderKind;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes?: string;
  acrValues?: string | null;
  audience?: "agents" | "residents";
  firstSignIn?: "match-email" | "create-resident";
  enabled?: boolean;
}

export type ProviderChanges = Partial<Omit<ProviderInput, "slug" | "kind">>;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Production providers are HTTPS; plain HTTP only for a provider on this machine (development). */
export function isLocalIssuer(issuer: string): boolean {
  const u = new URL(issuer);
  return u.protocol === "http:" && LOOPBACK.has(u.hostname);
}

function checkIssuer(issuer: string, path: string) {
  let u: URL;
  try {
    u = new URL(issuer);
  } catch {
    throw invalid(undefined, [{ path, message: providerText.issuerInvalid }]);
  }
  if (u.protocol !== "https:" && !isLocalIssuer(issuer)) {
    throw invalid(undefined, [{ path, message: providerText.issuerHttps }]);
  }
  if (u.search || u.hash) throw invalid(undefined, [{ path, message: providerText.issuerBare }]);
}

function checkScopes(scopes: string, path: string) {
  if (!scopes.split(" ").includes("openid")) throw invalid(undefined, [{ path, message: providerText.scopesOpenid }]);
}

export const secretAad = (id: string) => `identity-provider:${id}`;

export const present = (p: ProviderRow) => ({
  id: p.id,
  slug: p.slug,
  label: p.label,
  kind: p.kind,
  audience: p.audience,
  issuer: p.issuer,
  clientId: p.clientId,
  scopes: p.scopes,
  acrValues: p.acrValues,
  firstSignIn: p.firstSignIn,
  enabled: p.enabled,
  createdAt: new Date(p.createdAt).toISOString(),
  updatedAt: new Date(p.updatedAt).toISOString(),
});

export async function listProviders({ db, ctx }: { db: Db; ctx: TrustedContext }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(identityProviders).orderBy(asc(identityProviders.slug)));
  return rows.map(present);
}

/** What the sign-in page shows: enabled providers, no configuration. */
export async function publicProviders({ db, ctx }: { db: Db; ctx: TrustedContext }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx.select().from(identityProviders).where(eq(identityProviders.enabled, true)).orderBy(asc(identityProviders.audience), asc(identityProviders.label)),
  );
  return rows.map((p) => ({ slug: p.slug, label: p.label, kind: p.kind, audience: p.audience }));
}

export async function findProvider({ db, ctx, slug }: { db: Db; ctx: TrustedContext; slug: string }): Promise<ProviderRow> {
  const [row] = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(identityProviders).where(eq(identityProviders.slug, slug)).limit(1));
  if (!row?.enabled) throw notFound(providerText.notActive);
  return row;
}

export async function providerById({ db, ctx, id }: { db: Db; ctx: TrustedContext; id: string }): Promise<ProviderRow | undefined> {
  const [row] = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(identityProviders).where(eq(identityProviders.id, id)).limit(1));
  return row;
}

export async function clientSecretOf(box: SecretBox, p: ProviderRow): Promise<string> {
  return new TextDecoder().decode(await box.open(new Uint8Array(p.clientSecretCipher), new Uint8Array(p.clientSecretIv), secretAad(p.id)));
}

export async function createProvider({ db, ctx, box, input }: { db: Db; ctx: TrustedContext; box: SecretBox; input: ProviderInput }) {
  checkIssuer(input.issuer, "body/issuer");
  const preset = PRESETS[input.kind];
  const scopes = input.scopes ?? preset.scopes;
  checkScopes(scopes, "body/scopes");
  return db.write(ctx, async (tx, journal) => {
    const taken = await tx.select({ id: identityProviders.id }).from(identityProviders).where(eq(identityProviders.slug, input.slug)).limit(1);
    if (taken.length) throw conflict(providerText.slugTaken(input.slug));
    const [row] = await tx
      .insert(identityProviders)
      .values({
        tenantId: ctx.tenant.id,
        slug: input.slug,
        label: input.label,
        kind: input.kind,
        audience: input.audience ?? preset.audience,
        issuer: input.issuer.replace(/\/$/, ""),
        clientId: input.clientId,
        clientSecretCipher: new Uint8Array(),
        clientSecretIv: new Uint8Array(12),
        scopes,
        acrValues: input.acrValues === undefined ? preset.acrValues : input.acrValues,
        firstSignIn: input.firstSignIn ?? preset.firstSignIn,
        enabled: input.enabled ?? true,
      })
      .returning();
    const sealed = await box.seal(new TextEncoder().encode(input.clientSecret), secretAad(row.id));
    const [done] = await tx
      .update(identityProviders)
      .set({ clientSecretCipher: sealed.cipher, clientSecretIv: sealed.iv })
      .where(eq(identityProviders.id, row.id))
      .returning();
    await journal({
      action: "identity.provider.create",
      target: `identity-providers/${row.id}`,
      summary: { slug: row.slug, kind: row.kind, issuer: row.issuer, clientId: row.clientId, scopes: row.scopes, firstSignIn: row.firstSignIn },
    });
    return present(done);
  });
}

/** One change of a tenant's providers at a time, so two concurrent ones cannot each count on the other provider. */
async function lockProviders(tx: WriteTx, tenantId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`identity-providers:${tenantId}`}, 0))`);
}

/** Whether `row` is the only enabled provider left for its audience (so removing it locks that audience out). */
async function lastOfAudience(tx: WriteTx, row: ProviderRow): Promise<boolean> {
  // A disabled provider signs nobody in: removing it locks nobody out.
  if (!row.enabled) return false;
  const others = await tx
    .select({ id: identityProviders.id })
    .from(identityProviders)
    .where(and(eq(identityProviders.audience, row.audience), eq(identityProviders.enabled, true), ne(identityProviders.id, row.id)))
    .limit(1);
  return others.length === 0;
}

/**
 * Changes a provider. Disabling the last enabled provider of an audience, or moving it to the
 * other audience, locks that audience out as a removal would: it needs `confirmLast` too.
 */
export async function updateProvider({
  db,
  ctx,
  box,
  slug,
  changes,
  confirmLast = false,
}: {
  db: Db;
  ctx: TrustedContext;
  box: SecretBox;
  slug: string;
  changes: ProviderChanges;
  confirmLast?: boolean;
}) {
  if (changes.issuer !== undefined) checkIssuer(changes.issuer, "body/issuer");
  if (changes.scopes !== undefined) checkScopes(changes.scopes, "body/scopes");
  return db.write(ctx, async (tx, journal) => {
    await lockProviders(tx, ctx.tenant.id);
    const [row] = await tx.select().from(identityProviders).where(eq(identityProviders.slug, slug)).limit(1);
    if (!row) throw notFound(providerText.notFound);
    const leaves = changes.enabled === false || (changes.audience !== undefined && changes.audience !== row.audience);
    const last = leaves && (await lastOfAudience(tx, row));
    if (last && !confirmLast) throw conflict(providerText.lastOfAudience(row.label, row.audience));
    const { clientSecret, ...plain } = changes;
    const set: Partial<typeof identityProviders.$inferInsert> = { ...plain, updatedAt: new Date() };
    if (plain.issuer) set.issuer = plain.issuer.replace(/\/$/, "");
    if (clientSecret !== undefined) {
      const sealed = await box.seal(new TextEncoder().encode(clientSecret), secretAad(row.id));
      set.clientSecretCipher = sealed.cipher;
      set.clientSecretIv = sealed.iv;
    }
    const [done] = await tx
      .update(identityProviders)
      .set(set)
      .where(and(eq(identityProviders.id, row.id)))
      .returning();
    await journal({
      action: "identity.provider.update",
      target: `identity-providers/${row.id}`,
      // Which fields changed, and their new values — except the secret, of which only the fact.
      summary: {
        ...plain,
        ...(clientSecret !== undefined ? { clientSecret: "remplacé" } : {}),
        ...(last ? { lastOfAudience: row.audience, confirmed: true } : {}),
      },
    });
    return present(done);
  });
}

/**
 * Removes a provider. The last enabled provider of an audience (agents and elected members, or
 * residents) is removed only when the caller confirms it (`confirmLast`): without it, those people
 * could no longer sign in, and nothing would have warned the administrator.
 */
export async function deleteProvider({ db, ctx, slug, confirmLast = false }: { db: Db; ctx: TrustedContext; slug: string; confirmLast?: boolean }) {
  await db.write(ctx, async (tx, journal) => {
    await lockProviders(tx, ctx.tenant.id);
    const [row] = await tx.select().from(identityProviders).where(eq(identityProviders.slug, slug)).limit(1);
    if (!row) throw notFound(providerText.notFound);
    const last = await lastOfAudience(tx, row);
    if (last && !confirmLast) throw conflict(providerText.lastOfAudience(row.label, row.audience));
    await tx.delete(identityProviders).where(eq(identityProviders.id, row.id));
    await journal({
      action: "identity.provider.delete",
      target: `identity-providers/${row.id}`,
      summary: { slug, ...(last ? { lastOfAudience: row.audience, confirmed: true } : {}) },
    });
  });
}

export const unknownProvider = () => new AppError("notFound", providerText.notActive);
