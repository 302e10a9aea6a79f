/**
 * Claiming a listing: a signed-in person asks to manage it. Either a 6-digit code goes to the
 * business's registered e-mail address (through the outbox; valid 24 h, 5 attempts), or an agent
 * checks and approves. Granted: the person manages the listing and holds the merchant role here.
 */
import { and, eq, sql } from "drizzle-orm";
import { businesses, claims, outbox } from "@communa/db";
import { conflict, forbidden, invalid, notFound, type Db, type TrustedContext } from "@communa/core";
import type { DirectoryIdentityService } from "@communa/contracts/rpc";
import { grantClaim } from "./businesses.ts";
import { sha256 } from "@communa/core/hash";
import { m } from "../messages.fr.ts";

const CODE_HOURS = 24;
const MAX_ATTEMPTS = 5;

function personOf(ctx: TrustedContext): string {
  if (ctx.actor.kind !== "person") throw forbidden(m.personOnly);
  return ctx.actor.id;
}

export async function openClaim({ db, ctx, businessId, method }: { db: Db; ctx: TrustedContext; businessId: string; method: "code" | "agent" }) {
  const personId = personOf(ctx);
  return db.write(ctx, async (tx, journal) => {
    const [b] = await tx
      .select()
      .from(businesses)
      .where(and(eq(businesses.id, businessId), eq(businesses.tenantId, ctx.tenant.id)))
      .limit(1);
    if (!b) throw notFound(m.noListing);
    if (b.ownerPersonId) throw conflict(m.alreadyManaged);
    if (method === "code" && !b.email) throw conflict(m.noEmailForCode);
    const code = method === "code" ? String(crypto.getRandomValues(new Uint32Array(1))[0] % 1_000_000).padStart(6, "0") : null;
    const [c] = await tx
      .insert(claims)
      .values({
        tenantId: ctx.tenant.id,
        businessId,
        personId,
        method,
        codeHash: code ? await sha256(`${businessId}:${code}`) : null,
        expiresAt: new Date(Date.now() + CODE_HOURS * 3_600_000),
      })
      .returning({ id: claims.id });
    if (code) {
      await tx.insert(outbox).values({
        tenantId: ctx.tenant.id,
        recipient: b.email!,
        subject: `Code de vérification pour la fiche « ${b.name} »`,
        body: `Bonjour,\n\nUne personne demande à gérer la fiche « ${b.name} » dans l’annuaire de ${ctx.tenant.name}. Si c’est vous, saisissez ce code sur le site : ${code}\n\nIl est valable ${CODE_HOURS} heures. Sinon, ignorez ce message.\n`,
      });
    }
    await journal({ action: "directory.claim.open", target: `businesses/${businessId}`, summary: { method } });
    return { id: c.id, method, expiresAt: new Date(Date.now() + CODE_HOURS * 3_600_000).toISOString() };
  });
}

export async function confirmClaim({
  db,
  ctx,
  identity,
  claimId,
  code,
}: {
  db: Db;
  ctx: TrustedContext;
  identity: DirectoryIdentityService;
  claimId: string;
  code: string;
}) {
  const personId = personOf(ctx);
  return db.write(ctx, async (tx, journal) => {
    const [c] = await tx
      .select()
      .from(claims)
      .where(and(eq(claims.id, claimId), eq(claims.personId, personId)))
      .limit(1);
    if (c?.method !== "code" || c.status !== "open") throw notFound(m.noOpenClaim);
    if (new Date(c.expiresAt).getTime() < Date.now() || c.attempts >= MAX_ATTEMPTS) {
      await tx.update(claims).set({ status: "expired" }).where(eq(claims.id, c.id));
      await journal({ action: "directory.claim.expire", target: `businesses/${c.businessId}` });
      return { granted: false, reason: m.claimExpired };
    }
    const hash = await sha256(`${c.businessId}:${code}`);
    const stored = new Uint8Array(c.codeHash!);
    if (stored.length !== hash.length || stored.some((x, i) => x !== hash[i])) {
      await tx
        .update(claims)
        .set({ attempts: sql`${claims.attempts} + 1` })
        .where(eq(claims.id, c.id));
      await journal({ action: "directory.claim.wrong-code", target: `businesses/${c.businessId}` });
      throw invalid(undefined, [{ path: "body/code", message: m.wrongCode }]);
    }
    await grantClaim(tx, ctx, identity, c.id, c.businessId, personId);
    await journal({ action: "directory.claim.grant", target: `businesses/${c.businessId}`, summary: { method: "code", person: personId } });
    return { granted: true, businessId: c.businessId };
  });
}

export async function approveClaim({ db, ctx, identity, claimId }: { db: Db; ctx: TrustedContext; identity: DirectoryIdentityService; claimId: string }) {
  return db.write(ctx, async (tx, journal) => {
    const [c] = await tx.select().from(claims).where(eq(claims.id, claimId)).limit(1);
    if (c?.status !== "open") throw notFound(m.noOpenClaim);
    await grantClaim(tx, ctx, identity, c.id, c.businessId, c.personId);
    await journal({ action: "directory.claim.grant", target: `businesses/${c.businessId}`, summary: { method: "agent", person: c.personId } });
    return { granted: true, businessId: c.businessId };
  });
}

export async function listClaims({ db, ctx }: { db: Db; ctx: TrustedContext }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ id: claims.id, businessId: claims.businessId, business: businesses.name, method: claims.method, createdAt: claims.createdAt })
      .from(claims)
      .innerJoin(businesses, eq(businesses.id, claims.businessId))
      .where(eq(claims.status, "open")),
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}
