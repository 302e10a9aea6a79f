/**
 * Who holds which roles in a tenant. A person's permissions in a tenant come only from their
 * memberships there: a role in commune A grants nothing in commune B (RLS keeps B from even
 * seeing A's memberships).
 */
import { and, eq, sql } from "drizzle-orm";
import { memberships, outbox, people } from "@communa/db";
import { journalKeyScope } from "./api-keys.ts";
import { inviteText } from "../messages.fr.ts";
import {
  assertGrantable,
  conflict,
  likeContains,
  permissionsOf,
  uuidv7,
  type Actor,
  type Db,
  type Role,
  type Tenant,
  type TrustedContext,
} from "@communa/core";

export async function listMembers({ db, tenant }: { db: Db; tenant: Tenant }) {
  const rows = await db.withTenant(tenant.id, (tx) =>
    tx
      .select({ id: people.id, displayName: people.displayName, role: memberships.role })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .orderBy(people.displayName),
  );
  const byPerson = new Map<string, { id: string; displayName: string; roles: string[] }>();
  for (const r of rows) {
    const p = byPerson.get(r.id) ?? { id: r.id, displayName: r.displayName, roles: [] };
    p.roles.push(r.role);
    byPerson.set(r.id, p);
  }
  return [...byPerson.values()].map((p) => ({ ...p, roles: p.roles.sort() }));
}

/**
 * Replaces a person's roles in the caller's tenant (no role may grant more than the caller holds).
 * Their API keys lose what the person loses, at once (see api-keys.ts).
 */
export async function setRoles({ db, ctx, personId, roles }: { db: Db; ctx: TrustedContext; personId: string; roles: Role[] }) {
  assertGrantable(ctx.actor.kind === "anonymous" ? [] : ctx.actor.permissions, permissionsOf(roles));
  const unique = [...new Set(roles)].sort();
  await db.write(ctx, async (tx, journal) => {
    const before = await tx.select({ role: memberships.role }).from(memberships).where(eq(memberships.personId, personId));
    await tx.delete(memberships).where(and(eq(memberships.tenantId, ctx.tenant.id), eq(memberships.personId, personId)));
    if (unique.length) {
      await tx
        .insert(memberships)
        .values(unique.map((role) => ({ tenantId: ctx.tenant.id, personId, role, grantedBy: ctx.actor.kind === "anonymous" ? "anonymous" : ctx.actor.id })));
    }
    await journal({
      action: "identity.member.roles",
      target: `people/${personId}`,
      summary: { before: before.map((b) => b.role).sort(), after: unique },
    });
    // Their keys follow at once (narrowed at each use); the journal says which ones changed.
    await journalKeyScope(tx, journal, { personId, before: permissionsOf(before.map((b) => b.role as Role)), after: permissionsOf(unique) });
  });
  return { id: personId, roles: unique };
}

/**
 * Invites someone by e-mail with one role in the caller's tenant (no more than the caller holds):
 * a member already known here gets the role added; anyone else is created with it (through the
 * sign-in's SECURITY DEFINER function, then given the role asked instead of "resident"). A mail in
 * the outbox points at the tenant's sign-in page, where they ask for their own link (ADR 0010):
 * the invitation itself signs nobody in. People are looked up within the tenant only (RLS), so a
 * person known only to another tenant is created again here.
 */
export async function inviteMember({ db, ctx, email, displayName, role }: { db: Db; ctx: TrustedContext; email: string; displayName?: string; role: Role }) {
  assertGrantable(ctx.actor.kind === "anonymous" ? [] : ctx.actor.permissions, permissionsOf([role]));
  const address = email.trim();
  const by = ctx.actor.kind === "anonymous" ? "anonymous" : ctx.actor.id;
  return db.write(ctx, async (tx, journal) => {
    const [found] = await tx
      .select({ id: people.id, displayName: people.displayName })
      .from(people)
      .where(eq(sql`lower(${people.email})`, address.toLowerCase()))
      .limit(1);
    let personId = found?.id;
    if (personId) {
      const held = await tx.select({ role: memberships.role }).from(memberships).where(eq(memberships.personId, personId));
      if (held.some((h) => h.role === role)) throw conflict(inviteText.alreadyHeld);
      await tx.insert(memberships).values({ tenantId: ctx.tenant.id, personId, role, grantedBy: by });
    } else {
      personId = uuidv7();
      await tx.execute(sql`SELECT app.create_resident(${personId}::uuid, ${displayName?.trim() || address}, ${address})`);
      if (role !== "resident") {
        await tx.delete(memberships).where(and(eq(memberships.tenantId, ctx.tenant.id), eq(memberships.personId, personId)));
        await tx.insert(memberships).values({ tenantId: ctx.tenant.id, personId, role, grantedBy: by });
      }
    }
    const link = `${ctx.siteUrl ?? ""}/connexion/`;
    const mail = inviteText.mail(ctx.tenant.name, role, link, found?.displayName ?? (displayName?.trim() || null));
    await tx.insert(outbox).values({ tenantId: ctx.tenant.id, recipient: address, subject: mail.subject, body: mail.body });
    await journal({ action: "identity.member.invite", target: `people/${personId}`, summary: { role, known: Boolean(found) } });
    const roles = await tx.select({ role: memberships.role }).from(memberships).where(eq(memberships.personId, personId));
    return { id: personId, roles: roles.map((r) => r.role).sort(), created: !found };
  });
}

/** The actor a signed-in person is in `tenant`: their permissions there, and nothing else. */
export async function actorForPerson({ db, tenant, personId }: { db: Db; tenant: Tenant; personId: string }): Promise<Extract<Actor, { kind: "person" }>> {
  const rows = await db.withTenant(tenant.id, (tx) => tx.select({ role: memberships.role }).from(memberships).where(eq(memberships.personId, personId)));
  return { kind: "person", id: personId, permissions: permissionsOf(rows.map((r) => r.role as Role)) };
}

/** A person's name and roles in `tenant` (for their own session page). */
export async function whoIs({ db, tenant, personId }: { db: Db; tenant: Tenant; personId: string }) {
  const rows = await db.withTenant(tenant.id, (tx) =>
    tx
      .select({ displayName: people.displayName, role: memberships.role })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(eq(memberships.personId, personId)),
  );
  return { displayName: rows[0]?.displayName ?? null, roles: rows.map((r) => r.role).sort() };
}

/**
 * People of the tenant whose name matches `q` (accents and case ignored; every word must match),
 * for the back office's pickers: their id, name and roles here — no e-mail, nothing else. RLS on
 * `people` already limits the search to the tenant's members. `role` keeps those holding it.
 */
export async function searchPeople({ db, tenant, q, role, limit }: { db: Db; tenant: Tenant; q: string; role?: Role; limit: number }) {
  const words = q.trim().split(/\s+/).filter(Boolean).slice(0, 5);
  const rows = await db.withTenant(tenant.id, (tx) =>
    tx
      .select({ id: people.id, displayName: people.displayName, roles: sql<string[]>`array_agg(${memberships.role} ORDER BY ${memberships.role})` })
      .from(people)
      .innerJoin(memberships, eq(memberships.personId, people.id))
      .where(
        and(
          ...words.map((w) => sql`unaccent(lower(${people.displayName})) LIKE unaccent(lower(${likeContains(w)}))`),
          role ? sql`EXISTS (SELECT 1 FROM ${memberships} m WHERE m.person_id = ${people.id} AND m.role = ${role})` : undefined,
        ),
      )
      .groupBy(people.id, people.displayName)
      .orderBy(sql`unaccent(lower(${people.displayName}))`, people.id)
      .limit(limit),
  );
  return rows;
}
