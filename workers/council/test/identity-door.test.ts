/**
 * The council asks identity's door for people (ADR 0025, amended): a member linked by the e-mail of
 * their account, convocations e-mailed to the address identity knows; identity unreachable is a
 * 503 and convenes nobody, so the retry e-mails everyone.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CouncilIdentityService } from "@communa/contracts/rpc";
import type { AppError } from "@communa/core";
import { adminQuery, createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import { addMember, addRoom, createCouncil } from "../src/services/councils.ts";
import { convene, createSitting } from "../src/services/sittings.ts";

const testEnv = env as unknown as { DATABASE_URL: string; NEON_WS_PROXY: string; TEST_ADMIN_DATABASE_URL: string; IDENTITY: CouncilIdentityService };
const identity = testEnv.IDENTITY;
const unreachable: CouncilIdentityService = {
  memberByEmail: () => Promise.reject(new Error("Network connection lost.")),
  memberEmails: () => Promise.reject(new Error("Network connection lost.")),
  isMember: () => Promise.reject(new Error("Network connection lost.")),
};

describe("the council and identity's door", () => {
  it("links a member by account e-mail, e-mails the convocation to it; identity unreachable: 503, nobody convened", async () => {
    const tenant = await createTestTenant(testEnv);
    const email = `elue.${crypto.randomUUID().slice(0, 8)}@example.invalid`;
    const [p] = await adminQuery<{ id: string }>(testEnv, "INSERT INTO people (id, display_name, email) VALUES (gen_random_uuid(), 'Élue', $1) RETURNING id", [
      email,
    ]);
    await adminQuery(testEnv, "INSERT INTO memberships (tenant_id, person_id, role, granted_by) VALUES ($1, $2, 'councillor', 'test')", [tenant.id, p.id]);
    const ctx = testContext(tenant, person("council:write"));
    await withDb(testEnv, async (db) => {
      const council = await createCouncil({ db, ctx, input: { name: "Conseil municipal", kind: "municipal" } });
      const input = { fullName: "Élue", birthDate: "1980-01-01", mandateStart: "2020-03-15", accountEmail: email.toUpperCase() };
      const refused = await addMember({ db, ctx, identity: unreachable, councilId: council.id, input }).catch((err: unknown) => err);
      expect([(refused as AppError).kind, (refused as AppError).status]).toEqual(["unavailable", 503]);
      const m = await addMember({ db, ctx, identity, councilId: council.id, input });
      const [linked] = await adminQuery<{ person_id: string }>(testEnv, "SELECT person_id FROM council_members WHERE id = $1", [m.id]);
      expect(linked.person_id).toBe(p.id);
      const unknown = await addMember({ db, ctx, identity, councilId: council.id, input: { ...input, accountEmail: "personne@example.invalid" } }).catch(
        (err: unknown) => err,
      );
      expect((unknown as AppError).fieldErrors?.map((f) => f.path)).toEqual(["body/accountEmail"]);

      const room = await addRoom({ db, ctx, councilId: council.id, input: { name: "Salle du conseil", address: "1 place de la Mairie" } });
      const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
      const sitting = await createSitting({
        db,
        ctx,
        input: { councilId: council.id, title: "Séance", startsAt, roomIds: [room.id], items: [], synthesisNote: "Note : aucune affaire." },
      });
      const down = await convene({ db, ctx, identity: unreachable, sittingId: sitting.id }).catch((err: unknown) => err);
      expect((down as AppError).status).toBe(503);
      expect(await adminQuery(testEnv, "SELECT 1 FROM council_convocations WHERE sitting_id = $1", [sitting.id])).toEqual([]);
      expect(await convene({ db, ctx, identity, sittingId: sitting.id })).toMatchObject({ convened: 1, total: 1 });
      const mails = await adminQuery<{ recipient: string; body: string }>(testEnv, "SELECT recipient, body FROM outbox WHERE tenant_id = $1", [tenant.id]);
      expect(mails.map((m) => m.recipient)).toEqual([email]);
      expect(mails[0].body).toContain("Note explicative de synthèse :\nNote : aucune affaire.");
    });
  });
});
