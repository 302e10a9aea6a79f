/**
 * A sealed secret ballot (ADR 0036) through the gateway, recorded in Postgres at close: the
 * database is read before, during and after the vote, as its operator could, and holds no voter →
 * ballot or voter → choice pairing (it receives the counts only, at close).
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Actor, Tenant } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest } from "@communa/core/testing";
import { ballotTracker, encryptBallot, homomorphicTally, partialDecrypt, trusteeKeygen, type BallotBox } from "@communa/contracts/ballot-crypto";
import { SECRET_MOTION_CHOICES, type ServerMessage } from "@communa/contracts/council";
import { LiveClient } from "../../workers/council/test/live-client.ts";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const secretary = { kind: "person", id: "00000000-0000-4000-8000-000000000001", permissions: ["council:read", "council:write"] } as Actor;

async function call<T>(tenant: Tenant, path: string, init: RequestInit & { actor?: Actor; json?: unknown }, status: number): Promise<T> {
  const res = await gateway(gatewayRequest(tenant, `/api/council${path}`, init));
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(status);
  return (await res.json()) as T;
}
async function person(tenant: Tenant, name: string, permissions: string[]): Promise<Actor & { kind: "person" }> {
  const [row] = await adminQuery<{ id: string }>(testEnv, "INSERT INTO people (id, display_name) VALUES (gen_random_uuid(), $1) RETURNING id", [name]);
  const role = permissions.includes("council:preside") ? "council_president" : "councillor";
  await adminQuery(testEnv, "INSERT INTO memberships (tenant_id, person_id, role, granted_by) VALUES ($1, $2, $3, 'test')", [tenant.id, row.id, role]);
  return { kind: "person", id: row.id, permissions };
}
async function socket(tenant: Tenant, sittingId: string, actor: Actor): Promise<LiveClient> {
  const res = await gateway(gatewayRequest(tenant, `/api/council/sittings/${sittingId}/live`, { actor, headers: { upgrade: "websocket" } }));
  expect(res.status).toBe(101);
  res.webSocket!.accept();
  const c = new LiveClient(res.webSocket!);
  await c.waitFor((m) => m.type === "state");
  return c;
}
/** Every row of the tenant's tables (and the journal), as text. */
let tenantTables: string[] | undefined;

/** Every row of the tenant, in every table that has a tenant_id, in one query (one connection). */
async function dumpDatabase(tenant: Tenant): Promise<string[]> {
  tenantTables ??= (
    await adminQuery<{ table_name: string }>(
      testEnv,
      "SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name",
    )
  ).map((t) => t.table_name);
  const union = tenantTables
    .map((name) => `SELECT '${name}' AS t, row_to_json(dump_row)::text AS j FROM public."${name}" dump_row WHERE tenant_id = $1`)
    .join("\nUNION ALL\n");
  const rows = await adminQuery<{ t: string; j: string }>(testEnv, union, [tenant.id]);
  return rows.map((r) => `${r.t}: ${r.j}`).sort();
}

