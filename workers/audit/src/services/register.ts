/** The tenant's register of processing activities: what the code declares, with the tenant's words. */
import { securityProcessingNotes } from "@communa/db";
import type { Domain } from "@communa/db/ownership";
import type { Db, TrustedContext } from "@communa/core";
import { processingRegister, type ProcessingNote } from "./rgpd.ts";

export async function tenantRegister({ db, ctx }: { db: Db; ctx: TrustedContext }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(securityProcessingNotes));
  return { processings: processingRegister(new Map(rows.map((r) => [r.module, { purpose: r.purpose, recipients: r.recipients, legalBasis: r.legalBasis }]))) };
}

export async function saveNote({ db, ctx, module, input }: { db: Db; ctx: TrustedContext; module: Domain; input: ProcessingNote }) {
  return db.write(ctx, async (tx, journal) => {
    const values = { ...input, updatedAt: new Date() };
    await tx
      .insert(securityProcessingNotes)
      .values({ tenantId: ctx.tenant.id, module, ...values })
      .onConflictDoUpdate({ target: [securityProcessingNotes.tenantId, securityProcessingNotes.module], set: values });
    await journal({ action: "audit.register.note", target: `security_processing_notes/${module}`, summary: { module } });
    return { module, ...input };
  });
}
