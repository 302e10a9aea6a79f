/**
 * Property test: random sittings (arrivals, departures, proxies, votes of every kind, ties,
 * appointments, teleconference, evictions, sealed secret ballots with their trustees' keys and
 * decryptions, a trustee missing) played through the real Durable Object over WebSockets and
 * through the reference model; every answer (ack or error code), every proclaimed result and the
 * final state must agree. The test plays honest browsers: a secret ballot is encrypted with the
 * real crypto module, and only the model is told the choice.
 */
import { evictDurableObject } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { connect, freshSitting, type LiveClient } from "./live-client.ts";
import { initialModel, modelApply, optionsOf, type BrowserSide, type ModelState } from "../src/live/model.ts";
import { ITEM_RULES, ITEM_TYPES, type ItemType } from "@communa/contracts/council-rules";
import { encryptBallot, partialDecrypt, trusteeKeygen, type Ciphertext, type TrusteeSecret } from "@communa/contracts/ballot-crypto";
import { sittingConfigSchema, type SittingConfigInput } from "../src/live/config.ts";
import { clientMessageSchema, type ClientMessageInput, type Identity, type ServerMessage, type Snapshot } from "@communa/contracts/council";

const CANDIDATES = [
  { id: "c1", name: "Candidate 1", birthDate: "1961-03-01" },
  { id: "c2", name: "Candidat 2", birthDate: "1958-07-14" },
  { id: "c3", name: "Candidate 3", birthDate: "1958-07-14" },
];

/** Actor: "v" viewer, "s" secretary, a member index (0 presides), or a suppléant ("x1" sits for m1, "x2" for m2: L5211-6). */
type Actor = "v" | "s" | number | `x${number}`;
const SUBSTITUTES = ["x1", "x2"] as const;
/** Who sends for a seat id ("m3" → 3, "x1" → "x1"). */
const actorOf = (id: string): Actor => (id.startsWith("x") ? (id as `x${number}`) : Number(id.slice(1)));
type Step =
  | { kind: "msg"; actor: Actor; msg: ClientMessageInput; pick: number }
  | { kind: "evict" }
  /** A whole vote: opened by the president, a ballot from every member who can vote, closed. */
  | { kind: "round"; item: string; vote: "ordinary" | "roll-call" | "secret"; choices: string[]; pick: number; close: boolean };

