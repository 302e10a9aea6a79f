/**
 * Mandates are read on the calendar day in Paris (issue #13): at 00:30 in Paris on 1 December it
 * is still 30 November in UTC, and a mandate that starts on 1 December is in office all the same,
 * whether the question is "today" or the day of a sitting held just after midnight.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CouncilIdentityService } from "@communa/contracts/rpc";
import { createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import { addMember, addRoom, createCouncil } from "../src/services/councils.ts";
import { convene, createSitting } from "../src/services/sittings.ts";

const testEnv = env as unknown as { DATABASE_URL: string; NEON_WS_PROXY: string; TEST_ADMIN_DATABASE_URL: string; IDENTITY: CouncilIdentityService };
const identity = testEnv.IDENTITY;
// 1 December 2026, 00:30 in Paris.
const justAfterMidnight = "2026-11-30T23:30:00Z";

afterEach(() => {
  vi.useRealTimers();
});

describe("mandates on the Paris calendar day", () => {
  it("a mandate starting today in Paris is in office, though UTC still says yesterday", async () => {
    const tenant = await createTestTenant(testEnv);
    const ctx = testContext(tenant, person("council:write"));
    await withDb(testEnv, async (db) => {
      const council = await createCouncil({ db, ctx, input: { name: "Conseil municipal", kind: "municipal" } });
      // Only the clock the service reads is moved: the database driver keeps its real timers.
      vi.useFakeTimers({ toFake: ["Date"], now: new Date(justAfterMidnight) });
      const starting = await addMember({
        db,
        ctx,
        identity,
        councilId: council.id,
        input: { fullName: "Élue du jour", birthDate: "1980-01-01", mandateStart: "2026-12-01" },
      });
      const ended = await addMember({
        db,
        ctx,
        identity,
        councilId: council.id,
        input: { fullName: "Élu sortant", birthDate: "1960-01-01", mandateStart: "2020-03-15", mandateEnd: "2026-11-30" },
      });
      vi.useRealTimers();
      expect(starting.inOffice).toBe(true);
      expect(ended.inOffice).toBe(false);
    });
  });

  it("convenes the members in office on the sitting's day in Paris", async () => {
    const tenant = await createTestTenant(testEnv);
    const ctx = testContext(tenant, person("council:write"));
    await withDb(testEnv, async (db) => {
      const council = await createCouncil({ db, ctx, input: { name: "Conseil municipal", kind: "municipal" } });
      await addMember({ db, ctx, identity, councilId: council.id, input: { fullName: "Élue du jour", birthDate: "1980-01-01", mandateStart: "2026-12-01" } });
      await addMember({ db, ctx, identity, councilId: council.id, input: { fullName: "Élu de 2020", birthDate: "1960-01-01", mandateStart: "2020-03-15" } });
      const room = await addRoom({ db, ctx, councilId: council.id, input: { name: "Salle du conseil", address: "1 place de la Mairie" } });
      const sitting = await createSitting({
        db,
        ctx,
        input: { councilId: council.id, title: "Séance de minuit", startsAt: "2026-12-01T00:30:00+01:00", roomIds: [room.id], items: [] },
      });
      expect(await convene({ db, ctx, identity, sittingId: sitting.id })).toEqual({ convened: 2, total: 2 });
    });
  });
});
