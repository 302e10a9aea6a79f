/**
 * The display board (ADR 0046) inside workerd with its real Durable Object and Postgres: a save
 * bumps the version and is journalled, another tenant keeps its own board, and a screen connected
 * to the tenant's hub hears the new version as soon as the save is committed.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminQuery, createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import { boardMessageSchema, boardSchema, type Board } from "@communa/contracts/signage";
import type { DbEnv } from "@communa/core";
import type { DevicesBindings } from "../env.ts";
import { DEFAULT_BOARD, hubOf, readBoard, saveBoard } from "./signage.ts";

const testEnv = env as unknown as DbEnv & DevicesBindings & { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };

const board = (title: string): Board => ({
  ...DEFAULT_BOARD,
  desks: [{ name: "France services", hours: "lundi-vendredi 9 h-12 h, 14 h-17 h" }],
  announcements: [{ topic: "eau", title, body: "Coupure d’eau rue de la Gare, de 9 h à 12 h.", startsOn: "2030-01-01", endsOn: "2030-01-02" }],
});

/** A screen's socket on the tenant's hub, and the next message it receives. */
async function screenOn(tenantId: string) {
  const res = await hubOf(testEnv, tenantId).fetch("https://devices.internal/live", { headers: { upgrade: "websocket" } });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  ws.accept();
  const next = () => new Promise<unknown>((resolve) => ws.addEventListener("message", (e) => resolve(JSON.parse(String(e.data))), { once: true }));
  return { ws, next };
}

describe("display board", () => {
  it("saves versions with a journal row, tells the tenant's screens, keeps tenants apart", () =>
    withDb(testEnv, async (db) => {
      const tenant = await createTestTenant(testEnv);
      const other = await createTestTenant(testEnv);
      const ctx = testContext(tenant, person("france-services:write"));
      expect(await readBoard({ db, ctx })).toMatchObject({ version: 0, updatedAt: null, links: DEFAULT_BOARD.links });

      const screen = await screenOn(tenant.id);
      const heard = screen.next();
      const first = await saveBoard({ db, env: testEnv, ctx, board: board("Travaux sur le réseau") });
      expect(first.version).toBe(1);
      expect(boardMessageSchema.parse(await heard)).toEqual({ type: "board", version: 1 });

      const again = screen.next();
      const second = await saveBoard({ db, env: testEnv, ctx, board: board("Réseau rétabli") });
      expect(second.version).toBe(2);
      expect(await again).toEqual({ type: "board", version: 2 });
      expect((await readBoard({ db, ctx })).announcements[0].title).toBe("Réseau rétabli");
      screen.ws.close(1000);

      // The other tenant still has the default board (RLS and the key both keep them apart).
      expect((await readBoard({ db, ctx: testContext(other) })).version).toBe(0);
      const journal = await adminQuery<{ action: string }>(
        testEnv,
        "SELECT action FROM audit_journal WHERE tenant_id = $1 AND action = 'devices.signage.save'",
        [tenant.id],
      );
      expect(journal).toHaveLength(2);
    }));

  it("refuses an announcement that ends before it starts, naming the field", () => {
    const r = boardSchema.safeParse({ ...board("x"), announcements: [{ ...board("x").announcements[0], endsOn: "2029-12-31" }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("/"), i.message])).toEqual([["announcements/0/endsOn", "La fin de l’annonce précède son début."]]);
  });
});
