/**
 * Citizen relations through the gateway (issue #17, « Done when »): a resident of a commune sees
 * its own services and its EPCI's, books a visio appointment at the EPCI and a desk appointment at
 * the mairie without an account, gets both .ics (checked with ical.js), moves one by its signed
 * link; a second booking of a taken slot is a 409 naming the next free slots, and of ten bookings of
 * one slot at once exactly one wins (the exclusion constraint); an agent overbooks on purpose
 * (journalled), sees the visio banner, marks a no-show, and logs a phone call that becomes a request
 * with its receipt, which the resident follows by code. Dates are relative to now.
 */
import { env, exports } from "cloudflare:workers";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor, Tenant } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest } from "@communa/core/testing";
import { addDays, parisDay } from "@communa/core/time";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;
const agentOf = (): Actor => ({ kind: "person", id: crypto.randomUUID(), permissions: ["citizen:read", "citizen:write", "identity:people"] });

type Slot = { start: string; end: string; placeId: string };
type Booked = { id: string; start: string; sequence: number; visioUrl: string | null; manageUrl: string; signature: string; status: string };

async function post<T = Record<string, unknown>>(tenant: Tenant, path: string, body: unknown, actor?: Actor, status = 201): Promise<T> {
  const res = await gateway(gatewayRequest(tenant, `/api/citizen${path}`, { method: "POST", json: body, actor }));
  expect(res.status, await res.clone().text()).toBe(status);
  return json<T>(res);
}

/** A service with one agent open every day 08:00–18:00 at one place, and one motif. */
async function setUp(tenant: Tenant, agent: Actor, motif: Record<string, unknown>) {
  const service = await post<{ id: string }>(
    tenant,
    "/services",
    { name: `Service ${tenant.slug}`, contactPhone: "03 44 00 00 00", contactEmail: "accueil@example.invalid" },
    agent,
  );
  const place = await post<{ id: string; desks: unknown[] }>(
    tenant,
    "/places",
    { name: "Mairie", address: "1 place de la Mairie", desks: ["Guichet 1", "Guichet 2"] },
    agent,
  );
  const person = agent.kind === "person" ? agent.id : null;
  const ag = await post<{ id: string }>(tenant, "/agents", { serviceId: service.id, displayName: "Nathan Agent", personId: person }, agent);
  for (let weekday = 1; weekday <= 7; weekday++)
    await post(
      tenant,
      "/opening-rules",
      { agentId: ag.id, placeId: place.id, weekday, startMinute: 8 * 60, endMinute: 18 * 60, validFrom: "2020-01-01", validUntil: null },
      agent,
    );
  const m = await post<{ id: string }>(
    tenant,
    "/motifs",
    { serviceId: service.id, durationMinutes: 30, intervalMinutes: 30, bufferAfterMinutes: 10, ...motif },
    agent,
  );
  return { serviceId: service.id, placeId: place.id, agentId: ag.id, motifId: m.id };
}

async function slots(tenant: Tenant, motifId: string): Promise<Slot[]> {
  const today = parisDay();
  const res = await gateway(gatewayRequest(tenant, `/api/citizen/motifs/${motifId}/slots?du=${today}&au=${addDays(today, 14)}`));
  expect(res.status).toBe(200);
  return (await json<{ slots: Slot[] }>(res)).slots;
}

const icsOf = async (tenant: Tenant, b: { id: string; signature: string }) => {
  const res = await gateway(gatewayRequest(tenant, `/api/citizen/appointments/${b.id}/invitation.ics?cle=${encodeURIComponent(b.signature)}`));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/calendar");
  const cal = new ICAL.Component(ICAL.parse(await res.text()));
  // ical.js reads TZID times through the calendar's own VTIMEZONE, as a mail client does.
  const tz = cal.getFirstSubcomponent("vtimezone");
  if (tz) ICAL.TimezoneService.register(tz);
  return cal;
};

