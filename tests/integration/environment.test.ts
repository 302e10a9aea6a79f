/**
 * Water and energy through the gateway (issue #22): the EPCI imports Hub'Eau's answers (recorded,
 * served by the local fake), and a member commune's public API shows the latest conformity of its
 * water; bad imports are refused in French.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminQuery, createTestTenant, gatewayRequest, person, testContext, withDb } from "@communa/core/testing";
import { importWater } from "../../workers/environment/src/services/water-import.ts";
import { fakeHubeau, RECORDED } from "@communa/core/testing/hubeau";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string; DATABASE_URL: string };
const gateway = (req: Request) => (exports.default as unknown as { fetch(r: Request): Promise<Response> }).fetch(req);

describe("drinking water", () => {
  it("a member commune's page shows the EPCI's imported conformity, network and limits", async () => {
    const epci = await createTestTenant(testEnv, { kind: "epci" });
    const commune = await createTestTenant(testEnv, { kind: "commune", parent: epci });
    await withDb(testEnv, (db) =>
      importWater(
        {
          db,
          ctx: testContext(epci, person("environment:write")),
          hubeau: { baseUrl: "http://hubeau.test/api", fetch: fakeHubeau().fetch, wait: async () => {} },
        },
        { communes: ["60360", "60524"], year: 2026, from: "2024-01-01", to: "2026-12-31" },
      ),
    );
    const res = await gateway(gatewayRequest(commune, "/api/environment/water/communes/60360"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      networks: { code: string }[];
      latest: { sampleCode: string; conclusion: string; chemicalLimits: { label: string } };
      history: { key: string; limit: number; points: unknown[] }[];
    };
    const newest = RECORDED.resultats_dis
      .filter((r) => r.code_commune === "60360")
      .sort((a, b) => (String(a.date_prelevement) < String(b.date_prelevement) ? 1 : -1))[0];
    expect(body.latest.sampleCode).toBe(newest.code_prelevement);
    expect(body.latest.conclusion).toBe(newest.conclusion_conformite_prelevement);
    expect(body.latest.chemicalLimits.label).toBe("conforme");
    expect(body.networks.map((n) => n.code)).toEqual(["060000412"]);
    expect(body.history.map((h) => [h.key, h.limit])).toEqual([
      ["nitrates", 50],
      ["pesticides", 0.5],
      ["bacteriologie", 0],
    ]);
    // Another territory sees nothing of it.
    const stranger = await createTestTenant(testEnv, { kind: "epci" });
    expect((await gateway(gatewayRequest(stranger, "/api/environment/water/communes/60360"))).status).toBe(404);
  });

  it("refuses an import outside the territory or with an inverted period, in French", async () => {
    const epci = await createTestTenant(testEnv, { kind: "epci" });
    const agent = person("environment:write");
    const post = (json: unknown) => gateway(gatewayRequest(epci, "/api/environment/water/imports", { method: "POST", actor: agent, json }));
    const inverted = await post({ year: 2026, from: "2026-06-01", to: "2026-01-01", communes: ["60360"] });
    expect(inverted.status).toBe(400);
    const problem = (await inverted.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors).toEqual([{ path: "body/to", message: "La fin de la période doit suivre son début." }]);
    const outside = await post({ year: 2026, from: "2026-01-01", to: "2026-06-01", communes: ["60360"] });
    expect(outside.status).toBe(400);
    expect(((await outside.json()) as { errors: { path: string }[] }).errors[0].path).toBe("body/communes/0");
  });
});

describe("the service's own monitoring", () => {
  it("records a self-check beside the ARS's, corrects it by its reference, imports a CSV all or nothing; bad input in French", async () => {
    const epci = await createTestTenant(testEnv, { kind: "epci" });
    const insee = String(98000 + Math.floor(Math.random() * 900));
    await adminQuery(
      testEnv,
      `INSERT INTO communes (insee, name, postcode, siren, epci_siren, population, population_total, population_year, boundary, bbox)
       VALUES ($1, 'Commune de l’autosurveillance', '60140', $2, $3, 1000, 1000, 2023, '{"type":"Polygon","coordinates":[[[2.4,49.3],[2.41,49.3],[2.41,49.31],[2.4,49.3]]]}', '{2.4,49.3,2.41,49.31}')
       ON CONFLICT (insee) DO UPDATE SET epci_siren = EXCLUDED.epci_siren`,
      [insee, `2${insee}000`.slice(0, 9), epci.siren],
    );
    const agent = person("environment:read", "environment:write");
    const call = (path: string, init: { method?: string; json?: unknown; actor?: ReturnType<typeof person> | undefined } = {}) =>
      gateway(gatewayRequest(epci, `/api/environment/water${path}`, { actor: agent, ...init }));
    const errorsOf = async (res: Response) => {
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      return ((await res.json()) as { errors: { path: string; message: string }[] }).errors;
    };
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const sample = {
      reference: "AS-001",
      communeInsee: insee,
      sampledAt: twoDaysAgo,
      results: [
        { parameter: "nitrates", value: 12.5 },
        { parameter: "bacteriologie", value: 0 },
      ],
    };

    const saved = await call("/own-samples", { method: "POST", json: sample });
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(await saved.json()).toEqual({ samples: 1, results: 2 });
    const page = async () => {
      const res = await gateway(gatewayRequest(epci, `/api/environment/water/communes/${insee}`));
      expect(res.status).toBe(200);
      return (await res.json()) as {
        latest: unknown;
        latestOwn: { results: { key: string; value: number }[] } | null;
        history: { key: string; points: { source: string; value: number }[] }[];
      };
    };
    const first = await page();
    // No sanitary control here: the ARS's conformity is not made up from the service's own.
    expect(first.latest).toBeNull();
    expect(first.latestOwn?.results).toEqual([
      { key: "nitrates", value: 12.5, unit: "mg/L" },
      { key: "bacteriologie", value: 0, unit: "n/100mL" },
    ]);
    expect(first.history.find((h) => h.key === "nitrates")?.points).toEqual([expect.objectContaining({ source: "own", value: 12.5 })]);

    // The same reference corrects the sample: still one point, the new value.
    expect((await call("/own-samples", { method: "POST", json: { ...sample, results: [{ parameter: "nitrates", value: 13 }] } })).status).toBe(200);
    expect((await page()).history.find((h) => h.key === "nitrates")?.points).toEqual([expect.objectContaining({ source: "own", value: 13 })]);

    // Bad input, each named beside its field.
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect(await errorsOf(await call("/own-samples", { method: "POST", json: { ...sample, sampledAt: future } }))).toEqual([
      { path: "body/sampledAt", message: "Un contrôle ne peut pas être daté d’un instant à venir." },
    ]);
    expect(await errorsOf(await call("/own-samples", { method: "POST", json: { ...sample, communeInsee: "60360" } }))).toEqual([
      { path: "body/communeInsee", message: "La commune 60360 ne fait pas partie de ce territoire." },
    ]);
    expect(
      await errorsOf(
        await call("/own-samples", { method: "POST", json: { ...sample, reference: "a b", results: [{ parameter: "chlore", value: -1 }], note: "x" } }),
      ),
    ).toEqual(
      expect.arrayContaining([
        { path: "body/reference", message: "Référence du contrôle : lettres, chiffres, . _ / -, 40 caractères au plus." },
        { path: "body/results/0/parameter", message: "Paramètre attendu : nitrates, pesticides ou bacteriologie." },
        { path: "body/results/0/value", message: "Résultat attendu : un nombre positif ou nul." },
        { path: "body/note", message: "Champ inconnu." },
      ]),
    );
    expect((await call("/own-samples", { method: "POST", json: sample, actor: undefined })).status).toBe(401);

    // A CSV: one bad line refuses the whole file (nothing stored); then the corrected file.
    const day = twoDaysAgo.slice(0, 10);
    const csv = (third: string) =>
      `reference;commune;date;parametre;valeur;conclusion\nAS-002;${insee};${day};nitrates;8,4;Eau conforme\n${third}\nAS-003;${insee};${day}T09:30:00+01:00;pesticides;0,02;\n`;
    const refused = await errorsOf(await call("/own-samples/import", { method: "POST", json: { csv: csv(`AS-002;${insee};${day};nitrates;9;`) } }));
    expect(refused).toEqual([{ path: "body/csv/3", message: "Ligne 3 : « nitrates » figure deux fois pour ce contrôle." }]);
    const list = async () => ((await (await call("/own-samples")).json()) as { samples: { reference: string; results: unknown[] }[] }).samples;
    expect((await list()).map((s) => s.reference)).toEqual(["AS-001"]);
    const imported = await call("/own-samples/import", { method: "POST", json: { csv: csv(`AS-002;${insee};${day};bacteriologie;0;`) } });
    expect(imported.status, await imported.clone().text()).toBe(200);
    expect(await imported.json()).toEqual({ samples: 2, results: 3 });
    expect((await list()).map((s) => [s.reference, s.results.length]).sort()).toEqual([
      ["AS-001", 2],
      ["AS-002", 2],
      ["AS-003", 1],
    ]);
    const columns = await errorsOf(await call("/own-samples/import", { method: "POST", json: { csv: "reference;commune\nA;1" } }));
    expect(columns).toEqual([{ path: "body/csv", message: "Colonnes manquantes dans le fichier : date, parametre, valeur." }]);
    // A commune outside the territory is named by its line too.
    const outside = await errorsOf(
      await call("/own-samples/import", { method: "POST", json: { csv: `reference;commune;date;parametre;valeur\nAS-009;60360;${day};nitrates;3\n` } }),
    );
    expect(outside).toEqual([{ path: "body/csv/2", message: "Ligne 2 : La commune 60360 ne fait pas partie de ce territoire." }]);
  });
});

describe("energy", () => {
  it("the service records the pool, imports its invoices and downloads the OPERAT file; a wrong line is named in French", async () => {
    const epci = await createTestTenant(testEnv, { kind: "epci" });
    const agent = person("environment:write", "environment:read");
    const call = (path: string, init: { method?: string; json?: unknown } = {}) =>
      gateway(gatewayRequest(epci, `/api/environment${path}`, { actor: agent, ...init }));
    const saved = await call("/energy/buildings", {
      method: "POST",
      json: {
        reference: "PISC-01",
        name: "Piscine",
        floorAreaM2: 1850,
        activity: "sport",
        referenceYear: 2019,
        meters: [{ energy: "electricity", deliveryPoint: "14600000000001" }],
      },
    });
    expect(saved.status).toBe(200);
    const lines = Array.from({ length: 12 }, (_, i) => {
      const mm = String(i + 1).padStart(2, "0");
      return `14600000000001;electricity;2019-${mm}-01;2019-${mm}-${new Date(Date.UTC(2019, i + 1, 0)).getUTCDate()};1000`;
    });
    const ok = await call("/energy/invoices", { method: "POST", json: { csv: ["point_livraison;energie;debut;fin;kwh", ...lines].join("\n") } });
    expect(await ok.json()).toEqual({ lines: 12, changed: 12 });
    const csv = await call("/energy/operat.csv?annee=2019");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect((await csv.text()).split("\r\n")[1]).toContain(";Électricité;12000;365;");
    // The portfolio: every building summed (a second one, its own year), month by month and per year.
    await call("/energy/buildings", {
      method: "POST",
      json: { reference: "GYM-01", name: "Gymnase", floorAreaM2: 900, activity: "sport", meters: [{ energy: "gas", deliveryPoint: "GI000001" }] },
    });
    await call("/energy/invoices", { method: "POST", json: { csv: "point_livraison;energie;debut;fin;kwh\nGI000001;gas;2019-01-01;2019-01-31;500" } });
    const portfolio = (await (await call("/energy/portfolio")).json()) as {
      months: { month: string; kwh: number }[];
      years: { year: number; kwh: number }[];
      buildings: { name: string; years: { year: number; kwh: number }[] }[];
    };
    expect(portfolio.months[0]).toEqual({ month: "2019-01", byEnergy: { electricity: 1000, gas: 500 }, kwh: 1500 });
    expect(portfolio.years).toEqual([{ year: 2019, kwh: 12_500 }]);
    expect(portfolio.buildings).toEqual([
      { buildingId: expect.any(String), name: "Gymnase", years: [{ year: 2019, kwh: 500 }] },
      { buildingId: expect.any(String), name: "Piscine", years: [{ year: 2019, kwh: 12_000 }] },
    ]);
    const bad = await call("/energy/invoices", {
      method: "POST",
      json: { csv: "point_livraison;energie;debut;fin;kwh\n14600000000001;electricity;2019-01-01;2019-01-31;beaucoup" },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { message: string }[] }).errors.map((e) => e.message)).toEqual(["Ligne 2 : « kwh » doit être un nombre positif."]);
  });
});

describe("groundwater", () => {
  it("stores a saved Hub'Eau answer for its station once, refuses another station's rows and a piezometer without its device id", async () => {
    const epci = await createTestTenant(testEnv, { kind: "epci" });
    const agent = person("environment:write");
    const post = (path: string, json: unknown) => gateway(gatewayRequest(epci, `/api/environment${path}`, { method: "POST", actor: agent, json }));
    const station = (await (
      await post("/groundwater/stations", { kind: "hubeau", code: "01035X0087/F1", name: "Station BRGM de Cauffry", communeInsee: "60134" })
    ).json()) as { id: string };
    const data = RECORDED.chroniques;
    const first = await post(`/groundwater/stations/${station.id}/recorded`, { data });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: data.length, inserted: data.length, requests: 0 });
    expect(await (await post(`/groundwater/stations/${station.id}/recorded`, { data })).json()).toEqual({ received: data.length, inserted: 0, requests: 0 });

    const foreign = await post(`/groundwater/stations/${station.id}/recorded`, { data: [data[0], { ...data[1], code_bss: "00000X0000/X" }] });
    expect(foreign.status).toBe(400);
    expect(((await foreign.json()) as { errors: unknown[] }).errors).toEqual([
      { path: "body/data/1/code_bss", message: "Cette ligne est celle de la station 00000X0000/X, pas de 01035X0087/F1." },
    ]);
    const sensor = await post("/groundwater/stations", { kind: "device", code: "sonde-12", name: "Piézomètre" });
    expect(sensor.status).toBe(400);
    expect(((await sensor.json()) as { errors: unknown[] }).errors).toEqual([
      { path: "body/code", message: "Pour un piézomètre de la collectivité, l’identifiant de l’équipement (celui de la page « Équipements »)." },
    ]);
    // Nothing of it for another territory, not even its station.
    const stranger = await createTestTenant(testEnv, { kind: "epci" });
    const other = await gateway(
      gatewayRequest(stranger, `/api/environment/groundwater/stations/${station.id}/recorded`, {
        method: "POST",
        actor: person("environment:write"),
        json: { data },
      }),
    );
    expect(other.status).toBe(404);
  });
});

describe("halls: consumption outside bookings and the heating programme", () => {
  it("a hall drawing power while nothing is booked raises a work request; its heating follows its hours and its bookings", async () => {
    const commune = await createTestTenant(testEnv, { name: "Bailleval (test)" });
    const agent = person("environment:read", "environment:write", "bookings:read", "bookings:write");
    const send = (path: string, init: { method?: string; json?: unknown } = {}) => gateway(gatewayRequest(commune, path, { ...init, actor: agent }));
    const hall = (await (await send("/api/booking/resources", { method: "POST", json: { kind: "hall", name: "Salle des fêtes", capacity: 150 } })).json()) as {
      id: string;
    };
    const renter = (await (
      await send("/api/booking/renters", {
        method: "POST",
        json: { kind: "association", name: "Comité des fêtes", rna: "W601112223", insuranceValidUntil: "2088-08-31" },
      })
    ).json()) as {
      id: string;
    };
    // Tuesday 14 January 2087 (years ahead: a booking is never in the past), 14:00–18:00 Paris time.
    const booked = await send("/api/booking/bookings", {
      method: "POST",
      json: { resourceId: hall.id, renterId: renter.id, startsAt: "2087-01-14T13:00:00Z", endsAt: "2087-01-14T17:00:00Z", state: "confirmed" },
    });
    expect(booked.status, await booked.clone().text()).toBe(201);
    const { reference } = (await booked.json()) as { reference: string };

    const building = {
      reference: "SDF",
      name: "Salle des fêtes",
      floorAreaM2: 420,
      activity: "salle polyvalente",
      meters: [{ energy: "electricity", deliveryPoint: "30001234567890" }],
      heating: { hours: "Tu 08:00-12:00", comfortC: 19, reducedC: 14, preheatMinutes: 60 },
    };
    const unknown = await send("/api/environment/energy/buildings", { method: "POST", json: { ...building, bookingResourceIds: [crypto.randomUUID()] } });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(["body/bookingResourceIds/0"]);
    const inverted = await send("/api/environment/energy/buildings", {
      method: "POST",
      json: { ...building, heating: { ...building.heating, reducedC: 21 } },
    });
    expect(((await inverted.json()) as { errors: unknown[] }).errors).toEqual([
      { path: "body/heating/reducedC", message: "La consigne réduite ne peut pas dépasser la consigne de confort." },
    ]);
    const saved = await send("/api/environment/energy/buildings", { method: "POST", json: { ...building, bookingResourceIds: [hall.id] } });
    expect(saved.status).toBe(200);
    const { id } = (await saved.json()) as { id: string };

    // The day's load curve (30-minute steps, Paris winter time): 300 W standing load; the morning's
    // hours and the booking (from its pre-heating) drawing more; and 20:00–22:00 with nobody booked.
    const watts = (hour: number) => (hour >= 8 && hour < 12 ? 2000 : hour >= 13 && hour < 18 ? 3000 : hour >= 20 && hour < 22 ? 2500 : 300);
    const start = Date.parse("2087-01-14T00:00:00+01:00");
    const lines = Array.from({ length: 48 }, (_, i) => {
      const end = new Date(start + (i + 1) * 1_800_000 + 3_600_000).toISOString().slice(0, 19);
      return `30001234567890;electricity;${end}+01:00;${watts(Math.floor(i / 2))};30`;
    });
    const imported = await send("/api/environment/energy/load-curves/import", {
      method: "POST",
      json: { csv: ["point_livraison;energie;horodatage;puissance_w;pas_minutes", ...lines].join("\n") },
    });
    expect(await imported.json()).toEqual({ lines: 48, alertsOpened: 1 });
    const { alerts } = (await (await send("/api/environment/energy/alerts")).json()) as {
      alerts: { kind: string; day: string; nightWatts: number; dayWatts: number; periods: unknown[]; buildingName: string }[];
    };
    expect(alerts.filter((a) => a.kind === "outside_booking")).toEqual([
      expect.objectContaining({
        day: "2087-01-14",
        buildingName: "Salle des fêtes",
        nightWatts: 300,
        dayWatts: 2500,
        periods: [{ from: "2087-01-14T19:00:00.000Z", to: "2087-01-14T21:00:00.000Z", watts: 2500 }],
      }),
    ]);

    // The day's consumption from its curve: 4 h at 2 kW, 5 h at 3 kW, 2 h at 2.5 kW, 13 h at 0.3 kW.
    const consumption = (await (await send(`/api/environment/energy/buildings/${id}/consumption`)).json()) as { days: unknown[] };
    expect(consumption.days).toEqual([{ day: "2087-01-14", kwh: 31.9, minutes: 1440 }]);

    // The programme of that Tuesday: comfort from an hour before the opening hours and the booking.
    const programme = await send(`/api/environment/energy/buildings/${id}/heating-programme?du=2087-01-14&jours=1`);
    expect(((await programme.json()) as { periods: unknown[] }).periods).toEqual([
      { from: "2087-01-13T23:00:00.000Z", to: "2087-01-14T06:00:00.000Z", setpointC: 14, reason: "reduit", references: [] },
      { from: "2087-01-14T06:00:00.000Z", to: "2087-01-14T11:00:00.000Z", setpointC: 19, reason: "horaire", references: [] },
      { from: "2087-01-14T11:00:00.000Z", to: "2087-01-14T12:00:00.000Z", setpointC: 14, reason: "reduit", references: [] },
      { from: "2087-01-14T12:00:00.000Z", to: "2087-01-14T17:00:00.000Z", setpointC: 19, reason: "reservation", references: [reference] },
      { from: "2087-01-14T17:00:00.000Z", to: "2087-01-14T23:00:00.000Z", setpointC: 14, reason: "reduit", references: [] },
    ]);
    const csv = await (await send(`/api/environment/energy/buildings/${id}/heating-programme.csv?du=2087-01-14&jours=1`)).text();
    expect(
      csv
        .replace(/^\uFEFF/, "")
        .split(/\r?\n/)
        .slice(0, 5),
    ).toEqual([
      "debut;fin;consigne_c;motif;reservations",
      "2087-01-14T00:00:00+01:00;2087-01-14T07:00:00+01:00;14;reduit;",
      "2087-01-14T07:00:00+01:00;2087-01-14T12:00:00+01:00;19;horaire;",
      "2087-01-14T12:00:00+01:00;2087-01-14T13:00:00+01:00;14;reduit;",
      `2087-01-14T13:00:00+01:00;2087-01-14T18:00:00+01:00;19;reservation;${reference}`,
    ]);
  });
});
