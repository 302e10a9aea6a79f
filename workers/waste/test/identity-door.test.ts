/**
 * The waste Worker asks identity's door for people (ADR 0025, amended): a premises' occupant found
 * by the e-mail of an account that holds a role here, an intervention's agent checked among the
 * tenant's members; identity unreachable is a 503, and nothing is written.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { WasteIdentityService } from "@communa/contracts/rpc";
import type { AppError } from "@communa/core";
import { adminQuery, createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import { savePremises } from "../src/services/registry.ts";
import { requestIntervention } from "../src/services/interventions.ts";

const testEnv = env as unknown as { DATABASE_URL: string; NEON_WS_PROXY: string; TEST_ADMIN_DATABASE_URL: string; IDENTITY: WasteIdentityService };
const identity = testEnv.IDENTITY;
const unreachable: WasteIdentityService = {
  memberByEmail: () => Promise.reject(new Error("Network connection lost.")),
  isMember: () => Promise.reject(new Error("Network connection lost.")),
};
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) => err as AppError,
  );

describe("the waste Worker and identity's door", () => {
  it("links the occupant by account e-mail and assigns only a member; identity unreachable: 503, nothing written", async () => {
    const [t, other] = [await createTestTenant(testEnv), await createTestTenant(testEnv)];
    const email = `habitant.${crypto.randomUUID().slice(0, 8)}@example.invalid`;
    const [resident] = await adminQuery<{ id: string }>(
      testEnv,
      "INSERT INTO people (id, display_name, email) VALUES (gen_random_uuid(), 'Habitant', $1) RETURNING id",
      [email],
    );
    await adminQuery(testEnv, "INSERT INTO memberships (tenant_id, person_id, role, granted_by) VALUES ($1, $2, 'resident', 'test')", [t.id, resident.id]);
    const ctx = testContext(t, person("waste:write"));
    const input = {
      reference: `L-${crypto.randomUUID().slice(0, 6)}`,
      address: "3 rue des Tilleuls",
      postcode: "60140",
      communeInsee: "60360",
      rentalValueCents: 150_000,
    };
    await withDb(testEnv, async (db) => {
      const down = await failure(savePremises({ db, ctx, identity: unreachable, input: { ...input, occupantEmail: email } }));
      expect([down?.kind, down?.status]).toEqual(["unavailable", 503]);
      expect(await adminQuery(testEnv, "SELECT 1 FROM waste_premises WHERE tenant_id = $1", [t.id])).toEqual([]);
      const p = await savePremises({ db, ctx, identity, input: { ...input, occupantEmail: email.toUpperCase() } });
      expect(p.occupantLinked).toBe(true);
      const [row] = await adminQuery<{ occupant_person_id: string }>(testEnv, "SELECT occupant_person_id FROM waste_premises WHERE id = $1", [p.id]);
      expect(row.occupant_person_id).toBe(resident.id);
      const elsewhere = await failure(
        savePremises({ db, ctx: testContext(other, person("waste:write")), identity, input: { ...input, occupantEmail: email } }),
      );
      expect(elsewhere?.fieldErrors?.map((f) => f.path)).toEqual(["body/occupantEmail"]);

      const ask = (assignedToPersonId: string, door = identity) =>
        failure(requestIntervention({ db, ctx, identity: door, input: { kind: "repair", premisesId: p.id, assignedToPersonId } }));
      expect(await ask(resident.id)).toBeNull();
      expect((await ask(crypto.randomUUID()))?.fieldErrors?.map((f) => f.path)).toEqual(["body/assignedToPersonId"]);
      expect((await ask(resident.id, unreachable))?.status).toBe(503);
      expect(await adminQuery(testEnv, "SELECT 1 FROM waste_interventions WHERE tenant_id = $1", [t.id])).toHaveLength(1);
    });
  });
});
