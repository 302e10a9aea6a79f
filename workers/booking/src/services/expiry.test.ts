/** The option-expiry job with a clock passed in (issue #19): an option lapses after its delay and frees the slot. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestTenant, testContext, person, withDb } from "@communa/core/testing";
import type { DbEnv } from "@communa/core";
import { createRenter, createResource } from "./resources.ts";
import { createBooking } from "./bookings.ts";
import { expireOptions } from "./expiry.ts";
import { BookingConflict } from "./conflict.ts";

const testEnv = env as unknown as DbEnv & { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const day = 86_400_000;

describe("option expiry", () => {
  it("holds the slot for the resource's delay, then the job frees it", () =>
    withDb(testEnv, async (db) => {
      const tenant = await createTestTenant(testEnv);
      const ctx = testContext(tenant, person("bookings:write"));
      const hall = await createResource({ db, ctx, input: { kind: "hall", name: "Salle polyvalente", optionDays: 8 } });
      const a = await createRenter({ db, ctx, input: { kind: "resident", name: "A" } });
      const b = await createRenter({ db, ctx, input: { kind: "resident", name: "B" } });
      const t0 = new Date("2031-04-01T10:00:00Z");
      const slot = { resourceId: hall.id, startsAt: "2031-05-17T08:00:00Z", endsAt: "2031-05-17T22:00:00Z" };
      const option = await createBooking({ db, ctx, input: { ...slot, renterId: a.id, state: "option" }, now: t0 });
      expect(option.optionExpiresAt).toBe(new Date(t0.getTime() + 8 * day).toISOString());
      // Seven days later the option still holds: the job lapses nothing, the slot is taken.
      expect(await expireOptions(db, tenant, new Date(t0.getTime() + 7 * day))).toEqual([]);
      await expect(
        createBooking({ db, ctx, input: { ...slot, renterId: b.id, state: "request" }, now: new Date(t0.getTime() + 7 * day) }),
      ).rejects.toBeInstanceOf(BookingConflict);
      // After eight days the job lapses it, and the slot is free for another renter.
      expect(await expireOptions(db, tenant, new Date(t0.getTime() + 8 * day + 1))).toEqual([option.reference]);
      const next = await createBooking({ db, ctx, input: { ...slot, renterId: b.id, state: "request" }, now: new Date(t0.getTime() + 8 * day + 2) });
      expect(next.state).toBe("request");
    }));
});
