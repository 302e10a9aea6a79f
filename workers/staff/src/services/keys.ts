/** The tenant key's rotation, journalled (ADR 0039): document keys re-wrapped, documents untouched. */
import type { Deps } from "./documents.ts";
import { rotateTenantKey } from "./envelope.ts";

export async function rotateKey(deps: Deps) {
  return deps.db.write(deps.ctx, async (tx, journal) => {
    const r = await rotateTenantKey(tx, deps.env.STAFF_MASTER_KEY, deps.ctx.tenant.id);
    await journal({ action: "staff.key.rotate", target: "staff_keys", summary: r });
    return r;
  });
}
