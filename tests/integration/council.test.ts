/**
 * The council through the gateway: councils, members, a sitting with its agenda, convocations and
 * their receipts, a proxy given in advance; then the live room over a real WebSocket through the
 * gateway (identity from the gateway only, cross-site sockets refused), a vote, the sitting closed,
 * and its outcome in Postgres with the minutes (JSON + PDF) deposited in R2 with their SHA-256.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Actor, Tenant } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest } from "@communa/core/testing";
import { LiveClient } from "../../workers/council/test/live-client.ts";
import { sealedVoteAndClose } from "../../workers/council/test/sealed-client.ts";
import type { MotionResult, ServerMessage } from "@communa/contracts/council";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;

async function call<T = Record<string, unknown>>(
  tenant: Tenant,
  path: string,
  init: RequestInit & { actor?: Actor; json?: unknown } = {},
  status = 200,
): Promise<T> {
  const res = await gateway(gatewayRequest(tenant, `/api/council${path}`, init));
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(status);
  return json<T>(res);
}

/** A person with a role in the tenant (as identity would have them). */
async function newPerson(tenant: Tenant, name: string, email: string | null, permissions: string[]): Promise<Actor & { kind: "person" }> {
  const [row] = await adminQuery<{ id: string }>(testEnv, "INSERT INTO people (id, display_name, email) VALUES (gen_random_uuid(), $1, $2) RETURNING id", [
    name,
    email,
  ]);
  const role = permissions.includes("council:preside") ? "council_president" : "councillor";
  await adminQuery(testEnv, "INSERT INTO memberships (tenant_id, person_id, role, granted_by) VALUES ($1, $2, $3, 'test')", [tenant.id, row.id, role]);
  return { kind: "person", id: row.id, permissions };
}

async function live(tenant: Tenant, sittingId: string, actor?: Actor, headers: Record<string, string> = {}): Promise<Response> {
  return gateway(gatewayRequest(tenant, `/api/council/sittings/${sittingId}/live`, { actor, headers: { upgrade: "websocket", ...headers } }));
}
async function socket(tenant: Tenant, sittingId: string, actor?: Actor, headers: Record<string, string> = {}): Promise<LiveClient> {
  const res = await live(tenant, sittingId, actor, headers);
  expect(res.status, res.status === 101 ? "" : await res.text()).toBe(101);
  res.webSocket!.accept();
  const c = new LiveClient(res.webSocket!);
  await c.waitFor((m) => m.type === "state");
  return c;
}

/** A sitting `days` days from now: convocations need clear days before it (L2121-12, L5211-1). */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const secretary = { kind: "person", id: "00000000-0000-4000-8000-000000000001", permissions: ["council:read", "council:write"] } as Actor;

