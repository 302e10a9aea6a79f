/**
 * The first administrator of a newly onboarded tenant: a person (found by e-mail, or created), the
 * `admin` role in that tenant, a journal entry, and a mail in the outbox — in the onboarding's
 * transaction. The mail does not carry a sign-in token: the identity Worker's e-mail links are
 * bound to the browser that asked for them and live 15 minutes (ADR 0010), so the invitation
 * points at the tenant's sign-in page, where the invited person asks for that link like any
 * member (ADR 0023). Nothing here can sign anyone in by itself.
 */
import { eq, sql } from "drizzle-orm";
import * as schema from "../schema/index.ts";
import { uuidv7 } from "../ids.ts";
import type { OwnerTx } from "./apply.ts";
import { OnboardingError } from "./plan.ts";
import { errorText, mailText } from "./messages.fr.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What the journal records as the actor of an operator's command (no person: a shell on the owner role). */
export const OPERATOR = { kind: "operator", id: "tenant:add" } as const;

/** The tenant's sign-in page: `origin` is the site's public origin (locally http://127.0.0.1:4321). */
export function signInPage(origin: string, slug: string): string {
  return `${origin.replace(/\/+$/, "")}/${slug}/connexion/`;
}

export async function inviteAdmin(
  tx: OwnerTx,
  { tenant, email, displayName, origin }: { tenant: { id: string; slug: string; name: string }; email: string; displayName?: string; origin: string },
): Promise<{ email: string; personId: string; sent: boolean; link: string }> {
  const address = email.trim();
  if (!EMAIL.test(address) || address.length > 200) throw new OnboardingError(errorText.emailInvalid(email));
  const link = signInPage(origin, tenant.slug);
  const [found] = await tx
    .select({ id: schema.people.id, displayName: schema.people.displayName })
    .from(schema.people)
    .where(eq(sql`lower(${schema.people.email})`, address.toLowerCase()))
    .limit(1);
  const personId =
    found?.id ??
    (
      await tx
        .insert(schema.people)
        .values({ displayName: displayName ?? address, email: address })
        .returning({ id: schema.people.id })
    )[0].id;
  // A name to greet them by: theirs if they are known already, else the one given (never the bare address).
  const greeting = found?.displayName ?? displayName ?? null;
  await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenant.id}, true)`);
  const granted = await tx
    .insert(schema.memberships)
    .values({ tenantId: tenant.id, personId, role: "admin", grantedBy: `${OPERATOR.kind}:${OPERATOR.id}` })
    .onConflictDoNothing()
    .returning({ role: schema.memberships.role });
  if (!granted.length) return { email: address, personId, sent: false, link };
  const mail = mailText.adminInvitation(tenant.name, link, greeting === address ? null : greeting);
  await tx.insert(schema.outbox).values({ tenantId: tenant.id, recipient: address, subject: mail.subject, body: mail.body });
  await tx.insert(schema.auditJournal).values({
    tenantId: tenant.id,
    actorKind: OPERATOR.kind,
    actorId: OPERATOR.id,
    action: "identity.member.invite",
    target: `people/${personId}`,
    requestId: `cli-${uuidv7()}`,
    summary: { role: "admin" },
    // Filled by the database trigger (migration 0003), as for every journal entry.
    seq: 0,
    prevHash: new Uint8Array(),
    hash: new Uint8Array(),
  });
  return { email: address, personId, sent: true, link };
}
