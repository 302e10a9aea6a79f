/**
 * France Services through the gateway (issue #18): an accompaniment is made of codes only — a
 * field the schema does not name (a note, a password) is refused, as is a commune outside the
 * territory, with French messages and field paths; a conseiller lists their own day, a referent
 * anyone's and corrects (journalled); the statistics count month × operator × commune × mission in
 * JSON and CSV; another tenant sees none of it; sessions refuse the registration past capacity
 * (409); the public places and the data·inclusion export; the purge on each row's clock.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor, Tenant } from "@communa/core";
import { ANONYMOUS } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest, person } from "@communa/core/testing";
import { addDays, parisDay } from "@communa/core/time";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const agent = person("france-services:read", "france-services:write");
const other = person("france-services:read", "france-services:write");
const referent = person("france-services:read", "france-services:write", "france-services:correct");
const today = parisDay();

async function call<T = Record<string, any>>(
  tenant: Tenant,
  path: string,
  init: RequestInit & { actor?: Actor; json?: unknown } = {},
  status = 200,
): Promise<T> {
  const res = await gateway(gatewayRequest(tenant, `/api/france-services${path}`, { actor: agent, ...init }));
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return (body && /json/.test(res.headers.get("content-type") ?? "") ? JSON.parse(body) : body) as T;
}
const post = <T = Record<string, any>>(t: Tenant, path: string, body: unknown, status = 201, actor: Actor = agent) =>
  call<T>(t, path, { method: "POST", json: body, actor }, status);

/** An EPCI tenant with two member communes of its own (codes 98xxx, unused by the seed). */
async function territory(): Promise<{ tenant: Tenant; communes: string[] }> {
  const tenant = await createTestTenant(testEnv, { kind: "epci", name: "CC France Services" });
  const base = 98000 + Math.floor(Math.random() * 900);
  const communes = [String(base), String(base + 1)];
  for (const [i, insee] of communes.entries())
    await adminQuery(
      testEnv,
      `INSERT INTO communes (insee, name, postcode, siren, epci_siren, population, population_total, population_year, boundary, bbox)
       VALUES ($1, $2, '60140', $3, $4, 1000, 1000, 2023, '{"type":"Polygon","coordinates":[[[2.4,49.3],[2.41,49.3],[2.41,49.31],[2.4,49.3]]]}', '{2.4,49.3,2.41,49.31}')
       ON CONFLICT (insee) DO UPDATE SET epci_siren = EXCLUDED.epci_siren, name = EXCLUDED.name`,
      [insee, `Commune ${i + 1}`, `2${insee}000`.slice(0, 9), tenant.siren],
    );
  return { tenant, communes };
}

const entry = (communeInsee: string, extra: Record<string, unknown> = {}) => ({
  day: today,
  minutes: 20,
  channel: "accueil",
  communeInsee,
  operator: "cnaf",
  family: "famille",
  mission: "accompagnement",
  outcome: "resolu",
  autonomy: 2,
  mandate: false,
  ...extra,
});