describe("sealed secret ballot, database side", () => {
  it("writes nothing during the vote, and at close the counts only: no ciphertext, tracker or voter's choice", async () => {
    const tenant = await createTestTenant(testEnv, { kind: "epci", name: "Communauté du scrutin chiffré" });
    const president = await person(tenant, "Présidente", ["council:read", "council:vote", "council:preside"]);
    const others = await Promise.all(["Amélie", "Benoît"].map((n) => person(tenant, n, ["council:read", "council:vote"])));
    const council = await call<{ id: string }>(tenant, "/councils", { method: "POST", actor: secretary, json: { name: "Conseil", kind: "community" } }, 201);
    const add = (fullName: string, personId: string) =>
      call<{ id: string }>(
        tenant,
        `/councils/${council.id}/members`,
        { method: "POST", actor: secretary, json: { fullName, birthDate: "1970-01-01", personId, mandateStart: "2026-01-01" } },
        201,
      );
    const m0 = await add("Présidente", president.id);
    const [m1, m2] = [await add("Amélie", others[0]!.id), await add("Benoît", others[1]!.id)];
    const room = await call<{ id: string }>(
      tenant,
      `/councils/${council.id}/rooms`,
      { method: "POST", actor: secretary, json: { name: "Salle", address: "1 place" } },
      201,
    );
    const sitting = await call<{ id: string }>(
      tenant,
      "/sittings",
      {
        method: "POST",
        actor: secretary,
        json: {
          councilId: council.id,
          title: "Séance chiffrée",
          startsAt: "2026-11-30T18:30:00+01:00",
          roomIds: [room.id],
          presidentMemberId: m0.id,
          items: [{ title: "Motion" }],
        },
      },
      201,
    );
    const desk = await socket(tenant, sitting.id, secretary);
    const [chair, c1, c2] = [
      await socket(tenant, sitting.id, president),
      await socket(tenant, sitting.id, others[0]!),
      await socket(tenant, sitting.id, others[1]!),
    ];
    for (const id of [m0.id, m1.id, m2.id]) expect(await desk.send({ type: "arrive", memberId: id, roomId: room.id })).toMatchObject({ type: "ack" });
    expect(await chair.send({ type: "sitting.open" })).toMatchObject({ type: "ack" });
    const itemId = chair.state.items[0]!.id;
    expect(await chair.send({ type: "vote.open", itemId, kind: "secret", requesters: [m1.id], trustees: [m0.id, m1.id] })).toMatchObject({ type: "ack" });
    const { id: voteId, sealed } = chair.state.vote!;
    const keys = [trusteeKeygen(sealed!.election, m0.id), trusteeKeygen(sealed!.election, m1.id)];
    expect(await chair.send({ type: "trustee.key", voteId, share: keys[0]!.share })).toMatchObject({ type: "ack" });
    expect(await c1.send({ type: "trustee.key", voteId, share: keys[1]!.share })).toMatchObject({ type: "ack" });
    await chair.send({ type: "sync" });
    const publicKey = chair.state.vote!.sealed!.publicKey!;

    const before = await dumpDatabase(tenant);
    const trackers: string[] = [];
    for (const [c, choice] of [
      [chair, 0],
      [c1, 1],
      [c2, 0],
    ] as const) {
      const ballot = encryptBallot(sealed!.election, publicKey, SECRET_MOTION_CHOICES.length, choice);
      trackers.push(ballotTracker(ballot));
      expect(await c.send({ type: "ballot.sealed", voteId, ballot })).toMatchObject({ type: "ack" });
      // During the vote the database receives nothing at all: neither who voted nor what.
      expect(await dumpDatabase(tenant)).toEqual(before);
    }
    expect(await chair.send({ type: "vote.close" })).toMatchObject({ type: "ack" });
    expect(await chair.send({ type: "box.get", voteId })).toMatchObject({ type: "ack" });
    const box = (chair.received.findLast((m) => m.type === "box") as Extract<ServerMessage, { type: "box" }>).box as BallotBox;
    const tally = homomorphicTally(box.ballots, SECRET_MOTION_CHOICES.length);
    expect(await chair.send({ type: "trustee.decrypt", voteId, partial: partialDecrypt(box.election, keys[0]!.secret, tally) })).toMatchObject({ type: "ack" });
    expect(await c1.send({ type: "trustee.decrypt", voteId, partial: partialDecrypt(box.election, keys[1]!.secret, tally) })).toMatchObject({ type: "ack" });
    await chair.waitFor((m) => m.type === "result");
    expect(await chair.send({ type: "sitting.close" })).toMatchObject({ type: "ack" });
    // Until the alarm has recorded the sitting (the test's fail-safe bounds the wait).
    await expect
      .poll(async () => (await adminQuery<{ status: string }>(testEnv, "SELECT status FROM council_sittings WHERE id = $1", [sitting.id]))[0]?.status, {
        interval: 100,
      })
      .toBe("closed");

    const after = (await dumpDatabase(tenant)).join("\n");
    expect(after).toMatch(/"for": ?2/);
    // No ciphertext, tracker or proof reached the database; no result names a voter.
    for (const t of trackers) expect(after).not.toContain(t);
    for (const b of box.ballots) for (const e of b.choices) expect(after).not.toContain(e.a);
    const [item] = await adminQuery<{ results: Array<{ result: Record<string, unknown> }> }>(
      testEnv,
      "SELECT results FROM council_agenda_items WHERE id = $1",
      [itemId],
    );
    expect(item!.results[0]!.result).toMatchObject({ kind: "secret", counts: { for: 2, against: 1, abstain: 0, none: 0 } });
    expect(item!.results[0]!.result.names).toBeUndefined();
  });
});