const sittingArb = fc
  .record({
    n: fc.integer({ min: 3, max: 9 }),
    rooms: fc.oneof({ weight: 2, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) }),
    items: fc.array(
      fc.record({
        // Every item type (its rules: appointment or motion, votes that apply, multi-site voting), ordinary deliberations most.
        type: fc.oneof({ weight: 3, arbitrary: fc.constant<ItemType>("deliberation") }, { weight: 4, arbitrary: fc.constantFrom(...ITEM_TYPES) }),
        candidates: fc.integer({ min: 2, max: 3 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .chain(({ n, rooms, items }) => {
    const member = fc.oneof(
      { weight: 12, arbitrary: fc.integer({ min: 0, max: n - 1 }).map((i) => `m${i}`) },
      { weight: 3, arbitrary: fc.constantFrom<string>(...SUBSTITUTES) },
      { weight: 1, arbitrary: fc.constant("m99") },
    );
    const room = fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 0, max: rooms - 1 }).map((i) => `r${i}`) }, { weight: 1, arbitrary: fc.constant("r9") });
    const item = fc.oneof(
      { weight: 10, arbitrary: fc.integer({ min: 0, max: items.length - 1 }).map((i) => `i${i}`) },
      { weight: 1, arbitrary: fc.constant("i9") },
    );
    const anyMember: fc.Arbitrary<Actor> = fc.integer({ min: 0, max: n - 1 });
    const staff = fc.oneof(
      { weight: 8, arbitrary: fc.constant<Actor>("s") },
      { weight: 2, arbitrary: fc.constant<Actor>(0) },
      { weight: 1, arbitrary: anyMember },
      { weight: 1, arbitrary: fc.constant<Actor>("v") },
    );
    const chair = fc.oneof(
      { weight: 10, arbitrary: fc.constant<Actor>(0) },
      { weight: 1, arbitrary: fc.constant<Actor>("s") },
      { weight: 1, arbitrary: anyMember },
      { weight: 1, arbitrary: fc.constant<Actor>("v") },
    );
    const voter = fc.oneof(
      { weight: 12, arbitrary: anyMember },
      { weight: 3, arbitrary: fc.constantFrom<Actor>(...SUBSTITUTES) },
      { weight: 1, arbitrary: fc.constant<Actor>("v") },
      { weight: 1, arbitrary: fc.constant<Actor>("s") },
    );
    const choice = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom("for", "against") },
      { weight: 2, arbitrary: fc.constantFrom("abstain", "none") },
      { weight: 3, arbitrary: fc.constantFrom("c1", "c2", "c3", "blank", "null") },
    );
    const pick = fc.integer({ min: 0, max: 2 ** 20 });
    const msg = (actor: fc.Arbitrary<Actor>, m: fc.Arbitrary<ClientMessageInput>) => fc.record({ kind: fc.constant("msg" as const), actor, msg: m, pick });
    const step: fc.Arbitrary<Step> = fc.oneof(
      { weight: 10, arbitrary: msg(staff, fc.record({ type: fc.constant("arrive" as const), memberId: member, roomId: room })) },
      { weight: 3, arbitrary: msg(staff, fc.record({ type: fc.constant("depart" as const), memberId: member })) },
      {
        weight: 3,
        arbitrary: msg(
          staff,
          fc.record({ type: fc.constant("proxy.give" as const), giverId: member, holderId: member, sittings: fc.integer({ min: 1, max: 3 }) }),
        ),
      },
      { weight: 1, arbitrary: msg(staff, fc.record({ type: fc.constant("proxy.revoke" as const), giverId: member })) },
      { weight: 2, arbitrary: msg(chair, fc.constant({ type: "sitting.open" as const })) },
      {
        weight: 5,
        arbitrary: msg(
          chair,
          fc.record({
            type: fc.constant("vote.open" as const),
            itemId: item,
            kind: fc.constantFrom("ordinary" as const, "roll-call" as const, "secret" as const),
            requesters: fc.constant<string[]>(["$present"]),
            trustees: fc.constant<string[]>(["$trustees"]),
          }),
        ),
      },
      { weight: 2, arbitrary: msg(voter, fc.constant({ type: "trustee.key" as const, voteId: "$current", share: "$own" } as unknown as ClientMessageInput)) },
      {
        weight: 2,
        arbitrary: msg(voter, fc.constant({ type: "trustee.decrypt" as const, voteId: "$current", partial: "$own" } as unknown as ClientMessageInput)),
      },
      { weight: 1, arbitrary: msg(chair, fc.constant({ type: "vote.abandon" as const, voteId: "$current" })) },
      {
        weight: 18,
        arbitrary: msg(
          voter,
          fc
            .record({
              type: fc.constant("ballot" as const),
              voteId: fc.oneof({ weight: 12, arbitrary: fc.constant("$current") }, { weight: 1, arbitrary: fc.constant("i0.9") }),
              choice,
              onBehalfOf: fc.option(fc.constant("$proxy"), { freq: 3 }),
            })
            .map((m) => m as unknown as ClientMessageInput),
        ),
      },
      { weight: 4, arbitrary: msg(chair, fc.constant({ type: "vote.close" as const })) },
      { weight: 1, arbitrary: msg(chair, fc.record({ type: fc.constant("item.postpone" as const), itemId: item })) },
      { weight: 1, arbitrary: msg(chair, fc.constant({ type: "sitting.close" as const })) },
      { weight: 1, arbitrary: msg(voter, fc.constant({ type: "sync" as const })) },
      { weight: 1, arbitrary: fc.constant({ kind: "evict" as const }) },
      {
        weight: 6,
        arbitrary: fc.record({
          kind: fc.constant("round" as const),
          item,
          vote: fc.constantFrom("ordinary" as const, "roll-call" as const, "secret" as const),
          choices: fc.array(choice, { minLength: 2 * n, maxLength: 2 * n }),
          pick,
          close: fc.integer({ min: 0, max: 5 }).map((x) => x > 0),
        }),
      },
    );
    const prelude = fc.record({
      seated: fc.subarray(
        Array.from({ length: n }, (_, i) => i),
        { minLength: Math.floor(n / 2) },
      ),
      pick,
      proxies: fc.array(fc.tuple(member, member), { maxLength: 3 }),
      substitutes: fc.subarray([...SUBSTITUTES]),
      // The titular m1 gives a proxy too: it applies only when their suppléant x1 is absent.
      titularProxy: fc.boolean(),
    });
    const config: Omit<SittingConfigInput, "sittingId" | "tenantId" | "title"> = {
      members: Array.from({ length: n }, (_, i) => ({
        id: `m${i}`,
        name: `Membre ${i}`,
        birthDate: `19${50 + ((i * 7) % 40)}-0${1 + (i % 9)}-15`,
        personId: `p${i}`,
      })),
      substitutes: SUBSTITUTES.map((id) => ({ id, name: `Suppléant de m${id.slice(1)}`, personId: `p${id}`, forId: `m${id.slice(1)}` })),
      presidentMemberId: "m0",
      rooms: Array.from({ length: rooms }, (_, i) => ({ id: `r${i}`, name: `Salle ${i}`, visioUrl: null })),
      items: items.map((it, i) => ({
        id: `i${i}`,
        position: i + 1,
        title: `Point ${i + 1}`,
        rapporteur: null,
        type: it.type,
        candidates: ITEM_RULES[it.type].kind === "appointment" ? CANDIDATES.slice(0, it.candidates) : [],
      })),
      proxies: [],
    };
    return fc.record({ config: fc.constant(config), prelude, steps: fc.array(step, { minLength: 10, maxLength: 60 }) });
  });

