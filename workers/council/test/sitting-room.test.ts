/**
 * The live room against the law, case by case (CGCT L2121-17, -20, -21, L2122-7, L5211-11-1),
 * through real WebSockets to the real Durable Object.
 */
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { connect, freshSitting, members, rooms, type LiveClient } from "./live-client.ts";
import { ACTOR_HEADER } from "../src/live/sitting-room.ts";
import type { Identity, MotionResult, AppointmentResult, ServerMessage } from "@communa/contracts/council";
import type { SittingRoom } from "../src/live/sitting-room.ts";
import type { SittingConfigInput } from "../src/live/config.ts";
import { castSealed, openSealed, sealedVoteAndClose } from "./sealed-client.ts";

const ROOM: SittingConfigInput["rooms"] = [{ id: "salle", name: "Salle du conseil", visioUrl: null }];
const TWO_ROOMS = [...ROOM, { id: "annexe", name: "Mairie annexe", visioUrl: "https://visio.example.fr/annexe" }];
const motion = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  position: Number(id.replace(/\D/g, "")) || 1,
  title: `Délibération ${id}`,
  rapporteur: null,
  type: "deliberation" as const,
  ...extra,
});
const councillor = (i: number): Identity => ({ role: "councillor", personId: `p${i}`, memberId: `m${i}` });
const PRESIDENT: Identity = { role: "president", personId: "p0", memberId: "m0" };
const SECRETARY: Identity = { role: "secretary", personId: "agent" };

async function sitting(
  n: number,
  opts: { rooms?: SittingConfigInput["rooms"]; items?: SittingConfigInput["items"]; proxies?: Array<{ giverId: string; holderId: string }> } = {},
) {
  const { stub } = await freshSitting({
    members: members(n),
    presidentMemberId: "m0",
    rooms: opts.rooms ?? ROOM,
    items: opts.items ?? [motion("i1")],
    proxies: opts.proxies ?? [],
  });
  const president = await connect(stub, PRESIDENT);
  const secretary = await connect(stub, SECRETARY);
  const seat = async (ids: number[], room = "salle") => {
    for (const i of ids) expect(await secretary.send({ type: "arrive", memberId: `m${i}`, roomId: room })).toMatchObject({ type: "ack" });
  };
  return { stub, president, secretary, seat };
}

const ok = (a: ServerMessage) => expect(a).toMatchObject({ type: "ack" });
const refused = (a: ServerMessage, code: string) => expect(a).toMatchObject({ type: "error", code });

async function voteAndClose(
  president: LiveClient,
  voters: Array<[LiveClient, string, string?]>,
  itemId = "i1",
  kind: "ordinary" | "roll-call" | "secret" = "ordinary",
  requesters: string[] = [],
) {
  // A secret ballot is sealed (ADR 0036): the browsers encrypt, the president and a voter hold the key.
  if (kind === "secret") return sealedVoteAndClose(president, voters, itemId, requesters);
  ok(await president.send({ type: "vote.open", itemId, kind, requesters }));
  const voteId = president.state.vote!.id;
  for (const [c, choice, onBehalfOf] of voters) ok(await c.send({ type: "ballot", voteId, choice, onBehalfOf }));
  ok(await president.send({ type: "vote.close" }));
  const r = (await president.waitFor((m) => m.type === "result" && m.voteId === voteId)) as Extract<ServerMessage, { type: "result" }>;
  return r.result;
}

describe("quorum (L2121-17)", () => {
  it("proxies do not count: 2 present + 2 proxies out of 5 is no quorum; a third arrival is", async () => {
    const { president, secretary, seat } = await sitting(5);
    await seat([0, 1]);
    ok(await secretary.send({ type: "proxy.give", giverId: "m2", holderId: "m0" }));
    ok(await secretary.send({ type: "proxy.give", giverId: "m3", holderId: "m1" }));
    ok(await president.send({ type: "sitting.open" }));
    refused(await president.send({ type: "vote.open", itemId: "i1", kind: "ordinary" }), "noQuorum");
    expect(president.state.quorum).toMatchObject({ inOffice: 5, required: 3, present: 2, reached: false });
    await seat([4]);
    ok(await president.send({ type: "vote.open", itemId: "i1", kind: "ordinary" }));
    expect(president.state.quorum.reached).toBe(true);
  });

  it("counts members present across the designated rooms of a teleconference sitting", async () => {
    const { president, seat } = await sitting(5, { rooms: TWO_ROOMS });
    await seat([0, 1]);
    await seat([2], "annexe");
    ok(await president.send({ type: "sitting.open" }));
    expect(president.state.quorum).toMatchObject({ present: 3, reached: true });
    expect(president.state.rooms.map((r) => r.present)).toEqual([2, 1]);
    expect(president.state.rooms[1].visioUrl).toBe("https://visio.example.fr/annexe");
  });
});