describe("France Services", () => {
  let t: Tenant;
  let communes: string[];
  let partnerId: string;
  beforeAll(async () => {
    ({ tenant: t, communes } = await territory());
    partnerId = (await post(t, "/partners", { name: "Oise Mobilité", kind: "operateur-local" })).id;
  });

  it("records codes only: unknown fields, words in a code field, a commune outside the territory and a bare mandate are refused in French", async () => {
    const free = await post(t, "/accompaniments", entry(communes[0], { note: "Mme X., mot de passe ameli : 1234" }), 400);
    expect(free.errors).toContainEqual({ path: "body/note", message: "Champ inconnu." });
    const words = await post(t, "/accompaniments", entry(communes[0], { family: "dossier CAF de Mme X", operator: "la CAF" }), 400);
    expect(words.errors).toEqual(
      expect.arrayContaining([
        { path: "body/family", message: "Choisissez une famille de démarches." },
        { path: "body/operator", message: "Choisissez un organisme national ou un partenaire local de la liste." },
      ]),
    );
    const outside = await post(t, "/accompaniments", entry("60360"), 400);
    expect(outside.errors).toEqual([{ path: "body/communeInsee", message: "Cette commune n’est pas sur le territoire de la collectivité." }]);
    const mandate = await post(t, "/accompaniments", entry(communes[0], { mandate: true }), 400);
    expect(mandate.errors[0].path).toBe("body/mandateReference");
    const future = await post(t, "/accompaniments", entry(communes[0], { day: addDays(today, 1) }), 400);
    expect(future.errors).toEqual([{ path: "body/day", message: "Un accompagnement ne peut pas être daté d’un jour à venir." }]);
  });

  it("lists the agent's own day with their last entry, the referent's whole day, and a journalled correction", async () => {
    const a = await post(t, "/accompaniments", entry(communes[0], { mandate: true, mandateReference: "AC-2026-4471" }));
    expect(a).toMatchObject({ operator: "cnaf", mandateReference: "AC-2026-4471", retainUntil: `${Number(today.slice(0, 4)) + 3}${today.slice(4)}` });
    const local = await post(t, "/accompaniments", entry(communes[1], { operator: partnerId, mission: "orientation", family: "transports" }));
    expect(local).toMatchObject({ operator: partnerId, operatorName: "Oise Mobilité" });
    await post(t, "/accompaniments", entry(communes[1]), 201, other);

    const mine = await call(t, `/accompaniments/mine?day=${today}`);
    expect(mine.accompaniments.map((r: { id: string }) => r.id)).toEqual([a.id, local.id]);
    expect(mine.last.id).toBe(local.id);
    await call(t, `/accompaniments?day=${today}`, {}, 403);
    const all = await call(t, `/accompaniments?day=${today}`, { actor: referent });
    expect(all.accompaniments).toHaveLength(3);

    await call(t, `/accompaniments/${a.id}`, { method: "PUT", json: entry(communes[0], { outcome: "attente-piece" }), actor: agent }, 403);
    const fixed = await call(t, `/accompaniments/${a.id}`, { method: "PUT", json: entry(communes[0], { outcome: "attente-piece" }), actor: referent });
    expect(fixed).toMatchObject({
      outcome: "attente-piece",
      mandate: false,
      mandateReference: null,
      correctedBy: referent.kind === "person" ? referent.id : "",
    });
    const [journal] = await adminQuery<{ summary: Record<string, unknown> }>(
      testEnv,
      "SELECT summary FROM audit_journal WHERE tenant_id = $1 AND action = 'france-services.accompaniment.correct' AND target = $2",
      [t.id, `france_services_accompaniments/${a.id}`],
    );
    expect(journal.summary).toMatchObject({ outcome: { avant: "resolu", après: "attente-piece" } });
  });

  it("counts month × operator × commune × mission in JSON and CSV, a chosen column set, the yearly summary; another tenant sees nothing", async () => {
    const month = today.slice(0, 7);
    const from = `${month}-01`;
    const stats = await call(t, `/statistics?from=${from}&to=${today}`);
    expect(stats.total).toBe(3);
    expect(stats.lines).toEqual(
      expect.arrayContaining([
        { month, operator: "cnaf", commune: communes[0], mission: "accompagnement", count: 1, minutes: 20 },
        { month, operator: "cnaf", commune: communes[1], mission: "accompagnement", count: 1, minutes: 20 },
        { month, operator: "Oise Mobilité", commune: communes[1], mission: "orientation", count: 1, minutes: 20 },
      ]),
    );
    const csv = await call<string>(t, `/statistics.csv?from=${from}&to=${today}`);
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("mois;organisme;commune_insee;mission;accompagnements;minutes");
    expect(csv).toContain(`${month};Oise Mobilité;${communes[1]};orientation;1;20`);
    const byFamily = await call<string>(t, `/statistics.csv?from=${from}&to=${today}&columns=family`);
    expect(byFamily.replace(/^\uFEFF/, "").split("\r\n")).toEqual(["famille;accompagnements;minutes", "famille;2;40", "transports;1;20"]);
    const bad = await call(t, `/statistics.csv?from=${from}&to=${today}&columns=month,nom`, {}, 400);
    expect(bad.errors[0].path).toBe("query/columns");
    const year = await call(t, `/statistics/year?year=${today.slice(0, 4)}`);
    expect(year).toMatchObject({ total: 3, minutes: 60 });

    const { tenant: stranger, communes: theirs } = await territory();
    expect((await call(stranger, `/statistics?from=${from}&to=${today}`)).total).toBe(0);
    expect((await call(stranger, `/accompaniments?day=${today}`, { actor: referent })).accompaniments).toEqual([]);
    expect((await call(stranger, "/partners")).partners).toEqual([]);
    await call(
      stranger,
      `/accompaniments/${(await call(t, `/accompaniments/mine?day=${today}`)).last.id}`,
      { method: "PUT", json: entry(theirs[0]), actor: referent },
      404,
    );
  });

  it("publishes places with their weekly slots, and in the data·inclusion schema", async () => {
    const desk = await post(t, "/places", {
      name: "France Services de Liancourt",
      kind: "accueil",
      communeInsee: communes[0],
      address: "1 place de la Mairie",
      slots: [
        { weekday: 1, start: "09:00", end: "12:00" },
        { weekday: 3, start: "14:00", end: "17:30" },
      ],
    });
    expect(desk.openingHours).toBe("Mo 09:00-12:00; We 14:00-17:30");
    const overlap = await post(
      t,
      "/places",
      {
        name: "Permanence",
        kind: "permanence",
        communeInsee: communes[1],
        address: "Mairie, 2 rue Haute",
        slots: [
          { weekday: 2, start: "09:00", end: "12:00" },
          { weekday: 2, start: "11:00", end: "13:00" },
        ],
      },
      400,
    );
    expect(overlap.errors).toEqual([{ path: "body/slots/1", message: "Deux créneaux du même jour se chevauchent." }]);
    await post(t, "/places", {
      name: "Permanence de Commune 2",
      kind: "permanence",
      communeInsee: communes[1],
      address: "Mairie, 2 rue Haute",
      slots: [{ weekday: 2, start: "09:00", end: "12:00" }],
    });

    const pub = await call(t, "/public/places", { actor: ANONYMOUS });
    expect(pub.places.map((p: { name: string }) => p.name)).toEqual(["France Services de Liancourt", "Permanence de Commune 2"]);
    const services = await call<Array<Record<string, unknown>>>(t, "/public/data-inclusion/services.json", { actor: ANONYMOUS });
    expect(services).toHaveLength(2);
    expect(services[0]).toMatchObject({
      source: "communa",
      structure_id: `communa--${t.slug}`,
      id: `communa--${t.slug}--${desk.id}`,
      code_insee: communes[0],
      horaires_accueil: "Mo 09:00-12:00; We 14:00-17:30",
      zone_eligibilite: [t.siren],
      frais: "gratuit",
    });
  });

  it("points a permanence to a place of the appointments module: its motifs are published with it; another tenant's place is refused", async () => {
    const citizenAgent: Actor = { kind: "person", id: crypto.randomUUID(), permissions: ["citizen:read", "citizen:write"] };
    const citizen = async (tenant: Tenant, path: string, body: unknown) => {
      const res = await gateway(gatewayRequest(tenant, `/api/citizen${path}`, { method: "POST", json: body, actor: citizenAgent }));
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()) as { id: string };
    };
    const service = await citizen(t, "/services", { name: "France services" });
    const place = await citizen(t, "/places", { name: "Mairie de Commune 2", address: "2 rue Haute", desks: [] });
    const unused = await citizen(t, "/places", { name: "Salle sans permanence", address: "3 rue Basse", desks: [] });
    const staff = await citizen(t, "/agents", { serviceId: service.id, displayName: "Conseillère France services", personId: null });
    await citizen(t, "/opening-rules", {
      agentId: staff.id,
      placeId: place.id,
      weekday: 2,
      startMinute: 14 * 60,
      endMinute: 16 * 60,
      validFrom: "2020-01-01",
      validUntil: null,
    });
    // A rule that has ended offers nothing any more.
    await citizen(t, "/opening-rules", {
      agentId: staff.id,
      placeId: unused.id,
      weekday: 3,
      startMinute: 9 * 60,
      endMinute: 10 * 60,
      validFrom: "2020-01-01",
      validUntil: "2020-12-31",
    });
    const motif = { serviceId: service.id, durationMinutes: 30, intervalMinutes: 30 };
    const desk = await citizen(t, "/motifs", { ...motif, name: "Démarches en ligne", locationType: "desk" });
    await citizen(t, "/motifs", { ...motif, name: "Rappel téléphonique", locationType: "phone" });
    await citizen(t, "/motifs", { ...motif, name: "Réservé aux agents", locationType: "desk", bookableBy: "agents" });

    const choices = await call(t, "/booking-places");
    expect(choices.places).toEqual([
      { id: place.id, name: "Mairie de Commune 2", address: "2 rue Haute", motifs: [{ id: desk.id, name: "Démarches en ligne", durationMinutes: 30 }] },
      { id: unused.id, name: "Salle sans permanence", address: "3 rue Basse", motifs: [] },
    ]);

    const permanence = {
      name: "Permanence réservable",
      kind: "permanence",
      communeInsee: communes[1],
      address: "Mairie, 2 rue Haute",
      slots: [{ weekday: 2, start: "14:00", end: "16:00" }],
    };
    const elsewhere = await createTestTenant(testEnv, { kind: "commune" });
    const foreign = await citizen(elsewhere, "/places", { name: "Mairie d’ailleurs", address: "1 place", desks: [] });
    for (const bookingPlaceId of [foreign.id, crypto.randomUUID()]) {
      const refused = await post(t, "/places", { ...permanence, bookingPlaceId }, 400);
      expect(refused.errors).toEqual([{ path: "body/bookingPlaceId", message: "Choisissez un lieu du module de rendez-vous de la collectivité, ou aucun." }]);
    }
    const notUuid = await post(t, "/places", { ...permanence, bookingPlaceId: "mairie" }, 400);
    expect(notUuid.errors).toEqual([{ path: "body/bookingPlaceId", message: "Champ « bookingPlaceId » : identifiant attendu (UUID de 36 caractères)." }]);

    const saved = await post(t, "/places", { ...permanence, bookingPlaceId: place.id });
    expect(saved.booking).toEqual(choices.places[0]);
    const pub = await call(t, "/public/places", { actor: ANONYMOUS });
    expect(pub.places.find((p: { id: string }) => p.id === saved.id).booking.motifs).toEqual([
      { id: desk.id, name: "Démarches en ligne", durationMinutes: 30 },
    ]);
    expect(pub.places.find((p: { name: string }) => p.name === "Permanence de Commune 2").booking).toBeNull();

    // Unlinked again: a walk-in permanence.
    const walkIn = await call(t, `/places/${saved.id}`, { method: "PUT", json: { ...permanence, bookingPlaceId: null } });
    expect(walkIn).toMatchObject({ bookingPlaceId: null, booking: null });
    await call(t, `/places/${saved.id}`, { method: "PUT", json: { ...permanence, active: false } });
  });

  it("registers residents to a partner's session until it is full, then answers 409 in French", async () => {
    const college = await post(t, "/partners", { name: "Collège Jules-Michelet", kind: "college" });
    const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const s = await post(t, "/sessions", {
      partnerId: college.id,
      title: "Soirée Educonnect (entrée en 6e)",
      startsAt,
      minutes: 90,
      capacity: 2,
      address: "Collège, 3 rue des Écoles",
    });
    const register = (body: unknown, status = 201) => post(t, `/public/sessions/${s.id}/registrations`, body, status, ANONYMOUS);
    const noContact = await register({ fullName: "Nadia Parent" }, 400);
    expect(noContact.errors).toEqual([
      { path: "body/email", message: "Indiquez une adresse électronique ou un numéro de téléphone pour être prévenu d’un changement." },
    ]);
    await register({ fullName: "Nadia Parent", note: "mon fils est en CM2" }, 400);
    expect((await register({ fullName: "Nadia Parent", email: "nadia@example.invalid" })).remaining).toBe(1);
    expect((await register({ fullName: "Paul Parent", phone: "06 12 34 56 78" })).remaining).toBe(0);
    const full = await register({ fullName: "Zoé Parent", phone: "0612345679" }, 409);
    expect(full).toMatchObject({ status: 409, detail: "Cet atelier est complet : plus aucune place n’est disponible." });
    const pub = await call(t, "/public/sessions", { actor: ANONYMOUS });
    expect(pub.sessions.find((x: { id: string }) => x.id === s.id)).toMatchObject({ registered: 2, capacity: 2, partnerName: "Collège Jules-Michelet" });
    const people = await call(t, `/sessions/${s.id}/registrations`);
    expect(people.registrations.map((r: { fullName: string }) => r.fullName)).toEqual(["Nadia Parent", "Paul Parent"]);
    await call(t, `/sessions/${s.id}/registrations`, { actor: ANONYMOUS }, 401);
  });

  it("purges an accompaniment once its own retention has passed", async () => {
    const purge = (days: number) =>
      adminQuery<{ r: { accompaniments: number } }>(testEnv, "SELECT app.purge_france_services_expired(now() + make_interval(days => $1)) AS r", [days]);
    const count = async () =>
      (await adminQuery<{ n: number }>(testEnv, "SELECT count(*)::int AS n FROM france_services_accompaniments WHERE tenant_id = $1", [t.id]))[0].n;
    await purge(2 * 365);
    expect(await count()).toBe(3);
    await purge(3 * 366 + 1);
    expect(await count()).toBe(0);
  });
});