const identityOf = (a: Actor): Identity =>
  a === "v"
    ? { role: "viewer" }
    : a === "s"
      ? { role: "secretary", personId: "agent" }
      : a === 0
        ? { role: "president", personId: "p0", memberId: "m0" }
        : typeof a === "string"
          ? { role: "councillor", personId: `p${a}`, memberId: a }
          : { role: "councillor", personId: `p${a}`, memberId: `m${a}` };

/** What the test's browsers know of the open sealed vote, read from the room's state (as a browser reads it). */
interface SealedContext {
  voteId: string;
  election: string;
  options: string[];
  publicKey: string | null;
  tally: Ciphertext[] | null;
}
/** A key nobody holds, for a browser that encrypts before the election key exists (the room refuses first). */
const NOBODY = trusteeKeygen("personne", "personne");
const memberOfActor = (a: Actor) => (typeof a === "number" ? `m${a}` : a.startsWith("x") ? a : "agent");

/** The trustees a vote.open names: mostly two or three members present, sometimes too few, a stranger or an absent member. */
function trusteesFor(m: ModelState, pick: number, round: boolean): string[] {
  const present = [...m.present.keys()].sort();
  const t = Math.floor(pick / 1024);
  const mode = round && t % 10 !== 0 ? 3 + (t % 5) : t % 8;
  const absent = m.config.members.map((x) => x.id).find((id) => !m.present.has(id)) ?? "m99";
  if (mode === 0) return [];
  if (mode === 1) return present.slice(0, 1);
  if (mode === 2) return [...present.slice(0, 1), t % 3 === 0 ? "m99" : absent];
  const from = t % Math.max(1, present.length);
  const rotated = [...present.slice(from), ...present.slice(0, from)];
  return rotated.slice(0, mode % 2 === 0 ? 3 : 2);
}

/**
 * Fills the placeholders from the model's state and the room's published sealed vote (inputs only:
 * the model decides nothing here); plays the honest browser for sealed messages.
 */