describe("proxies (L2121-20)", () => {
  it("refuses a second proxy to the same holder, and a second proxy from the same giver", async () => {
    const { secretary } = await sitting(5);
    ok(await secretary.send({ type: "proxy.give", giverId: "m3", holderId: "m1" }));
    refused(await secretary.send({ type: "proxy.give", giverId: "m4", holderId: "m1" }), "proxyHolderHasOne");
    refused(await secretary.send({ type: "proxy.give", giverId: "m3", holderId: "m2" }), "proxyGiverHasOne");
    refused(await secretary.send({ type: "proxy.give", giverId: "m2", holderId: "m2" }), "proxySelf");
    refused(await secretary.send({ type: "proxy.give", giverId: "m2", holderId: "m1", sittings: 4 }), "malformed");
    ok(await secretary.send({ type: "proxy.revoke", giverId: "m3" }));
    ok(await secretary.send({ type: "proxy.give", giverId: "m4", holderId: "m1" }));
  });

  it("a holder votes once more for the absent giver, not for anyone else, and not while the giver is present", async () => {
    const { stub, president, secretary, seat } = await sitting(5, { proxies: [{ giverId: "m4", holderId: "m1" }] });
    await seat([0, 1, 2]);
    const m1 = await connect(stub, councillor(1));
    const m2 = await connect(stub, councillor(2));
    ok(await president.send({ type: "sitting.open" }));
    ok(await president.send({ type: "vote.open", itemId: "i1", kind: "ordinary" }));
    const voteId = president.state.vote!.id;
    refused(await m2.send({ type: "ballot", voteId, choice: "for", onBehalfOf: "m4" }), "notProxyHolder");
    refused(await m1.send({ type: "ballot", voteId, choice: "for", onBehalfOf: "m3" }), "notProxyHolder");
    ok(await secretary.send({ type: "arrive", memberId: "m4", roomId: "salle" }));
    refused(await m1.send({ type: "ballot", voteId, choice: "for", onBehalfOf: "m4" }), "principalPresent");
    ok(await secretary.send({ type: "depart", memberId: "m4" }));
    ok(await m1.send({ type: "ballot", voteId, choice: "for", onBehalfOf: "m4" }));
    ok(await m1.send({ type: "ballot", voteId, choice: "for" }));
    refused(await m1.send({ type: "ballot", voteId, choice: "against" }), "alreadyVoted");
    refused(await m1.send({ type: "ballot", voteId, choice: "against", onBehalfOf: "m4" }), "alreadyVoted");
    expect(m1.state.you).toMatchObject({ voted: true, proxyFor: "m4", proxyVoted: true });
    ok(await president.send({ type: "vote.close" }));
    refused(await m2.send({ type: "ballot", voteId, choice: "against" }), "noVote");
    const r = president.state.items[0].results[0] as MotionResult;
    expect(r.counts).toEqual({ for: 2, against: 0, abstain: 0, none: 0 });
  });
});

