/**
 * Roles other domains grant on evidence they hold (a merchant's claim granted by the directory),
 * asked of identity over RPC (ADR 0025): only identity writes memberships. Each calling domain has
 * a ceiling — the roles it may hand out — and the rule of every grant applies to it: nobody grants
 * more than they hold (`assertGrantable`), so the directory's door cannot make an admin.
 */
import { memberships } from "@communa/db";
import { ROLES, assertGrantable, forbidden, invalid, permissionsOf, type Db, type Role, type TrustedContext } from "@communa/core";
import type { RoleGrant } from "@communa/contracts/rpc";
import { grantText } from "../messages.fr.ts";

/** The domains that grant roles over RPC, and what each may grant. */
export const GRANTABLE_BY = {
  directory: ["merchant"],
} as const satisfies Record<string, readonly Role[]>;
export type Grantor = keyof typeof GRANTABLE_BY;

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

/** Grants `grant.role` to `grant.personId` in the caller's tenant, journalled with the actor and the reason; idempotent. */
export async function grantRoleFor({ db, ctx, grantor, grant }: { db: Db; ctx: TrustedContext; grantor: Grantor; grant: RoleGrant }) {
  if (!isRole(grant.role)) throw invalid(undefined, [{ path: "role", message: grantText.unknownRole(grant.role) }]);
  try {
    assertGrantable(permissionsOf(GRANTABLE_BY[grantor]), permissionsOf([grant.role]));
  } catch {
    // assertGrantable names the missing permissions in the first person; here the holder is a domain.
    throw forbidden(grantText.beyond(grantor, grant.role));
  }
  return db.write(ctx, async (tx, journal) => {
    const inserted = await tx
      .insert(memberships)
      .values({ tenantId: ctx.tenant.id, personId: grant.personId, role: grant.role, grantedBy: grant.reason })
      .onConflictDoNothing()
      .returning({ role: memberships.role });
    await journal({
      action: "identity.member.grant",
      target: `people/${grant.personId}`,
      summary: { role: grant.role, by: grantor, reason: grant.reason, granted: inserted.length > 0 },
    });
    return { personId: grant.personId, role: grant.role, granted: inserted.length > 0 };
  });
}