function resolve(
  m: ModelState,
  actor: Actor,
  msg: ClientMessageInput,
  pick: number,
  sealed: SealedContext | null,
  secrets: Map<string, TrusteeSecret>,
): { msg: ClientMessageInput; browser: BrowserSide; secret?: TrusteeSecret } {
  const current = m.vote?.id ?? "i0.1";
  const ctx = sealed && sealed.voteId === current ? sealed : null;
  if (msg.type === "vote.open") {
    const present = [...m.present.keys()].sort();
    const trustees = msg.trustees?.[0]?.startsWith("$") ? trusteesFor(m, pick, msg.trustees[0] === "$trusteesRound") : (msg.trustees ?? []);
    return { msg: { ...msg, requesters: present.filter((_, i) => (pick >> i) & 1), trustees }, browser: {} };
  }
  if (msg.type === "trustee.key") {
    const { secret, share } = trusteeKeygen(ctx?.election ?? "aucune", memberOfActor(actor));
    return { msg: { type: "trustee.key", voteId: current, share }, browser: {}, secret };
  }
  if (msg.type === "trustee.decrypt") {
    const own = secrets.get(`${current}/${memberOfActor(actor)}`);
    const election = own?.election ?? ctx?.election ?? "aucune";
    const tally = ctx?.tally ?? encryptBallot(election, NOBODY.share.publicKey, 4, 0).choices;
    // A trustee decrypts with their own share; anyone else can only try with a share of their making.
    const secret = own ?? trusteeKeygen(election, memberOfActor(actor)).secret;
    return { msg: { type: "trustee.decrypt", voteId: current, partial: partialDecrypt(election, secret, tally) }, browser: {} };
  }
  if (msg.type === "vote.abandon") return { msg: { type: "vote.abandon", voteId: current }, browser: {} };
  if (msg.type === "ballot") {
    const voteId = msg.voteId === "$current" ? current : msg.voteId;
    // A round's proxy ballot names its giver; a random one says "$proxy" (resolved here).
    let onBehalfOf: string | undefined = msg.onBehalfOf;
    if (msg.onBehalfOf === "$proxy") {
      const self = typeof actor === "number" ? `m${actor}` : "m0";
      // Mostly the member whose proxy the voter holds; sometimes someone else's.
      onBehalfOf =
        pick % 4 === 0
          ? `m${pick % m.config.members.length}`
          : ([...m.proxies.entries()].find(([, h]) => h === self)?.[0] ?? `m${pick % m.config.members.length}`);
    }
    // In a secret vote the browser encrypts a choice of the ballot (sometimes it tries one in clear).
    if (m.vote?.kind === "secret" && pick % 9 !== 1) {
      const options = ctx?.options ?? optionsOf(m, m.vote);
      const index = options.indexOf(msg.choice);
      if (index >= 0) {
        const ballot = encryptBallot(ctx?.election ?? "aucune", ctx?.publicKey ?? NOBODY.share.publicKey, options.length, index);
        return { msg: { type: "ballot.sealed", voteId, ballot, ...(onBehalfOf ? { onBehalfOf } : {}) }, browser: { choice: msg.choice } };
      }
    }
    return { msg: { type: "ballot", voteId, choice: msg.choice, ...(onBehalfOf ? { onBehalfOf } : {}) }, browser: {} };
  }
  return { msg, browser: {} };
}

/**
 * Expands rounds lazily (they depend on who is present when they run, read from the model, which
 * the loop advances step by step): open, a ballot per member present and per proxy held, close.
 */
function* expandWith(model: () => ModelState, plan: Step[]): Generator<Step> {
  for (const step of plan) {
    if (step.kind !== "round") {
      yield step;
      continue;
    }
    const def = model().config.items.find((i) => i.id === step.item);
    const appointment = def?.kind === "appointment";
    // Mostly the ballot the item calls for (secret for an appointment), sometimes not.
    const kind = appointment && step.pick % 5 !== 0 ? "secret" : step.vote;
    yield {
      kind: "msg",
      actor: 0,
      msg: { type: "vote.open", itemId: step.item, kind, requesters: ["$present"], trustees: ["$trusteesRound"] },
      pick: step.pick,
    };
    const opened = model().vote;
    // A sealed vote: each trustee's browser publishes its key share first.
    if (opened?.itemId === step.item && opened.sealed)
      for (const t of opened.sealed.trustees)
        yield {
          kind: "msg",
          actor: actorOf(t),
          msg: { type: "trustee.key", voteId: "$current", share: "$own" } as unknown as ClientMessageInput,
          pick: 0,
        };
    const fit = (c: string) => {
      const isMotion = ["for", "against", "abstain", "none"].includes(c);
      if (step.pick % 7 === 0 || isMotion !== appointment) return c;
      // Secret ballots also take blank and null ballots (counted apart, not cast).
      const motion = kind === "secret" ? ["for", "against", "abstain", "none", "blank", "null"] : ["for", "against", "abstain", "none"];
      const pool = appointment ? [...def!.candidates.map((x) => x.id), "blank", "null"] : motion;
      return pool[c.charCodeAt(c.length - 1) % pool.length];
    };
    const choices = step.choices.map(fit);
    let k = 0;
    for (const voter of [...model().present.keys()].sort()) {
      const actor = actorOf(voter);
      yield { kind: "msg", actor, msg: { type: "ballot", voteId: "$current", choice: choices[k++ % choices.length] }, pick: 0 };
      const giver = [...model().proxies.entries()].find(([, h]) => h === voter)?.[0];
      if (giver) yield { kind: "msg", actor, msg: { type: "ballot", voteId: "$current", choice: choices[k++ % choices.length], onBehalfOf: giver }, pick: 0 };
    }
    if (step.close) yield { kind: "msg", actor: 0, msg: { type: "vote.close" }, pick: 0 };
    const closing = model().vote;
    if (step.close && closing?.sealed?.status === "decrypting") {
      // Every trustee decrypts the sum, or (sometimes) one is missing and the president records it.
      const missing = step.pick % 8 === 3;
      const decrypting = missing ? closing.sealed.trustees.slice(1) : closing.sealed.trustees;
      for (const t of decrypting)
        yield {
          kind: "msg",
          actor: actorOf(t),
          msg: { type: "trustee.decrypt", voteId: "$current", partial: "$own" } as unknown as ClientMessageInput,
          pick: 0,
        };
      if (missing) yield { kind: "msg", actor: 0, msg: { type: "vote.abandon", voteId: "$current" }, pick: 0 };
    }
  }
}