describe("results", () => {
  it("a public tie goes the way the president voted (casting vote)", async () => {
    const { stub, president, seat } = await sitting(5, { items: [motion("i1"), motion("i2")] });
    await seat([0, 1, 2, 3]);
    const [m1, m2, m3] = await Promise.all([1, 2, 3].map((i) => connect(stub, councillor(i))));
    ok(await president.send({ type: "sitting.open" }));
    const a = (await voteAndClose(president, [
      [president, "for"],
      [m1, "for"],
      [m2, "against"],
      [m3, "against"],
    ])) as MotionResult;
    expect(a).toMatchObject({ outcome: "adopted", by: "casting-vote", cast: 4 });
    const b = (await voteAndClose(
      president,
      [
        [president, "against"],
        [m1, "for"],
        [m2, "against"],
        [m3, "for"],
      ],
      "i2",
    )) as MotionResult;
    expect(b).toMatchObject({ outcome: "rejected", by: "casting-vote" });
  });

  it("the casting vote is that of the member presiding, not of the designated president", async () => {
    const { stub, seat } = await sitting(5);
    await seat([0, 1, 2, 3]);
    // m1 presides (vice-president); m0 sits as a councillor.
    const chair = await connect(stub, { role: "president", personId: "p1", memberId: "m1" });
    const m0 = await connect(stub, councillor(0));
    const [m2, m3] = await Promise.all([2, 3].map((i) => connect(stub, councillor(i))));
    ok(await chair.send({ type: "sitting.open" }));
    const r = (await voteAndClose(chair, [
      [chair, "for"],
      [m0, "against"],
      [m2, "for"],
      [m3, "against"],
    ])) as MotionResult;
    expect(r).toMatchObject({ outcome: "adopted", by: "casting-vote" });
  });

  it("abstentions are not votes cast: 2 for, 1 against, 5 abstentions is adopted", async () => {
    const { stub, president, seat } = await sitting(9);
    await seat([0, 1, 2, 3, 4, 5, 6, 7]);
    const c = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((i) => connect(stub, councillor(i))));
    ok(await president.send({ type: "sitting.open" }));
    const r = (await voteAndClose(president, [
      [president, "for"],
      [c[0], "for"],
      [c[1], "against"],
      [c[2], "abstain"],
      [c[3], "abstain"],
      [c[4], "abstain"],
      [c[5], "abstain"],
      [c[6], "none"],
    ])) as MotionResult;
    expect(r).toMatchObject({ outcome: "adopted", by: "majority", cast: 3, counts: { for: 2, against: 1, abstain: 4, none: 1 } });
  });

  it("a secret tie rejects the motion, and publishes counts only", async () => {
    const { stub, president, seat } = await sitting(4);
    await seat([0, 1, 2, 3]);
    const [m1, m2, m3] = await Promise.all([1, 2, 3].map((i) => connect(stub, councillor(i))));
    ok(await president.send({ type: "sitting.open" }));
    refused(await president.send({ type: "vote.open", itemId: "i1", kind: "secret", requesters: ["m1"] }), "notEnoughRequesters");
    const r = (await voteAndClose(
      president,
      [
        [president, "for"],
        [m1, "for"],
        [m2, "against"],
        [m3, "against"],
      ],
      "i1",
      "secret",
      ["m1", "m2"],
    )) as MotionResult;
    expect(r).toMatchObject({ kind: "secret", outcome: "rejected", by: "tie-rejected" });
    expect(r.names).toBeUndefined();
  });

  it("a secret ballot needs two trustees present, and takes no choice in clear", async () => {
    const { stub, president, seat } = await sitting(4);
    await seat([0, 1, 2]);
    const [m1, m2] = await Promise.all([1, 2].map((i) => connect(stub, councillor(i))));
    ok(await president.send({ type: "sitting.open" }));
    // No trustees (the counters of ADR 0014 are gone), one, the same twice, a stranger, an absent member.
    for (const [trustees, code] of [
      [[], "tooFewTrustees"],
      [["m0"], "tooFewTrustees"],
      [["m1", "m1"], "tooFewTrustees"],
      [["m0", "m99"], "unknownMember"],
      [["m0", "m3"], "trusteeNotPresent"],
    ] as const) {
      const answer = await president.send({ type: "vote.open", itemId: "i1", kind: "secret", requesters: ["m1"], trustees: [...trustees] });
      refused(answer, code);
      expect((answer as { message: string }).message).toMatch(/garant|membre/);
    }
    expect(president.state.vote).toBeNull();
    expect(president.state.items[0].status).toBe("pending");
    const v = await openSealed(president, [president, m1], "i1", ["m1"]);
    refused(await m2.send({ type: "ballot", voteId: v.voteId, choice: "for" }), "badChoice");
    ok((await castSealed(m2, v, "for")).answer);
    expect(m2.state.vote).toMatchObject({ ballots: 1 });
  });

  it("a secret ballot leaves nothing in storage that links a ballot to a voter", async () => {
    const { stub, president, seat } = await sitting(3);
    await seat([0, 1, 2]);
    const [m1, m2] = await Promise.all([1, 2].map((i) => connect(stub, councillor(i))));
    ok(await president.send({ type: "sitting.open" }));
    const r = await voteAndClose(
      president,
      [
        [m2, "against"],
        [president, "for"],
        [m1, "abstain"],
      ],
      "i1",
      "secret",
      ["m1"],
    );
    expect(r).toMatchObject({ counts: { for: 1, against: 1, abstain: 1, none: 0 }, outcome: "rejected" });
    const dump = await runInDurableObject(stub, (_o: SittingRoom, state) => {
      const tables = state.storage.sql
        .exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'")
        .toArray()
        .map((r) => r.name as string);
      return Object.fromEntries(tables.map((t) => [t, state.storage.sql.exec(`SELECT * FROM "${t}"`).toArray()]));
    });
    expect(dump.ballots).toEqual([]);
    // Who voted: member ids only, in member-id order (no row id, no time).
    expect(dump.voted).toEqual([
      { vote_id: "i1.1", principal_id: "m0" },
      { vote_id: "i1.1", principal_id: "m1" },
      { vote_id: "i1.1", principal_id: "m2" },
    ]);
    // What was voted: three ciphertexts, and no per-choice counter at all.
    expect(dump.sealed_ballots).toHaveLength(3);
    expect(dump.tally).toBeUndefined();
    for (const row of Object.values(dump).flat() as Array<Record<string, unknown>>) {
      const values = Object.values(row).map(String);
      expect(values.some((v) => /^m\d$/.test(v)) && values.some((v) => ["for", "against", "abstain"].includes(v) || v.includes('"choices"'))).toBe(false);
    }
  });

  it("a roll-call, asked by a quarter of the members present, records names and proxies", async () => {
    const { stub, president, seat } = await sitting(5, { proxies: [{ giverId: "m4", holderId: "m2" }] });
    await seat([0, 1, 2, 3]);
    const [m1, m2, m3] = await Promise.all([1, 2, 3].map((i) => connect(stub, councillor(i))));
    ok(await president.send({ type: "sitting.open" }));
    refused(await president.send({ type: "vote.open", itemId: "i1", kind: "roll-call", requesters: ["m4"] }), "requesterNotPresent");
    const r = (await voteAndClose(
      president,
      [
        [president, "for"],
        [m1, "against"],
        [m2, "for"],
        [m2, "abstain", "m4"],
        [m3, "none"],
      ],
      "i1",
      "roll-call",
      ["m3"],
    )) as MotionResult;
    expect(r.names).toEqual([
      { memberId: "m0", choice: "for" },
      { memberId: "m1", choice: "against" },
      { memberId: "m2", choice: "for" },
      { memberId: "m3", choice: "none" },
      { memberId: "m4", choice: "abstain", by: "m2" },
    ]);
  });

  it("appointments: two rounds at absolute majority, then relative majority, a tie electing the oldest", async () => {
    const items = [
      {
        id: "i1",
        position: 1,
        title: "Désignation d’un délégué",
        rapporteur: null,
        type: "designation-delegues" as const,
        candidates: [
          { id: "c-young", name: "Jeune", birthDate: "1990-05-01" },
          { id: "c-old", name: "Aîné", birthDate: "1950-05-01" },
        ],
      },
    ];
    const { stub, president, seat } = await sitting(5, { items });
    await seat([0, 1, 2, 3]);
    const [m1, m2, m3] = await Promise.all([1, 2, 3].map((i) => connect(stub, councillor(i))));
    ok(await president.send({ type: "sitting.open" }));
    refused(await president.send({ type: "vote.open", itemId: "i1", kind: "ordinary" }), "appointmentNeedsSecret");
    const ballots: Array<[LiveClient, string]> = [
      [president, "c-young"],
      [m1, "c-old"],
      [m2, "c-young"],
      [m3, "c-old"],
    ];
    const r1 = (await voteAndClose(president, ballots, "i1", "secret")) as AppointmentResult;
    expect(r1).toMatchObject({ round: 1, elected: null, cast: 4 });
    const r2 = (await voteAndClose(
      president,
      [
        [president, "c-young"],
        [m1, "c-old"],
        [m2, "c-young"],
        [m3, "blank"],
      ],
      "i1",
      "secret",
    )) as AppointmentResult;
    // 2 of 3 cast: absolute majority at the second round.
    expect(r2).toMatchObject({ round: 2, elected: "c-young", by: "absolute-majority", blank: 1, cast: 3 });
    expect(president.state.items[0].status).toBe("voted");
  });

  it("appointment third round: a tie elects the oldest candidate", async () => {
    const items = [
      {
        id: "i1",
        position: 1,
        title: "Désignation",
        rapporteur: null,
        type: "designation-delegues" as const,
        candidates: [
          { id: "c-young", name: "Jeune", birthDate: "1990-05-01" },
          { id: "c-old", name: "Aîné", birthDate: "1950-05-01" },
        ],
      },
    ];
    const { stub, president, seat } = await sitting(5, { items });
    await seat([0, 1, 2, 3]);
    const [m1, m2, m3] = await Promise.all([1, 2, 3].map((i) => connect(stub, councillor(i))));
    ok(await president.send({ type: "sitting.open" }));
    const tie: Array<[LiveClient, string]> = [
      [president, "c-young"],
      [m1, "c-old"],
      [m2, "c-young"],
      [m3, "c-old"],
    ];
    for (const round of [1, 2]) expect(await voteAndClose(president, tie, "i1", "secret")).toMatchObject({ round, elected: null });
    expect(await voteAndClose(president, tie, "i1", "secret")).toMatchObject({ round: 3, elected: "c-old", by: "oldest" });
    refused(await president.send({ type: "vote.open", itemId: "i1", kind: "secret" }), "itemDone");
  });
});

