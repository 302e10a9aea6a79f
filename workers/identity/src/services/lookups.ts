/**
 * What other domains may learn of people, asked over RPC (ADR 0025): people and memberships are
 * identity's tables, and a domain that holds a person's id (a council member, a premises'
 * occupant, an intervention's agent) asks here instead of reading them. Each answer gives the
 * least the caller needs (RGPD): an id for a look-up by address, a yes or no for "is this an
 * agent here", an address for a mailing — never a name, a role or another tenant's member.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { memberships, people } from "@communa/db";
import type { Db } from "@communa/core";
import type { MemberEmail, MemberRef } from "@communa/contracts/rpc";

/** The person holding a role in the tenant whose account has `email` (already trimmed and lower-cased), or null. */
export async function memberByEmail({ db, tenantId, email }: { db: Db; tenantId: string; email: string }): Promise<MemberRef | null> {
  const [row] = await db.withTenant(tenantId, (tx) =>
    tx
      .selectDistinct({ personId: people.id })
      .from(people)
      .innerJoin(memberships, and(eq(memberships.personId, people.id), eq(memberships.tenantId, tenantId)))
      .where(eq(sql`lower(${people.email})`, email))
      .orderBy(asc(people.id))
      .limit(1),
  );
  return row ?? null;
}

/** Whether `personId` holds a role in the tenant. */
export async function isMember({ db, tenantId, personId }: { db: Db; tenantId: string; personId: string }): Promise<boolean> {
  const rows = await db.withTenant(tenantId, (tx) =>
    tx
      .select({ personId: memberships.personId })
      .from(memberships)
      .where(and(eq(memberships.personId, personId), eq(memberships.tenantId, tenantId)))
      .limit(1),
  );
  return rows.length > 0;
}

/** The addresses of those of `personIds` who hold a role in the tenant and have one. */
export async function memberEmails({ db, tenantId, personIds }: { db: Db; tenantId: string; personIds: string[] }): Promise<MemberEmail[]> {
  const ids = [...new Set(personIds)];
  if (!ids.length) return [];
  const rows = await db.withTenant(tenantId, (tx) =>
    tx
      .selectDistinct({ personId: people.id, email: people.email })
      .from(people)
      .innerJoin(memberships, and(eq(memberships.personId, people.id), eq(memberships.tenantId, tenantId)))
      .where(inArray(people.id, ids))
      .orderBy(asc(people.id)),
  );
  return rows.filter((r): r is MemberEmail => typeof r.email === "string" && r.email.trim() !== "");
}
