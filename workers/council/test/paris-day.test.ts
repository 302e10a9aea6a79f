/**
 * Mandates are read on the calendar day in Paris (issue #13): at 00:30 in Paris on 1 December it
 * is still 30 November in UTC, and a mandate that starts on 1 December is in office all the same,
 * whether the question is "today" or the day of a sitting held just after midnight.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CouncilIdentityService } from "@communa/contracts/rpc";
import type { AppError } from "@communa/core";
import { adminQuery, createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import { addMember, addRoom, createCouncil } from "../src/services/councils.ts";
import { convene, createSitting, giveProxy, liveConfig } from "../src/services/sittings.ts";

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
        input: {
          councilId: council.id,
          title: "Séance de minuit",
          startsAt: "2026-12-01T00:30:00+01:00",
          roomIds: [room.id],
          items: [],
          synthesisNote: "Aucune affaire soumise à délibération.",
        },
      });
      // Convened well within the delay (the clock the service reads only).
      vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-20T10:00:00Z") });
      expect(await convene({ db, ctx, identity, sittingId: sitting.id })).toEqual({ convened: 2, total: 2, clearDays: 10, requiredClearDays: 5 });
    });
  });

  it("checks the convocation delay in clear days on the Paris calendar: 3 below 3,500 inhabitants, 5 from it, 1 in urgency", async () => {
    // A commune of the reference data, of 1,200 inhabitants (population totale), then of 3,600.
    const insee = `2B9${String(Math.floor(Math.random() * 90) + 10)}`; // no such commune (Haute-Corse stops at 2B366)
    await adminQuery(
      testEnv,
      "INSERT INTO communes (insee, name, postcode, siren, epci_siren, population, population_total, population_year, boundary, bbox) VALUES ($1, 'Essai', '60000', '999999998', '999999997', 1180, 1200, 2023, '{\"type\":\"Polygon\",\"coordinates\":[]}', '{0,0,0,0}') ON CONFLICT (insee) DO UPDATE SET population_total = 1200",
      [insee],
    );
    const tenant = { ...(await createTestTenant(testEnv)), insee };
    const ctx = testContext(tenant, person("council:write"));
    await withDb(testEnv, async (db) => {
      const council = await createCouncil({ db, ctx, input: { name: "Conseil municipal", kind: "municipal" } });
      await addMember({ db, ctx, identity, councilId: council.id, input: { fullName: "Élue", birthDate: "1980-01-01", mandateStart: "2020-03-15" } });
      const room = await addRoom({ db, ctx, councilId: council.id, input: { name: "Salle du conseil", address: "1 place de la Mairie" } });
      const sitting = (title: string, synthesisNote?: string) =>
        createSitting({
          db,
          ctx,
          input: { councilId: council.id, title, startsAt: "2027-03-10T18:30:00+01:00", roomIds: [room.id], items: [], synthesisNote },
        });
      const at = async (now: string, sittingId: string, urgencyReason?: string) => {
        vi.useFakeTimers({ toFake: ["Date"], now: new Date(now) });
        try {
          return await convene({ db, ctx, identity, sittingId, urgencyReason }).catch((err: unknown) => err as AppError);
        } finally {
          vi.useRealTimers();
        }
      };
      // Sitting on 10 March: sent on 6 March (23:30 in Paris is still the 6th), 3 clear days (7, 8, 9).
      const small = await sitting("Séance ordinaire");
      const late = (await at("2027-03-07T00:30:00+01:00", small.id)) as AppError;
      expect([late.status, late.kind]).toEqual([422, "unprocessable"]);
      expect(late.message).toContain("3 jours francs");
      expect(late.message).toContain("samedi 6 mars 2027");
      expect(late.message).toContain("L2121-11");
      expect(await at("2027-03-06T23:30:00+01:00", small.id)).toMatchObject({ convened: 1, clearDays: 3, requiredClearDays: 3 });
      // Urgency: one clear day, the reason recorded (and shown in the minutes, from the sitting's config).
      const urgent = await sitting("Séance d’urgence");
      const tooLateEvenUrgent = (await at("2027-03-09T09:00:00+01:00", urgent.id, "Sinistre sur la voirie communale")) as AppError;
      expect(tooLateEvenUrgent.message).toContain("1 jour franc");
      expect(tooLateEvenUrgent.message).toContain("lundi 8 mars 2027");
      expect(await at("2027-03-08T09:00:00+01:00", urgent.id, "Sinistre sur la voirie communale")).toMatchObject({ clearDays: 1, requiredClearDays: 1 });
      const [row] = await adminQuery<{ urgency_reason: string; convened_at: Date }>(
        testEnv,
        "SELECT urgency_reason, convened_at FROM council_sittings WHERE id = $1",
        [urgent.id],
      );
      expect(row.urgency_reason).toBe("Sinistre sur la voirie communale");
      expect(new Date(row.convened_at).toISOString()).toBe("2027-03-08T08:00:00.000Z");

      // From 3,500 inhabitants: five clear days, and the note of synthesis is mandatory (L2121-12).
      await adminQuery(testEnv, "UPDATE communes SET population_total = 3600 WHERE insee = $1", [insee]);
      const large = await sitting("Séance, commune de 3 600 habitants");
      expect(((await at("2027-03-06T10:00:00+01:00", large.id)) as AppError).message).toContain("jeudi 4 mars 2027");
      const noNote = (await at("2027-03-04T10:00:00+01:00", large.id)) as AppError;
      expect([noNote.status, noNote.message.slice(0, 40)]).toEqual([422, "La note explicative de synthèse sur les "]);
      const withNote = await sitting("Séance avec note", "Note explicative : budget supplémentaire.");
      expect(await at("2027-03-04T10:00:00+01:00", withNote.id)).toMatchObject({ clearDays: 5, requiredClearDays: 5 });
    });
  });

  it("a suppléant only for the single community councillor of a commune (L5211-6): set apart in the room, convened too", async () => {
    const tenant = await createTestTenant(testEnv, { kind: "epci" });
    const ctx = testContext(tenant, person("council:write"));
    await withDb(testEnv, async (db) => {
      const municipal = await createCouncil({ db, ctx, input: { name: "Conseil municipal", kind: "municipal" } });
      const council = await createCouncil({ db, ctx, input: { name: "Conseil communautaire", kind: "community" } });
      const add = (councilId: string, fullName: string, communeInsee: string | null, substituteForMemberId?: string) =>
        addMember({
          db,
          ctx,
          identity,
          councilId,
          input: { fullName, birthDate: "1970-01-01", mandateStart: "2020-07-01", communeInsee, substituteForMemberId },
        });
      const field = (err: unknown) => (err as AppError).fieldErrors?.map((f) => `${f.path}: ${f.message.slice(0, 30)}`);
      const alone = await add(council.id, "Seul conseiller de sa commune", "60001");
      const [a, b] = [await add(council.id, "Conseillère A", "60002"), await add(council.id, "Conseiller B", "60002")];
      const other = await add(municipal.id, "Élu municipal", null);
      expect(field(await add(municipal.id, "Suppléant", null, other.id).catch((e: unknown) => e))).toEqual([
        "body/substituteForMemberId: Un suppléant ne siège qu’au co",
      ]);
      expect(field(await add(council.id, "Suppléant de A", "60002", a.id).catch((e: unknown) => e))).toEqual([
        "body/substituteForMemberId: Seule une commune qui n’a qu’u",
      ]);
      const sub = await add(council.id, "Suppléante", null, alone.id);
      expect(sub).toMatchObject({ substituteForMemberId: alone.id, communeInsee: "60001" });
      expect(field(await add(council.id, "Second suppléant", null, alone.id).catch((e: unknown) => e))).toEqual([
        "body/substituteForMemberId: Ce conseiller a déjà un supplé",
      ]);
      const room = await addRoom({ db, ctx, councilId: council.id, input: { name: "Salle", address: "1 rue" } });
      const sitting = await createSitting({
        db,
        ctx,
        input: {
          councilId: council.id,
          title: "Séance",
          startsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
          roomIds: [room.id],
          items: [],
          synthesisNote: "Note.",
        },
      });
      // The quorum's base is the members in office; the suppléant sits apart, for their titular.
      const { config } = await liveConfig(db, ctx, sitting.id);
      expect(config.members.map((m) => m.id).sort()).toEqual([alone.id, a.id, b.id].sort());
      expect(config.substitutes).toEqual([{ id: sub.id, name: "Suppléante", personId: null, forId: alone.id }]);
      // L5211-6: the suppléant receives the convocation and its documents.
      expect(await convene({ db, ctx, identity, sittingId: sitting.id })).toMatchObject({ convened: 4, total: 4 });

      // L2121-20: three consecutive sittings at most, unless for an illness duly noted.
      const four = await giveProxy({ db, ctx, sittingId: sitting.id, giverMemberId: a.id, holderMemberId: b.id, sittings: 4 }).catch((e: unknown) => e);
      expect(field(four)).toEqual(["body/sittings: Un pouvoir vaut pour trois séa"]);
      expect(await giveProxy({ db, ctx, sittingId: sitting.id, giverMemberId: a.id, holderMemberId: b.id, sittings: 5, illness: true })).toMatchObject({
        sittings: 5,
        illness: true,
      });
      const later = [];
      for (let k = 1; k <= 5; k++)
        later.push(
          await createSitting({
            db,
            ctx,
            input: {
              councilId: council.id,
              title: `Séance ${k + 1}`,
              startsAt: new Date(Date.now() + (10 + 7 * k) * 86_400_000).toISOString(),
              roomIds: [room.id],
              items: [],
            },
          }),
        );
      // The fifth sitting (the first and four after it) is still covered; the sixth is not.
      expect((await liveConfig(db, ctx, later[3].id)).config.proxies).toEqual([{ giverId: a.id, holderId: b.id, sittings: 5 }]);
      expect((await liveConfig(db, ctx, later[4].id)).config.proxies).toEqual([]);
    });
  });
});