describe("teleconference sittings (L5211-11-1)", () => {
  it("a granted secret ballot postpones the item; excluded items cannot be voted", async () => {
    const election = { type: "election-president" as const, candidates: [{ id: "c1", name: "Candidate", birthDate: "1970-01-01" }] };
    const items = [
      motion("i1"),
      motion("i2", { type: "budget-primitif" }),
      motion("i3", { type: "compte-administratif" }),
      motion("i4", election),
      motion("i5", { ...election, type: "election-bureau" }),
      motion("i6", { ...election, type: "designation-delegues" }),
    ];
    const { president, seat } = await sitting(5, { rooms: TWO_ROOMS, items });
    await seat([0, 1]);
    await seat([2, 3], "annexe");
    ok(await president.send({ type: "sitting.open" }));
    ok(await president.send({ type: "vote.open", itemId: "i1", kind: "secret", requesters: ["m2", "m3"] }));
    expect(president.state.items[0].status).toBe("postponed");
    expect(president.state.vote).toBeNull();
    // The item's type decides (L5211-11-1): no primary budget, no election of the president or bureau, no delegates.
    refused(await president.send({ type: "vote.open", itemId: "i2", kind: "ordinary" }), "excludedTeleconference");
    for (const itemId of ["i4", "i5", "i6"])
      refused(await president.send({ type: "vote.open", itemId, kind: "secret", trustees: ["m0", "m1"] }), "excludedTeleconference");
    ok(await president.send({ type: "vote.open", itemId: "i3", kind: "ordinary" }));
  });
});