describe("citizen relations", () => {
  let epci: Tenant;
  let commune: Tenant;
  const epciAgent = agentOf();
  const mairieAgent = agentOf();
  let visio: Awaited<ReturnType<typeof setUp>>;
  let desk: Awaited<ReturnType<typeof setUp>>;

  beforeAll(async () => {
    epci = await createTestTenant(testEnv, { kind: "epci" });
    commune = await createTestTenant(testEnv, { parent: epci });
    visio = await setUp(epci, epciAgent, {
      name: "Conseil France Rénov’ en visio",
      locationType: "visio",
      visioPattern: "https://webconf.example.invalid/{id}",
    });
    desk = await setUp(commune, mairieAgent, {
      name: "Carte d’identité",
      locationType: "desk",
      minDelayMinutes: 2 * 1440,
      instructions: "Apportez une photo d’identité.",
    });
  });

  it("shows the commune's residents its own services and its EPCI's, each naming who receives", async () => {
    const res = await gateway(gatewayRequest(commune, "/api/citizen/catalogue"));
    const body = await json<{ services: Array<{ tenant: string; motifs: Array<{ id: string }> }> }>(res);
    expect(body.services.map((s) => s.tenant).sort()).toEqual([commune.slug, epci.slug].sort());
    expect(body.services.flatMap((s) => s.motifs.map((x) => x.id)).sort()).toEqual([visio.motifId, desk.motifId].sort());
  });

  it("books a visio at the EPCI and a desk appointment at the mairie without an account, each with its .ics, and moves one by its link", async () => {
    const [vs] = await slots(epci, visio.motifId);
    const resident = { name: "Félix Habitant", email: `felix.${crypto.randomUUID().slice(0, 6)}@example.invalid`, communeInsee: "60540" };
    const v = await post<Booked>(epci, "/appointments", { motifId: visio.motifId, placeId: vs.placeId, start: vs.start, ...resident });
    expect(v.visioUrl).toMatch(/^https:\/\/webconf\.example\.invalid\/[0-9a-f]{32}$/);
    const ds = await slots(commune, desk.motifId);
    const d = await post<Booked>(commune, "/appointments", { motifId: desk.motifId, placeId: ds[0].placeId, start: ds[0].start, ...resident });

    // Both mails are in the outbox, with the manage link.
    const mails = await adminQuery<{ subject: string; body: string; tenant_id: string }>(
      testEnv,
      "SELECT subject, body, tenant_id FROM outbox WHERE recipient = $1 ORDER BY created_at",
      [resident.email],
    );
    expect(mails.map((x) => x.tenant_id).sort()).toEqual([commune.id, epci.id].sort());
    expect(mails.find((x) => x.tenant_id === epci.id)?.body).toContain(v.visioUrl);
    expect(mails.find((x) => x.tenant_id === commune.id)?.body).toContain("rendez-vous/gerer/?rdv=");

    const cal = await icsOf(commune, d);
    expect(cal.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(cal.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe("Europe/Paris");
    const ev = cal.getFirstSubcomponent("vevent")!;
    expect(ev.getFirstPropertyValue("uid")).toBe(`${d.id}@communa`);
    expect(ev.getFirstPropertyValue("sequence")).toBe(0);
    expect(String(ev.getFirstProperty("dtstamp")?.toICALString())).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
    expect(String(ev.getFirstProperty("dtstart")?.toICALString())).toMatch(/^DTSTART;TZID=Europe\/Paris:\d{8}T\d{6}$/);
    expect(new ICAL.Event(ev).startDate.toJSDate().toISOString()).toBe(ds[0].start);
    const visioCal = await icsOf(epci, v);
    expect(String(visioCal.getFirstSubcomponent("vevent")!.getFirstPropertyValue("description"))).toContain(v.visioUrl);

    // Moved through the signed link: same UID, SEQUENCE 1, new time; a wrong key is refused.
    const later = ds.find((s) => Date.parse(s.start) >= Date.parse(ds[0].start) + 2 * 3_600_000)!;
    const bad = await gateway(
      gatewayRequest(commune, `/api/citizen/appointments/${d.id}/move`, { method: "POST", json: { cle: "x".repeat(43), start: later.start } }),
    );
    expect(bad.status).toBe(404);
    const moved = await post<Booked>(commune, `/appointments/${d.id}/move`, { cle: d.signature, start: later.start }, undefined, 200);
    expect([moved.start, moved.sequence]).toEqual([later.start, 1]);
    const ev2 = (await icsOf(commune, d)).getFirstSubcomponent("vevent")!;
    expect([ev2.getFirstPropertyValue("uid"), ev2.getFirstPropertyValue("sequence")]).toEqual([`${d.id}@communa`, 1]);
    expect(new ICAL.Event(ev2).startDate.toJSDate().toISOString()).toBe(later.start);
    // The old time is free again, the new one is not.
    const after = (await slots(commune, desk.motifId)).map((s) => s.start);
    expect(after).toContain(ds[0].start);
    expect(after).not.toContain(later.start);
  });

  it("refuses a taken slot with a 409 naming the next free ones; of ten bookings at once exactly one wins", async () => {
    const [s] = await slots(commune, desk.motifId);
    const body = (i: number) => ({
      motifId: desk.motifId,
      placeId: s.placeId,
      start: s.start,
      name: `Pauline ${i}`,
      phone: "06 12 34 56 78",
      communeInsee: "60540",
    });
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => gateway(gatewayRequest(commune, "/api/citizen/appointments", { method: "POST", json: body(i) }))),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    const refused = await json<{ status: number; detail: string; nextSlots: Slot[] }>(answers.find((r) => r.status === 409)!);
    expect(refused.detail).toContain("Voici les prochains créneaux libres");
    expect(refused.nextSlots.length).toBeGreaterThan(0);
    expect(refused.nextSlots.map((x) => x.start)).not.toContain(s.start);
    const held = await adminQuery(testEnv, "SELECT id FROM citizen_appointments WHERE tenant_id = $1 AND starts_at = $2", [commune.id, s.start]);
    expect(held).toHaveLength(1);

    // An agent books over it on purpose: allowed, flagged and journalled as « surbooking ».
    const over = await post<Booked & { overbooked: boolean }>(
      commune,
      "/appointments/overbook",
      { ...body(99), agentId: desk.agentId, channel: "desk" },
      mairieAgent,
    );
    expect(over.overbooked).toBe(true);
    const journal = await adminQuery<{ action: string; summary: { surbooking?: boolean } }>(
      testEnv,
      "SELECT action, summary FROM audit_journal WHERE tenant_id = $1 AND target = $2",
      [commune.id, `citizen_appointments/${over.id}`],
    );
    expect(journal.map((j) => [j.action, j.summary.surbooking])).toEqual([["citizen.appointment.overbook", true]]);
    // …which a resident cannot.
    const denied = await gateway(
      gatewayRequest(commune, "/api/citizen/appointments/overbook", { method: "POST", json: { ...body(98), agentId: desk.agentId } }),
    );
    expect(denied.status).toBe(401);
  });

  it("books a motif only at the tenant that receives, and an agent's surbooking only at its own places", async () => {
    const [s] = await slots(epci, visio.motifId);
    const body = { motifId: visio.motifId, placeId: s.placeId, start: s.start, name: "Félix", email: "f@example.invalid", communeInsee: "60540" };
    // The commune sees the EPCI's motif in its catalogue, but the booking is the EPCI's to take.
    expect((await gateway(gatewayRequest(commune, "/api/citizen/appointments", { method: "POST", json: body }))).status).toBe(404);
    const res = await gateway(
      gatewayRequest(commune, "/api/citizen/appointments/overbook", {
        method: "POST",
        json: { ...body, motifId: desk.motifId, agentId: desk.agentId },
        actor: mairieAgent,
      }),
    );
    expect(res.status).toBe(400);
    expect((await json<{ errors: Array<{ path: string }> }>(res)).errors.map((e) => e.path)).toEqual(["body/placeId"]);
  });

  it("asks a phone number for a phone motif and a contact for any, in French, per field", async () => {
    const phoneMotif = await post<{ id: string }>(
      commune,
      "/motifs",
      { serviceId: desk.serviceId, name: "Rappel téléphonique", durationMinutes: 15, intervalMinutes: 15, locationType: "phone" },
      mairieAgent,
    );
    const [s] = await slots(commune, phoneMotif.id);
    const res = await gateway(
      gatewayRequest(commune, "/api/citizen/appointments", {
        method: "POST",
        json: { motifId: phoneMotif.id, placeId: s.placeId, start: s.start, name: "Félix", email: "f@example.invalid", communeInsee: "60540" },
      }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const p = await json<{ errors: Array<{ path: string; message: string }> }>(res);
    expect(p.errors).toEqual([{ path: "body/phone", message: expect.stringContaining("par téléphone") }]);
  });

  it("shows the agent the day with the visio banner, and records a no-show", async () => {
    const [s] = await slots(epci, visio.motifId);
    const b = await post<Booked>(epci, "/appointments", {
      motifId: visio.motifId,
      placeId: s.placeId,
      start: s.start,
      name: "Pauline Habitante",
      email: "p@example.invalid",
      communeInsee: "60540",
    });
    const day = parisDay(s.start);
    const res = await gateway(gatewayRequest(epci, `/api/citizen/agenda?jour=${day}`, { actor: epciAgent }));
    expect(res.status).toBe(200);
    const agenda = await json<{ appointments: Array<{ id: string; agent: string }>; nextVisio: { id: string; time: string; visioUrl: string } | null }>(res);
    expect(agenda.appointments.map((a) => a.id)).toContain(b.id);
    expect(agenda.nextVisio?.time).toMatch(/^\d{2}:\d{2}$/);
    expect(agenda.nextVisio?.visioUrl).toMatch(/^https:\/\/webconf/);
    // Another agent of the EPCI has no banner: they do not take part.
    const other = await json<{ nextVisio: unknown }>(await gateway(gatewayRequest(epci, `/api/citizen/agenda?jour=${day}`, { actor: agentOf() })));
    expect(other.nextVisio).toBeNull();

    const marked = await post<{ status: string }>(epci, `/appointments/${b.id}/status`, { status: "no_show" }, epciAgent, 200);
    expect(marked.status).toBe("no_show");
  });

  it("turns a logged phone call into a request with its receipt, followed by code without an account", async () => {
    const type = await post<{ id: string }>(
      commune,
      "/request-types",
      {
        name: "Demande d’autorisation de voirie",
        serviceId: desk.serviceId,
        implicitDecision: "acceptance",
        implicitDelayDays: 60,
        appealRoutes: "Recours gracieux auprès du maire, puis tribunal administratif d’Amiens, dans les deux mois.",
        ruleSource: "CRPA L231-1 (silence vaut acceptation), délai de deux mois",
        ruleSince: "2014-11-12",
      },
      mairieAgent,
    );
    const r = await post<{ code: string; receipt: string; dueOn: string }>(
      commune,
      "/requests/logged",
      {
        channel: "phone",
        subject: "Occupation du trottoir pour un déménagement",
        serviceId: desk.serviceId,
        typeId: type.id,
        name: "Félix Habitant",
        email: "felix@example.invalid",
        communeInsee: "60540",
      },
      mairieAgent,
    );
    expect(r.code).toMatch(/^[A-Z]{8}$/);
    expect(r.receipt).toContain("Accusé de réception");
    expect(r.receipt).toContain("réputée acceptée");
    expect(r.receipt).toContain("tribunal administratif");
    expect(r.dueOn).toBe(addDays(parisDay(), 60));
    const mails = await adminQuery<{ subject: string }>(testEnv, "SELECT subject FROM outbox WHERE tenant_id = $1 AND subject LIKE $2 ORDER BY subject", [
      commune.id,
      `%${r.code}%`,
    ]);
    expect(mails.map((x) => x.subject)).toEqual([`Accusé de réception — demande ${r.code}`, `Demande enregistrée — suivi ${r.code}`]);

    const tracked = await json<{ status: string; statusLabel: string }>(
      await gateway(gatewayRequest(commune, `/api/citizen/requests/track/${r.code.toLowerCase()}`)),
    );
    expect(tracked).toMatchObject({ status: "open", statusLabel: "enregistrée" });
    // Another collectivité does not know the code.
    expect((await gateway(gatewayRequest(epci, `/api/citizen/requests/track/${r.code}`))).status).toBe(404);

    const q = await json<{ mine: Array<{ code: string }> }>(await gateway(gatewayRequest(commune, "/api/citizen/requests", { actor: mairieAgent })));
    expect(q.mine.map((x) => x.code)).toContain(r.code);
  });
});