function modelView(m: ModelState) {
  const subOf = (id: string) => m.config.substitutes.find((x) => x.forId === id);
  return {
    phase: m.phase,
    present: m.present.size,
    members: m.config.members.map((x) => {
      const sub = subOf(x.id);
      return {
        id: x.id,
        roomId: m.present.get(x.id) ?? null,
        proxyHolder: m.proxies.get(x.id) ?? null,
        // L5211-6: the titular's proxy waits while their suppléant sits.
        proxyActive: m.proxies.has(x.id) && !m.present.has(x.id) && !(sub && m.present.has(sub.id)),
        substitute: sub ? { id: sub.id, name: sub.name, roomId: m.present.get(sub.id) ?? null } : null,
      };
    }),
    items: m.config.items.map((i) => ({ id: i.id, status: m.items.get(i.id)!.status, results: m.items.get(i.id)!.results })),
    vote: m.vote ? { id: m.vote.id, ballots: m.vote.ballots.size } : null,
  };
}
const roomView = (s: Snapshot) => ({
  phase: s.phase,
  present: s.quorum.present,
  members: s.members.map((x) => ({ id: x.id, roomId: x.roomId, proxyHolder: x.proxyHolder, proxyActive: x.proxyActive, substitute: x.substitute })),
  items: s.items.map((i) => ({ id: i.id, status: i.status, results: i.results })),
  vote: s.vote ? { id: s.vote.id, ballots: s.vote.ballots } : null,
});