describe("council sittings through the gateway", () => {
  it("prepares, convenes, holds and closes a sitting; the minutes land in Postgres and R2", async () => {
    const tenant = await createTestTenant(testEnv, { kind: "epci", name: "Communauté de communes d’essai" });
    const president = await newPerson(tenant, "Élise Président", "elise@example.invalid", ["council:read", "council:vote", "council:preside"]);
    const councillors = await Promise.all(
      ["Amélie", "Benoît", "Céline"].map((n, i) => newPerson(tenant, n, i === 0 ? `c${i}@example.invalid` : null, ["council:read", "council:vote"])),
    );

    const council = await call<{ id: string }>(
      tenant,
      "/councils",
      { method: "POST", actor: secretary, json: { name: "Conseil communautaire", kind: "community" } },
      201,
    );
    const add = (fullName: string, birthDate: string, personId: string | null, office?: string) =>
      call<{ id: string; inOffice: boolean }>(
        tenant,
        `/councils/${council.id}/members`,
        { method: "POST", actor: secretary, json: { fullName, birthDate, personId, mandateStart: "2026-01-01", ...(office ? { office } : {}) } },
        201,
      );
    const m0 = await add("Élise Président", "1960-02-01", president.id, "Présidente");
    const [m1, m2, m3] = await Promise.all(councillors.map((c, i) => add(`Membre ${i + 1} (${["Amélie", "Benoît", "Céline"][i]})`, `197${i}-01-01`, c.id)));
    const m4 = await add("Denis Absent", "1955-05-05", null);
    // A person picked by id must have a role here: someone of another collectivité is refused on the field.
    const elsewhere = await newPerson(await createTestTenant(testEnv, { kind: "commune", name: "Commune voisine" }), "Ailleurs", null, ["council:read"]);
    const stranger = await call<{ errors: Array<{ path: string; message: string }> }>(
      tenant,
      `/councils/${council.id}/members`,
      {
        method: "POST",
        actor: secretary,
        json: { fullName: "Personne d’ailleurs", birthDate: "1970-01-01", personId: elsewhere.id, mandateStart: "2026-01-01" },
      },
      400,
    );
    expect(stranger.errors.map((e) => e.path)).toEqual(["body/personId"]);
    // A member's account can be named by its e-mail address (only accounts of this collectivité).
    const gaspard = await newPerson(tenant, "Gaspard", "gaspard@example.invalid", ["council:read", "council:vote"]);
    const byEmail = await call<{ id: string }>(
      tenant,
      `/councils/${council.id}/members`,
      {
        method: "POST",
        actor: secretary,
        json: {
          fullName: "Gaspard Ancien",
          birthDate: "1980-01-01",
          accountEmail: "GASPARD@example.invalid",
          mandateStart: "2026-01-01",
          mandateEnd: "2026-02-01",
        },
      },
      201,
    );
    const [linked] = await adminQuery<{ person_id: string }>(testEnv, "SELECT person_id FROM council_members WHERE id = $1", [byEmail.id]);
    expect(linked.person_id).toBe(gaspard.id);
    // One account, one seat in a council.
    const twice = await gateway(
      gatewayRequest(tenant, `/api/council/councils/${council.id}/members`, {
        method: "POST",
        actor: secretary,
        json: { fullName: "Amélie bis", birthDate: "1970-01-01", accountEmail: "c0@example.invalid", mandateStart: "2026-01-01" },
      }),
    );
    expect(twice.status).toBe(409);
    await twice.arrayBuffer();
    const unknownAccount = await gateway(
      gatewayRequest(tenant, `/api/council/councils/${council.id}/members`, {
        method: "POST",
        actor: secretary,
        json: { fullName: "Inconnu", birthDate: "1980-01-01", accountEmail: "personne@example.invalid", mandateStart: "2026-01-01" },
      }),
    );
    expect(unknownAccount.status).toBe(400);
    await unknownAccount.arrayBuffer();
    const gone = await add("Ancien Membre", "1950-01-01", null);
    await call(tenant, `/members/${gone.id}/end`, { method: "POST", actor: secretary, json: { mandateEnd: "2026-03-01" } });
    const publicMembers = await call<{ members: Array<Record<string, unknown>> }>(tenant, `/councils/${council.id}/members`);
    expect(publicMembers.members).toHaveLength(7);
    expect(publicMembers.members[0]).not.toHaveProperty("birthDate");

    const badRoom = await gateway(
      gatewayRequest(tenant, `/api/council/councils/${council.id}/rooms`, {
        method: "POST",
        actor: secretary,
        json: { name: "Salle", address: "1 rue", visioUrl: "http://visio.invalid/x" },
      }),
    );
    expect(badRoom.status).toBe(400);
    await badRoom.arrayBuffer();
    const scriptRoom = await gateway(
      gatewayRequest(tenant, `/api/council/councils/${council.id}/rooms`, {
        method: "POST",
        actor: secretary,
        json: { name: "Salle", address: "1 rue", visioUrl: "javascript:alert(1)" },
      }),
    );
    expect(scriptRoom.status).toBe(400);
    expect(((await scriptRoom.json()) as { errors: unknown[] }).errors).toEqual([
      { path: "body/visioUrl", message: "Le lien de visioconférence doit être une adresse complète en https." },
    ]);
    const room = await call<{ id: string }>(
      tenant,
      `/councils/${council.id}/rooms`,
      { method: "POST", actor: secretary, json: { name: "Salle du conseil", address: "1 place de la Mairie", visioUrl: "https://visio.example.fr/conseil" } },
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
          title: "Séance du conseil — « budget » et équipements",
          startsAt: inDays(20),
          roomIds: [room.id],
          presidentMemberId: m0.id,
          synthesisNote: "Le procès-verbal de la séance précédente et la désignation d’un délégué au syndicat des eaux.",
          items: [
            {
              title: "Approbation du procès-verbal",
              type: "proces-verbal",
              rapporteurMemberId: m1.id,
              documents: [{ title: "Projet de PV", url: "https://example.fr/pv.pdf" }],
            },
            { title: "Désignation d’un délégué", type: "designation-delegues", candidateIds: [m2.id, m3.id] },
          ],
        },
      },
      201,
    );
    // The item's type decides: a multi-site sitting cannot carry a designation or a primary budget (L5211-11-1).
    const annexe = await call<{ id: string }>(
      tenant,
      `/councils/${council.id}/rooms`,
      { method: "POST", actor: secretary, json: { name: "Mairie annexe", address: "2 rue", visioUrl: "https://visio.example.fr/annexe" } },
      201,
    );
    const multiSite = await gateway(
      gatewayRequest(tenant, "/api/council/sittings", {
        method: "POST",
        actor: secretary,
        json: {
          councilId: council.id,
          title: "Séance en deux lieux",
          startsAt: inDays(34),
          roomIds: [room.id, annexe.id],
          items: [
            { title: "Subvention", type: "deliberation" },
            { title: "Budget primitif", type: "budget-primitif" },
            { title: "Délégués", type: "designation-delegues", candidateIds: [m2.id] },
          ],
        },
      }),
    );
    expect(multiSite.status).toBe(400);
    expect(((await multiSite.json()) as { errors: Array<{ path: string; message: string }> }).errors.map((e) => [e.path, e.message.slice(0, 40)])).toEqual([
      ["body/items/1/type", "Ce type de point (élection du président,"],
      ["body/items/2/type", "Ce type de point (élection du président,"],
    ]);
    const anonymousView = await call<{ rooms: Array<{ visioUrl: string | null }>; items: unknown[] }>(tenant, `/sittings/${sitting.id}`);
    expect(anonymousView.rooms[0].visioUrl).toBeNull();
    expect(anonymousView.items).toHaveLength(2);
    const memberView = await call<{ rooms: Array<{ visioUrl: string | null }> }>(tenant, `/sittings/${sitting.id}`, { actor: councillors[0] });
    expect(memberView.rooms[0].visioUrl).toBe("https://visio.example.fr/conseil");

    // Convocations: the 5 members in office (not the one whose mandate ended), e-mailed when possible.
    expect(await call(tenant, `/sittings/${sitting.id}/convocations`, { method: "POST", actor: secretary, json: {} })).toMatchObject({
      convened: 5,
      total: 5,
      requiredClearDays: 5,
    });
    const mails = await adminQuery<{ recipient: string; body: string }>(testEnv, "SELECT recipient, body FROM outbox WHERE tenant_id = $1 ORDER BY recipient", [
      tenant.id,
    ]);
    expect(mails.map((m) => m.recipient)).toEqual(["c0@example.invalid", "elise@example.invalid"]);
    // The convocation carries the agenda and the note of synthesis (L2121-12).
    expect(mails[0].body).toContain("Ordre du jour :\n1. Approbation du procès-verbal\n2. Désignation d’un délégué");
    expect(mails[0].body).toContain("Note explicative de synthèse :\nLe procès-verbal de la séance précédente");
    // An EPCI convenes five clear days ahead (L5211-1): too late is a French 422 naming the last day; urgency, one clear day.
    const soon = await call<{ id: string }>(
      tenant,
      "/sittings",
      {
        method: "POST",
        actor: secretary,
        json: {
          councilId: council.id,
          title: "Séance rapprochée",
          startsAt: inDays(3),
          roomIds: [room.id, annexe.id],
          items: [],
          synthesisNoteUrl: "https://example.fr/note.pdf",
        },
      },
      201,
    );
    const tooLate = await gateway(gatewayRequest(tenant, `/api/council/sittings/${soon.id}/convocations`, { method: "POST", actor: secretary, json: {} }));
    expect([tooLate.status, tooLate.headers.get("content-type")?.split(";")[0]]).toEqual([422, "application/problem+json"]);
    expect(((await tooLate.json()) as { detail: string }).detail).toMatch(
      /^Trop tard pour convoquer : la convocation doit être adressée 5 jours francs .* le dernier jour possible était le \S+ \d+ \S+ \d{4}\./,
    );
    const urgent = await call<{ convened: number; requiredClearDays: number }>(tenant, `/sittings/${soon.id}/convocations`, {
      method: "POST",
      actor: secretary,
      json: { urgencyReason: "Délibération à prendre avant la clôture de l’appel à projets" },
    });
    expect(urgent).toMatchObject({ convened: 5, requiredClearDays: 1 });
    const soonView = await call<{ urgencyReason: string; convenedAt: string; teleconference: boolean }>(tenant, `/sittings/${soon.id}`);
    expect(soonView.urgencyReason).toBe("Délibération à prendre avant la clôture de l’appel à projets");
    // A multi-site sitting's convocation says so (L5211-11-1), and the note's link goes with it.
    const [soonMail] = await adminQuery<{ body: string }>(
      testEnv,
      "SELECT body FROM outbox WHERE tenant_id = $1 AND subject = 'Convocation : Séance rapprochée' LIMIT 1",
      [tenant.id],
    );
    expect(soonMail.body).toContain("plusieurs lieux, reliés par visioconférence (article L5211-11-1 du CGCT)");
    expect(soonMail.body).toContain("Document : https://example.fr/note.pdf");
    expect(soonMail.body).toContain("Convocation en urgence (délai abrégé à un jour franc) : Délibération à prendre");
    const receipt = await call<{ acknowledgedAt: string }>(tenant, `/sittings/${sitting.id}/acknowledgement`, { method: "POST", actor: councillors[0] });
    expect(Date.parse(receipt.acknowledgedAt)).toBeGreaterThan(Date.now() - 60_000);
    const receipts = await call<{ convocations: Array<{ memberId: string; acknowledgedAt: string | null }> }>(tenant, `/sittings/${sitting.id}/convocations`, {
      actor: secretary,
    });
    expect(receipts.convocations.filter((c) => c.acknowledgedAt).map((c) => c.memberId)).toEqual([m1.id]);

    // A proxy given in advance; a second one to the same holder is refused.
    await call(tenant, `/sittings/${sitting.id}/proxies`, { method: "POST", actor: secretary, json: { giverMemberId: m4.id, holderMemberId: m1.id } }, 201);
    const second = await gateway(
      gatewayRequest(tenant, `/api/council/sittings/${sitting.id}/proxies`, {
        method: "POST",
        actor: secretary,
        json: { giverMemberId: m3.id, holderMemberId: m1.id },
      }),
    );
    expect(second.status).toBe(409);
    await second.arrayBuffer();

    // The live room: not open to viewers before the secretary sets it up; never to another site.
    const early = await live(tenant, sitting.id);
    expect(early.status).toBe(409);
    await early.arrayBuffer();
    const foreign = await live(tenant, sitting.id, secretary, { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    await foreign.arrayBuffer();
    const desk = await socket(tenant, sitting.id, secretary);
    expect(desk.state.members.map((m) => m.id).sort()).toEqual([m0.id, m1.id, m2.id, m3.id, m4.id].sort());
    expect(desk.state.members.find((m) => m.id === m4.id)).toMatchObject({ proxyHolder: m1.id, proxyActive: true });
    const [chair, c1, c2, c3] = [await socket(tenant, sitting.id, president), ...(await Promise.all(councillors.map((c) => socket(tenant, sitting.id, c))))];
    expect(chair.state.you).toMatchObject({ role: "president", memberId: m0.id });
    expect(c1.state.you).toMatchObject({ role: "councillor", memberId: m1.id, proxyFor: m4.id });
    // A viewer's forged context header does not cross the gateway: it stays a viewer.
    const forged = encodeURIComponent(JSON.stringify({ tenant, actor: president, requestId: "x" }));
    const viewer = await socket(tenant, sitting.id, undefined, {
      "x-communa-context": forged,
      "x-communa-council-actor": encodeURIComponent(JSON.stringify(president)),
    });
    expect(viewer.state.you).toBeNull();
    expect(await viewer.send({ type: "sitting.open" })).toMatchObject({ type: "error", code: "readOnly" });

    // A proxy handed to the secretary in the room, for this sitting and the next one.
    expect(await desk.send({ type: "proxy.give", giverId: m3.id, holderId: m2.id, sittings: 2 })).toMatchObject({ type: "ack" });
    for (const id of [m0.id, m1.id, m2.id, m3.id]) expect(await desk.send({ type: "arrive", memberId: id, roomId: room.id })).toMatchObject({ type: "ack" });
    expect(await chair.send({ type: "sitting.open" })).toMatchObject({ type: "ack" });
    const item1 = chair.state.items[0].id;
    expect(await chair.send({ type: "vote.open", itemId: item1, kind: "ordinary" })).toMatchObject({ type: "ack" });
    const voteId = chair.state.vote!.id;
    for (const [c, choice, onBehalfOf] of [
      [chair, "for"],
      [c1, "for"],
      [c1, "against", m4.id],
      [c2, "against"],
      [c3, "abstain"],
    ] as const) {
      expect(await c.send({ type: "ballot", voteId, choice, ...(onBehalfOf ? { onBehalfOf } : {}) })).toMatchObject({ type: "ack" });
    }
    expect(await chair.send({ type: "vote.close" })).toMatchObject({ type: "ack" });
    const proclaimed = (await viewer.waitFor((m) => m.type === "result")) as Extract<ServerMessage, { type: "result" }>;
    expect(proclaimed.result as MotionResult).toMatchObject({ outcome: "adopted", by: "casting-vote", counts: { for: 2, against: 2, abstain: 1 } });
    const item2 = chair.state.items[1].id;
    // An appointment is a secret ballot, sealed (ADR 0036): the president and a councillor hold the key.
    expect(await chair.send({ type: "vote.open", itemId: item2, kind: "secret" })).toMatchObject({ type: "error", code: "tooFewTrustees" });
    await sealedVoteAndClose(
      chair,
      [
        [chair, m2.id],
        [c1, m2.id],
        [c2, m3.id],
        [c3, "blank"],
        [c1, m2.id, m4.id],
      ],
      item2,
      [],
      [chair, c1],
    );
    expect(chair.state.items[1].results[0]).toMatchObject({ type: "appointment", elected: m2.id, by: "absolute-majority", cast: 4, blank: 1 });
    // The public page's view (a viewer, and the API it reads): the result and its counts, never a secret ballot's detail.
    await viewer.send({ type: "sync" });
    const seen = viewer.state.items[1].results[0];
    expect(Object.keys(seen).sort()).toEqual(["blank", "by", "cast", "counts", "elected", "null", "round", "type"]);
    const publicState = JSON.stringify(await call(tenant, `/sittings/${sitting.id}/state`));
    for (const m of [m0, m1, m2, m3, m4]) expect(publicState).not.toMatch(new RegExp(`"(voter|principal|by|memberId)":"${m.id}"`));
    expect(await chair.send({ type: "sitting.close" })).toMatchObject({ type: "ack" });

    // The room records the outcome in Postgres (alarm), with the minutes deposited.
    type Sitting = { status: string; minutes: { pdfSha256: string; jsonSha256: string } | null; items: Array<{ status: string; results: unknown[] }> };
    let s: Sitting | undefined;
    // Until the alarm has recorded it (no budget of its own: the test's fail-safe).
    await expect.poll(async () => (s = await call<Sitting>(tenant, `/sittings/${sitting.id}`)).status, { interval: 100 }).toBe("closed");
    expect(s?.items.map((i) => i.status)).toEqual(["voted", "voted"]);
    expect(s?.items[0].results[0]).toMatchObject({ kind: "ordinary", result: { outcome: "adopted" } });
    const minutes = await call<{
      minutes: { members: Array<{ id: string; status: string; representedBy: string | null }> };
      sha256: { pdf: string; json: string };
    }>(tenant, `/sittings/${sitting.id}/minutes`);
    expect(minutes.minutes.members.find((m) => m.id === m4.id)).toMatchObject({ status: "represented", representedBy: m1.id });
    // Each adopted act is numbered per year and listed publicly with the close (L2121-25: within a week).
    type Deliberation = {
      id: string;
      number: string;
      adoptedOn: string;
      itemType: string;
      natureCode: number;
      publishedAt: string;
      publicationDue: string;
      result: Record<string, unknown>;
    };
    const { deliberations } = await call<{ deliberations: Deliberation[] }>(tenant, "/deliberations");
    const year = deliberations[0]?.adoptedOn.slice(0, 4);
    expect(deliberations.map((d) => [d.number, d.itemType, d.natureCode])).toEqual([
      [`${year}-002`, "designation-delegues", 1],
      [`${year}-001`, "proces-verbal", 1],
    ]);
    const due = new Date(Date.UTC(Number(year), Number(deliberations[0].adoptedOn.slice(5, 7)) - 1, Number(deliberations[0].adoptedOn.slice(8, 10)) + 7));
    expect(deliberations[0].publicationDue).toBe(due.toISOString().slice(0, 10));
    expect(Date.parse(deliberations[0].publishedAt)).toBeGreaterThan(Date.now() - 600_000);
    // A secret ballot's act carries its counts, never a ballot, a tracker or who voted.
    expect(Object.keys(deliberations[0].result).sort()).toEqual(["blank", "by", "cast", "counts", "elected", "null", "round", "type"]);
    const act = await call<{ text: string; natureLabel: string; collectivite: string }>(tenant, `/deliberations/${deliberations[1].id}`);
    expect(act.natureLabel).toBe("Délibération");
    expect(act.text).toContain(`Délibération n° ${year}-001`);
    expect(act.text).toContain("Objet : Approbation du procès-verbal");
    expect(act.text).toContain("la voix du président étant prépondérante");
    // Another collectivité's list does not show them.
    expect((await call<{ deliberations: unknown[] }>(await createTestTenant(testEnv), "/deliberations")).deliberations).toEqual([]);
    const pdfRes = await gateway(gatewayRequest(tenant, `/api/council/sittings/${sitting.id}/minutes.pdf`));
    expect(pdfRes.headers.get("content-type")).toBe("application/pdf");
    const pdf = new Uint8Array(await pdfRes.arrayBuffer());
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", pdf)), (b) => b.toString(16).padStart(2, "0")).join("");
    expect(digest).toBe(minutes.sha256.pdf);
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe("%PDF-");
    const [row] = await adminQuery<{ minutes_sha256: string; minutes_key: string }>(
      testEnv,
      "SELECT minutes_sha256, minutes_key FROM council_sittings WHERE id = $1",
      [sitting.id],
    );
    expect(row.minutes_sha256).toBe(digest);
    expect(row.minutes_key).toContain(digest);
    // The minutes went to the archive as one sealed unit, kept for good; the secretariat sees it on the sitting.
    type Archived = { archive: { status: string; depositReference: string | null; unitReference: string | null } | null };
    let archived: Archived = { archive: null };
    // The deposit follows the close's commit: wait for it (the test's fail-safe bounds the wait).
    await expect
      .poll(async () => (archived = await call<Archived>(tenant, `/sittings/${sitting.id}`, { actor: secretary })).archive?.status, { interval: 100 })
      .toBe("deposited");
    expect(archived.archive).toMatchObject({
      status: "deposited",
      depositReference: expect.stringMatching(/^VERS-/),
      unitReference: expect.stringMatching(/^ARC-/),
    });
    expect((await call<Archived>(tenant, `/sittings/${sitting.id}`)).archive).toBeUndefined();
    const [unit] = await adminQuery<{ final_action: string; status: string; n: number }>(
      testEnv,
      "SELECT u.final_action, u.status, (SELECT count(*)::int FROM archive_objects o WHERE o.unit_id = u.id) AS n FROM archive_units u WHERE u.tenant_id = $1 AND u.reference = $2",
      [tenant.id, archived.archive!.unitReference],
    );
    expect(unit).toEqual({ final_action: "Keep", status: "sealed", n: 2 });
    // Closed for good: the record cannot be rewritten, even by the owner role.
    await expect(adminQuery(testEnv, "UPDATE council_sittings SET minutes = '{}'::jsonb WHERE id = $1", [sitting.id])).rejects.toThrow(/non modifiable/);
    // The proxy given in the room joins the register, and covers the next sitting.
    const register = await adminQuery<{ giver_member_id: string; holder_member_id: string; sittings: number; first_sitting_id: string }>(
      testEnv,
      "SELECT giver_member_id, holder_member_id, sittings, first_sitting_id FROM council_proxies WHERE tenant_id = $1 ORDER BY created_at",
      [tenant.id],
    );
    expect(register).toEqual([
      { giver_member_id: m4.id, holder_member_id: m1.id, sittings: 1, first_sitting_id: sitting.id },
      { giver_member_id: m3.id, holder_member_id: m2.id, sittings: 2, first_sitting_id: sitting.id },
    ]);
    const next = await call<{ id: string }>(
      tenant,
      "/sittings",
      {
        method: "POST",
        actor: secretary,
        json: { councilId: council.id, title: "Séance suivante", startsAt: inDays(34), roomIds: [room.id], items: [] },
      },
      201,
    );
    const refused = await gateway(
      gatewayRequest(tenant, `/api/council/sittings/${next.id}/proxies`, {
        method: "POST",
        actor: secretary,
        json: { giverMemberId: m3.id, holderMemberId: m0.id },
      }),
    );
    expect(refused.status).toBe(409);
    await refused.arrayBuffer();
    const journal = await adminQuery<{ action: string }>(
      testEnv,
      "SELECT action FROM audit_journal WHERE tenant_id = $1 AND action = 'council.sitting.close'",
      [tenant.id],
    );
    expect(journal).toHaveLength(1);
    for (const c of [desk, chair, c1, c2, c3, viewer]) c.close();

    // Another tenant cannot reach this sitting's room.
    const other = await createTestTenant(testEnv);
    expect((await call<{ state: unknown }>(other, `/sittings/${sitting.id}/state`)).state).toBeNull();
  });
});