describe("durability and roles", () => {
  it("evicted mid-vote, the room loses no acknowledged vote and clients get the full state back", async () => {
    const { stub, president, seat } = await sitting(5, { proxies: [{ giverId: "m4", holderId: "m1" }] });
    await seat([0, 1, 2, 3]);
    const m1 = await connect(stub, councillor(1));
    const m2 = await connect(stub, councillor(2));
    ok(await president.send({ type: "sitting.open" }));
    ok(await president.send({ type: "vote.open", itemId: "i1", kind: "roll-call", requesters: ["m2"] }));
    const voteId = president.state.vote!.id;
    ok(await m1.send({ type: "ballot", voteId, choice: "for" }));
    ok(await m1.send({ type: "ballot", voteId, choice: "against", onBehalfOf: "m4" }));
    ok(await m2.send({ type: "ballot", voteId, choice: "for" }));
    await evictDurableObject(stub, { webSockets: "close" });
    const [p2, m1b, m3] = [await connect(stub, PRESIDENT), await connect(stub, councillor(1)), await connect(stub, councillor(3))];
    expect(p2.state.vote).toMatchObject({ id: voteId, ballots: 3 });
    expect(m1b.state.you).toMatchObject({ voted: true, proxyVoted: true });
    refused(await m1b.send({ type: "ballot", voteId, choice: "abstain" }), "alreadyVoted");
    ok(await m3.send({ type: "ballot", voteId, choice: "against" }));
    ok(await p2.send({ type: "vote.close" }));
    const r = p2.state.items[0].results[0] as MotionResult;
    expect(r.counts).toEqual({ for: 2, against: 2, abstain: 0, none: 0 });
    expect(r.names?.map((n) => n.memberId)).toEqual(["m1", "m2", "m3", "m4"]);
  });

  it("hibernated sockets keep their identity across an eviction", async () => {
    const { stub, president, seat } = await sitting(3);
    await seat([0, 1]);
    const m1 = await connect(stub, councillor(1));
    ok(await president.send({ type: "sitting.open" }));
    await evictDurableObject(stub);
    ok(await president.send({ type: "vote.open", itemId: "i1", kind: "ordinary" }));
    ok(await m1.send({ type: "ballot", voteId: "i1.1", choice: "for" }));
    refused(await m1.send({ type: "vote.close" }), "forbidden");
    expect(m1.state.you).toMatchObject({ role: "councillor", memberId: "m1", voted: true });
  });

  it("a viewer cannot send anything; a councillor cannot preside or keep attendance", async () => {
    const { stub, president, seat } = await sitting(3);
    await seat([0, 1]);
    const viewer = await connect(stub, { role: "viewer" });
    const m1 = await connect(stub, councillor(1));
    ok(await president.send({ type: "sitting.open" }));
    ok(await president.send({ type: "vote.open", itemId: "i1", kind: "ordinary" }));
    const seq = president.state.seq;
    const attempts = [
      { type: "arrive", memberId: "m2", roomId: "salle" },
      { type: "depart", memberId: "m1" },
      { type: "proxy.give", giverId: "m2", holderId: "m1" },
      { type: "proxy.revoke", giverId: "m2" },
      { type: "vote.close" },
      { type: "sitting.close" },
      { type: "item.postpone", itemId: "i1" },
      { type: "ballot", voteId: "i1.1", choice: "for" },
      { type: "ballot", voteId: "i1.1", choice: "for", onBehalfOf: "m2" },
    ] as const;
    for (const a of attempts) refused(await viewer.send(a), "readOnly");
    viewer.ws.send("n’importe quoi");
    await viewer.waitFor((m) => m.type === "error" && m.ref === undefined);
    for (const a of attempts.slice(0, 7)) refused(await m1.send(a), "forbidden");
    ok(await viewer.send({ type: "sync" }));
    expect(president.state.seq).toBe(seq);
    expect(viewer.state.you).toBeNull();
  });

  it("a made-up sitting id finds an empty room that writes nothing", async () => {
    const stub = rooms.get(rooms.idFromName(`inconnue-${Date.now()}`));
    expect(await stub.state()).toBeNull();
    const res = await stub.fetch("https://council.internal/connect", {
      headers: { upgrade: "websocket", [ACTOR_HEADER]: encodeURIComponent(JSON.stringify({ kind: "anonymous" })) },
    });
    expect(res.status).toBe(404);
    await res.arrayBuffer();
    const tables = await runInDurableObject(stub, (_o: SittingRoom, state) =>
      state.storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'sqlite_%'").toArray(),
    );
    expect(tables).toEqual([]);
  });

  it("nothing changes after the sitting is closed", async () => {
    const { stub, president, secretary, seat } = await sitting(3);
    await seat([0, 1]);
    const m1 = await connect(stub, councillor(1));
    ok(await president.send({ type: "sitting.open" }));
    await voteAndClose(president, [[m1, "for"]]);
    ok(await president.send({ type: "sitting.close" }));
    refused(await president.send({ type: "vote.open", itemId: "i1", kind: "ordinary" }), "sittingClosed");
    refused(await secretary.send({ type: "depart", memberId: "m1" }), "sittingClosed");
    refused(await m1.send({ type: "ballot", voteId: "i1.1", choice: "against" }), "sittingClosed");
    expect(president.state.phase).toBe("closed");
    const minutes = await stub.minutes();
    expect(minutes?.items[0].votes[0].result).toMatchObject({ outcome: "adopted", counts: { for: 1 } });
    expect(minutes?.members.map((m) => m.status)).toEqual(["present", "present", "absent"]);
  });
});