describe("random sittings: Durable Object = reference model", () => {
  it("agrees on every answer, every result and the final state", async () => {
    let votesClosed = 0;
    let adopted = 0;
    let errors = 0;
    let sealedClosed = 0;
    let abandoned = 0;
    let substituteBallots = 0;
    let substituteRefusals = 0;
    let proxyWaits = 0;
    await fc.assert(
      fc.asyncProperty(sittingArb, async ({ config, prelude, steps }) => {
        const { stub, sittingId } = await freshSitting(config);
        const model = initialModel(sittingConfigSchema.parse({ ...config, sittingId, tenantId: "test", title: "Séance d’essai" }));
        const clients = new Map<Actor, LiveClient>();
        const expand = (plan: Step[]) => expandWith(() => model, plan);
        const client = async (a: Actor) => clients.get(a) ?? clients.set(a, await connect(stub, identityOf(a))).get(a)!;
        let sealed: SealedContext | null = null;
        const secrets = new Map<string, TrusteeSecret>();
        try {
          // With the titular's proxy: m1 stays away, their holder sits, and x1 mostly comes in their place.
          const holder = config.members.length - 1;
          const seated = prelude.titularProxy ? [...new Set([...prelude.seated.filter((i) => i !== 1), holder])] : prelude.seated;
          const plan: Step[] = [
            ...seated.map(
              (i): Step => ({
                kind: "msg",
                actor: "s",
                msg: { type: "arrive", memberId: `m${i}`, roomId: `r${(prelude.pick >> i) & (config.rooms.length - 1)}` },
                pick: 0,
              }),
            ),
            // Some suppléants come too (refused where their titular sits).
            ...(prelude.titularProxy ? [...new Set(["x1", ...prelude.substitutes])] : prelude.substitutes).map(
              (id): Step => ({ kind: "msg", actor: "s", msg: { type: "arrive", memberId: id, roomId: "r0" }, pick: 0 }),
            ),
            ...(prelude.titularProxy ? [{ kind: "msg", actor: "s", msg: { type: "proxy.give", giverId: "m1", holderId: `m${holder}` }, pick: 0 } as Step] : []),
            ...prelude.proxies.map(([giverId, holderId]): Step => ({ kind: "msg", actor: "s", msg: { type: "proxy.give", giverId, holderId }, pick: 0 })),
            { kind: "msg", actor: 0, msg: { type: "sitting.open" }, pick: 0 },
            ...steps,
          ];
          for (const step of expand(plan)) {
            if (step.kind === "round") continue;
            if (step.kind === "evict") {
              await evictDurableObject(stub).catch(() => {});
              continue;
            }
            const { msg, browser, secret } = resolve(model, step.actor, step.msg, step.pick, sealed, secrets);
            const expected = modelApply(model, identityOf(step.actor), clientMessageSchema.parse(msg), browser);
            const c = await client(step.actor);
            const answer = await c.send(msg);
            const context = JSON.stringify({ actor: step.actor, msg: { ...msg, ballot: undefined, share: undefined, partial: undefined }, browser });
            if (expected.ok) expect(answer, context).toMatchObject({ type: "ack" });
            else {
              errors++;
              if (expected.code === "substituteSitting" || expected.code === "titularPresent") substituteRefusals++;
              if (expected.code === "substituteSitting") proxyWaits++;
              expect(answer, context).toMatchObject({ type: "error", code: expected.code });
            }
            if (answer.type === "ack") {
              // The browsers read the sealed vote (election, options, key, sum to decrypt) from the room's state.
              const v = c.state.vote;
              if (v?.sealed)
                sealed = { voteId: v.id, election: v.sealed.election, options: v.sealed.options, publicKey: v.sealed.publicKey, tally: v.sealed.tally };
              if (msg.type === "trustee.key" && secret) secrets.set(`${msg.voteId}/${msg.share.trustee}`, secret);
              if (msg.type === "vote.abandon") abandoned++;
              if ((msg.type === "ballot" || msg.type === "ballot.sealed") && typeof step.actor === "string" && step.actor.startsWith("x")) substituteBallots++;
            }
            if (expected.ok && expected.result) {
              const r = (await c.waitFor((m) => m.type === "result" && m.voteId === expected.voteId)) as Extract<ServerMessage, { type: "result" }>;
              expect(r.result, context).toEqual(expected.result);
              votesClosed++;
              if (r.result.type === "appointment" || r.result.kind === "secret") sealedClosed++;
              if (r.result.type === "motion" && r.result.outcome === "adopted") adopted++;
            }
          }
          const viewer = await client("v");
          await viewer.send({ type: "sync" });
          expect(roomView(viewer.state)).toEqual(modelView(model));
        } finally {
          for (const c of clients.values()) c.close();
        }
      }),
      // A fixed seed: the coverage floors below hold on every run (with a random one, "adopted"
      // ranged from 3 to 23 over 120 sittings and the floor failed now and then). Change the seed
      // to explore other sittings; a failing case prints its own seed and path to replay.
      { numRuns: 120, endOnFailure: true, seed: 20_261_203 },
    );
    // The generator must actually reach the interesting cases.
    expect(votesClosed).toBeGreaterThan(40);
    expect(adopted).toBeGreaterThan(3);
    expect(errors).toBeGreaterThan(100);
    expect(sealedClosed).toBeGreaterThan(10);
    expect(abandoned).toBeGreaterThan(0);
    expect(substituteBallots).toBeGreaterThan(10);
    expect(substituteRefusals).toBeGreaterThan(3);
    expect(proxyWaits).toBeGreaterThan(3);
    console.log(JSON.stringify({ votesClosed, sealedClosed, abandoned, adopted, errors, substituteBallots, substituteRefusals, proxyWaits }));
  }, 240_000);
});
