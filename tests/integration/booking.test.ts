/**
 * Bookings through the gateway (issue #19): an association's weekly slot for a season, a
 * resident's option, a repair café that fills up, a vinyl cutter opened only after training,
 * equipment loans that never exceed the stock — and a concurrent second booking of any of them
 * answered 409 with what holds the slot and alternatives. Dates are in far-future years.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor, Tenant } from "@communa/core";
import { createTestTenant, gatewayRequest, person } from "@communa/core/testing";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const agent = person("bookings:read", "bookings:write");

async function send(tenant: Tenant, path: string, init: RequestInit & { actor?: Actor; json?: unknown } = {}) {
  const res = await gateway(gatewayRequest(tenant, `/api/booking${path}`, { actor: agent, ...init }));
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    body: text && /json/.test(res.headers.get("content-type") ?? "") ? JSON.parse(text) : text,
  };
}
async function call(tenant: Tenant, path: string, init: RequestInit & { actor?: Actor; json?: unknown } = {}, status = 200) {
  const r = await send(tenant, path, init);
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}
const post = (tenant: Tenant, path: string, json: unknown, status = 201, actor: Actor = agent) => call(tenant, path, { method: "POST", json, actor }, status);

let rantigny: Tenant;
let hall: { id: string };
let otherHall: { id: string };

beforeAll(async () => {
  rantigny = await createTestTenant(testEnv, { name: "Rantigny (test)" });
  hall = await post(rantigny, "/resources", {
    kind: "hall",
    name: "Salle polyvalente",
    capacity: 200,
    stepFree: true,
    accessibility: "Plain-pied, toilettes accessibles",
  });
  otherHall = await post(rantigny, "/resources", { kind: "hall", name: "Salle des associations", capacity: 250 });
});

describe("bookings through the gateway", () => {
  it("an association books the hall every Tuesday of the season; a colliding series hears which dates", async () => {
    const club = await post(rantigny, "/renters", {
      kind: "association",
      name: "Club de tennis de table",
      rna: "W601234567",
      insuranceValidUntil: "2088-08-31",
    });
    const season = await post(rantigny, "/series", {
      resourceId: hall.id,
      renterId: club.id,
      startsLocal: "2087-09-02T18:00",
      durationMinutes: 120,
      rrule: "FREQ=WEEKLY;BYDAY=TU;UNTIL=20871230T230000Z",
      exceptions: ["2087-10-28"],
      state: "confirmed",
    });
    expect(season.bookings.length).toBe(18 - 1);
    expect(season.bookings.every((b: { state: string }) => b.state === "confirmed")).toBe(true);
    // 18:00 in Paris before and after the change of hour (26 October 2087).
    expect(season.bookings[0].startsAt).toBe("2087-09-02T16:00:00.000Z");
    expect(season.bookings.at(-1).startsAt).toBe("2087-12-30T17:00:00.000Z");

    const choir = await post(rantigny, "/renters", { kind: "association", name: "Chorale", rna: "W609999999", insuranceValidUntil: "2088-08-31" });
    const clash = await send(rantigny, "/series", {
      method: "POST",
      actor: agent,
      json: { resourceId: hall.id, renterId: choir.id, startsLocal: "2087-10-21T19:00", durationMinutes: 60, rrule: "FREQ=WEEKLY;COUNT=3", state: "request" },
    });
    expect(clash.status).toBe(409);
    expect(clash.type).toMatch(/application\/problem\+json/);
    // 21 October collides, 28 October is the club's exception, 4 November collides.
    expect(clash.body.dates).toEqual(["2087-10-21", "2087-11-04"]);
    expect(clash.body.detail).toContain("mardi 21 octobre 2087");
    expect(clash.body.alternatives.resources.map((r: { id: string }) => r.id)).toContain(otherHall.id);

    // The public feed: one recurring event, busy only, its exception as EXDATE, no names.
    const ics = await call(rantigny, `/resources/${hall.id}/calendar.ics`, { actor: { kind: "anonymous" } });
    expect(ics).toContain("RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20871230T230000Z");
    expect(ics).toContain("EXDATE;TZID=Europe/Paris:20871028T180000");
    expect(ics).not.toContain("tennis");
  });

  it("a lapsed insurance blocks an association's booking", async () => {
    const lapsed = await post(rantigny, "/renters", { kind: "association", name: "Amicale", rna: "W601111111", insuranceValidUntil: "2086-01-01" });
    const r = await send(rantigny, "/bookings", {
      method: "POST",
      actor: agent,
      json: { resourceId: hall.id, renterId: lapsed.id, startsAt: "2087-06-01T08:00:00Z", endsAt: "2087-06-01T12:00:00Z", state: "request" },
    });
    expect(r.status).toBe(422);
    expect(r.body.detail).toContain("attestation d’assurance");
  });

  it("two residents take an option on the same Saturday at once: one holds it, the other gets a 409 with alternatives and the price", async () => {
    await post(rantigny, "/tariffs", {
      resourceId: hall.id,
      renterKind: "resident",
      unit: "day",
      amountCents: 25000,
      deliberationNumber: "DEL-2086-042",
      deliberationDate: "2086-12-10",
      validFrom: "2087-01-01",
    });
    const ask = (who: Actor) =>
      send(rantigny, "/requests", {
        method: "POST",
        actor: who,
        json: {
          resourceId: hall.id,
          startsAt: "2087-05-17T08:00:00Z",
          endsAt: "2087-05-17T22:00:00Z",
          state: "option",
          renter: { kind: "resident", name: "Habitant", email: "h@example.invalid" },
        },
      });
    const [a, b] = await Promise.all([ask(person()), ask(person())]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const won = a.status === 201 ? a : b;
    const lost = a.status === 201 ? b : a;
    expect(won.body.state).toBe("option");
    expect(won.body.dueCents).toBe(25000);
    expect(new Date(won.body.optionExpiresAt).getTime() - Date.now()).toBeGreaterThan(7.9 * 86_400_000);
    expect(lost.body.title).toBeTruthy();
    expect(lost.body.conflicts).toEqual([{ startsAt: "2087-05-17T08:00:00.000Z", endsAt: "2087-05-17T22:00:00.000Z", state: "option" }]);
    expect(lost.body.alternatives.slots.length).toBeGreaterThan(0);
    expect(lost.body.alternatives.resources.map((r: { id: string }) => r.id)).toContain(otherHall.id);
    // Busy/free for everyone: that Saturday is not free, the Sunday is.
    const days = await call(rantigny, `/resources/${hall.id}/availability?from=2087-05-17&to=2087-05-18`, { actor: { kind: "anonymous" } });
    expect(days.days.map((d: { free: boolean }) => d.free)).toEqual([false, true]);
  });

  it("a commune event wins: it cancels what it overlaps and holds the slot", async () => {
    const renter = await post(rantigny, "/renters", { kind: "company", name: "Traiteur" });
    const booked = await post(rantigny, "/bookings", {
      resourceId: otherHall.id,
      renterId: renter.id,
      startsAt: "2087-07-14T08:00:00Z",
      endsAt: "2087-07-14T20:00:00Z",
      state: "confirmed",
    });
    const ev = await post(rantigny, "/blackouts", {
      resourceIds: [otherHall.id],
      startsAt: "2087-07-13T16:00:00Z",
      endsAt: "2087-07-14T23:00:00Z",
      title: "Fête nationale",
    });
    expect(ev.displaced.map((d: { id: string }) => d.id)).toEqual([booked.id]);
    const again = await send(rantigny, "/bookings", {
      method: "POST",
      actor: agent,
      json: { resourceId: otherHall.id, renterId: renter.id, startsAt: "2087-07-14T09:00:00Z", endsAt: "2087-07-14T10:00:00Z", state: "request" },
    });
    expect(again.status).toBe(409);
    expect(again.body.conflicts[0].state).toBe("manifestation communale");
  });

  it("a maker books the vinyl cutter only after training; a second booking of the slot is refused", async () => {
    const epci = await createTestTenant(testEnv, { kind: "epci", name: "Tiers-lieu (test)" });
    const cutter = await post(epci, "/resources", { kind: "machine", name: "Découpeuse vinyle", requiresTraining: true });
    const maker = person();
    const slot = {
      resourceId: cutter.id,
      startsAt: "2087-03-04T13:00:00Z",
      endsAt: "2087-03-04T15:00:00Z",
      state: "request",
      renter: { kind: "resident", name: "Maker" },
    };
    const before = await send(epci, "/requests", { method: "POST", actor: maker, json: slot });
    expect(before.status).toBe(422);
    expect(before.body.detail).toContain("formation");
    // The maker signs up for a training session; the fab manager then records the training.
    const course = await post(epci, "/resources", { kind: "session", name: "Formations machines" });
    const training = await post(epci, "/sessions", {
      resourceId: course.id,
      title: "Prise en main de la découpeuse vinyle",
      startsAt: "2087-02-01T09:00:00Z",
      endsAt: "2087-02-01T11:00:00Z",
      places: 6,
    });
    expect((await post(epci, `/sessions/${training.id}/registrations`, { renter: { kind: "resident", name: "Maker" } }, 201, maker)).state).toBe("registered");
    const { renters } = await call(epci, "/renters");
    const renter = renters.find((r: { name: string }) => r.name === "Maker");
    await post(epci, "/trainings", {
      resourceId: cutter.id,
      renterId: renter.id,
      trainer: "Fabmanager du tiers-lieu",
      trainedOn: "2087-02-01",
      validUntil: "2088-01-31",
    });
    const booked = await post(epci, "/requests", slot, 201, maker);
    expect(booked.state).toBe("request");
    const approved = await post(epci, `/bookings/${booked.id}/decision`, { action: "approve" }, 200);
    expect(approved.state).toBe("approved");
    const other = await post(epci, "/renters", { kind: "resident", name: "Autre" });
    await post(epci, "/trainings", { resourceId: cutter.id, renterId: other.id, trainer: "Fabmanager", trainedOn: "2087-01-01", validUntil: "2087-12-31" });
    const second = await send(epci, "/bookings", {
      method: "POST",
      actor: agent,
      json: { ...slot, renter: undefined, renterId: other.id, startsAt: "2087-03-04T14:00:00Z" },
    });
    expect(second.status).toBe(409);
  });

  it("another tenant's resources and renters are out of reach", async () => {
    const elsewhere = await createTestTenant(testEnv, { name: "Autre commune (test)" });
    const theirs = await post(elsewhere, "/renters", { kind: "resident", name: "Voisin" });
    const machine = await post(rantigny, "/resources", { kind: "machine", name: "Brodeuse numérique", requiresTraining: true });
    // A renter id of another tenant is not found here, whatever the foreign keys would allow.
    const training = await send(rantigny, "/trainings", {
      method: "POST",
      actor: agent,
      json: { resourceId: machine.id, renterId: theirs.id, trainer: "Fabmanager", trainedOn: "2087-01-01", validUntil: "2087-12-31" },
    });
    expect(training.status).toBe(404);
    const booking = await send(elsewhere, "/bookings", {
      method: "POST",
      actor: agent,
      json: { resourceId: hall.id, renterId: theirs.id, startsAt: "2087-08-01T08:00:00Z", endsAt: "2087-08-01T09:00:00Z", state: "request" },
    });
    expect(booking.status).toBe(404);
    const { resources } = await call(elsewhere, "/resources", { actor: { kind: "anonymous" } });
    expect(resources).toEqual([]);
  });

  it("a repair café fills its places, then puts people on a waiting list", async () => {
    const workshop = await post(rantigny, "/resources", { kind: "session", name: "Café réparation" });
    const session = await post(rantigny, "/sessions", {
      resourceId: workshop.id,
      title: "Café réparation de mars",
      startsAt: "2087-03-08T09:00:00Z",
      endsAt: "2087-03-08T12:00:00Z",
      places: 3,
    });
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        send(rantigny, `/sessions/${session.id}/registrations`, { method: "POST", actor: person(), json: { renter: { kind: "resident", name: "Habitant" } } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(results.filter((r) => r.body.state === "registered").length).toBe(3);
    expect(
      results
        .filter((r) => r.body.state === "waiting")
        .map((r) => r.body.position)
        .sort(),
    ).toEqual([1, 2]);
    const { sessions } = await call(rantigny, "/sessions", { actor: { kind: "anonymous" } });
    expect(sessions.find((s: { id: string }) => s.id === session.id)).toMatchObject({ remaining: 0, waiting: 2 });
  });

  it("concurrent loans of a 200-chair stock never exceed it", async () => {
    const chairs = await post(rantigny, "/resources", { kind: "equipment", name: "Chaises pliantes", quantity: 200 });
    const renter = await post(rantigny, "/renters", { kind: "public_body", name: "École" });
    const loans = await Promise.all(
      Array.from({ length: 10 }, () =>
        send(rantigny, "/bookings", {
          method: "POST",
          actor: agent,
          json: {
            resourceId: chairs.id,
            renterId: renter.id,
            quantity: 30,
            startsAt: "2087-06-20T08:00:00Z",
            endsAt: "2087-06-21T08:00:00Z",
            state: "confirmed",
          },
        }),
      ),
    );
    expect(loans.filter((l) => l.status === 201).length).toBe(6);
    expect(loans.filter((l) => l.status === 409).length).toBe(4);
    expect(loans.find((l) => l.status === 409)!.body.detail).toContain("20 unité(s)");
    const days = await call(rantigny, `/resources/${chairs.id}/availability?from=2087-06-20&to=2087-06-20`);
    expect(days.days[0].available).toBe(20);
  });
});
