/**
 * The tenant's display board (ADR 0046): kiosks' public-service links, the station screen's
 * panels, desks and hours, permanences and announcements. Stored in Postgres (one row a tenant,
 * validated by the shared contract), written with its journal row; each save tells the tenant's
 * screens over their live socket (the SignageHub Durable Object).
 */
import { eq, sql } from "drizzle-orm";
import { signageBoards } from "@communa/db";
import { log, type Db, type TrustedContext } from "@communa/core";
import type { Board, PublishedBoard } from "@communa/contracts/signage";
import type { DevicesBindings } from "../env.ts";

/** A tenant that has not edited its board yet: the national operators, every panel, nothing dated. */
export const DEFAULT_BOARD: Board = {
  panels: ["services", "permanences", "news"],
  rotateSeconds: 15,
  links: ["caf", "impots", "ameli", "ants", "france-travail", "msa", "service-public"],
  desks: [],
  permanences: [],
  announcements: [],
};

/** The tenant's live hub (one Durable Object a tenant). */
export const hubOf = (env: DevicesBindings, tenantId: string) => env.SIGNAGE_HUBS.get(env.SIGNAGE_HUBS.idFromName(tenantId));

export async function readBoard({ db, ctx }: { db: Db; ctx: TrustedContext }): Promise<PublishedBoard> {
  const [row] = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(signageBoards).where(eq(signageBoards.tenantId, ctx.tenant.id)));
  if (!row) return { ...DEFAULT_BOARD, version: 0, updatedAt: null };
  return { ...DEFAULT_BOARD, ...row.content, version: row.version, updatedAt: new Date(row.updatedAt).toISOString() };
}

/** Saves the board (next version), journalled; then the screens hear of it (after the commit). */
export async function saveBoard({ db, env, ctx, board }: { db: Db; env: DevicesBindings; ctx: TrustedContext; board: Board }): Promise<PublishedBoard> {
  const by = ctx.actor.kind === "anonymous" ? null : ctx.actor.id;
  const saved = await db.write(ctx, async (tx, journal) => {
    const [row] = await tx
      .insert(signageBoards)
      .values({ tenantId: ctx.tenant.id, content: board, version: 1, updatedBy: by })
      .onConflictDoUpdate({
        target: signageBoards.tenantId,
        set: { content: board, version: sql`${signageBoards.version} + 1`, updatedAt: sql`now()`, updatedBy: by },
      })
      .returning();
    await journal({
      action: "devices.signage.save",
      target: `signage_boards/${ctx.tenant.id}`,
      summary: { version: row.version, panels: board.panels, announcements: board.announcements.length, permanences: board.permanences.length },
    });
    return { ...row.content, version: row.version, updatedAt: new Date(row.updatedAt).toISOString() };
  });
  try {
    await hubOf(env, ctx.tenant.id).notify(saved.version);
  } catch (err) {
    // Saved all the same: a screen that missed the news reads the board when its socket reopens.
    log("warn", "écrans non prévenus de la mise à jour de l’affichage", { error: err });
  }
  return saved;
}
