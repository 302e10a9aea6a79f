/**
 * The collectivité's security audit through the gateway (issue #25): the RSSI answers ANSSI
 * measures and reads the maturity per theme, records the findings of an audit with their corrective
 * actions, sees the overdue one, closes an action only with its evidence, re-assesses and reads the
 * trend; completes a homologation pack and records the authority's decision; reads the register of
 * processing activities generated from the code and adds its own words; declares a personal-data
 * breach and reads its CNIL deadline. Another collectivité sees none of it; other agents are refused.
 * Dates are relative to today (Paris).
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor, Tenant } from "@communa/core";
import { createTestTenant, gatewayRequest, person } from "@communa/core/testing";
import { addDays, parisDay } from "@communa/core/time";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const rssi = person("security:read", "security:write");
const today = parisDay();

async function call<T = Record<string, any>>(
  tenant: Tenant,
  path: string,
  init: RequestInit & { actor?: Actor; json?: unknown } = {},
  status = 200,
): Promise<T> {
  const res = await gateway(gatewayRequest(tenant, `/api/audit${path}`, { actor: rssi, ...init }));
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return (body ? JSON.parse(body) : body) as T;
}
const send = <T = Record<string, any>>(t: Tenant, method: string, path: string, json: unknown, status = 200) => call<T>(t, path, { method, json }, status);

let epci: Tenant;
let other: Tenant;

beforeAll(async () => {
  epci = await createTestTenant(testEnv, { kind: "epci" });
  other = await createTestTenant(testEnv);
});

const finding = (title: string, dueOn: string, severity = "high") => ({
  source: "monaidecyber",
  title,
  severity,
  asset: "Serveur de fichiers de la mairie",
  action: "Mettre en place une sauvegarde hors ligne et tester une restauration",
  owner: "Prestataire informatique",
  dueOn,
  measure: 4,
});

describe("security audit", () => {
  it("measures and maturity: the known measures, the missing ones counted, the tenant's answers per theme", async () => {
    const before = await call(epci, "/measures");
    expect(before.guide).toMatchObject({ measureCount: 42, known: before.measures.length, missing: 42 - before.measures.length });
    expect(before.measures[0]).toMatchObject({ number: 1, theme: "I", status: "todo" });
    expect(before.maturity.themes).toHaveLength(10);
    await send(epci, "PUT", "/measures/1", { status: "done", evidence: "Plan de formation 2086", owner: "DGS", nextReview: addDays(today, 365) });
    await send(epci, "PUT", "/measures/2", { status: "partial", evidence: "", owner: "DGS", nextReview: null });
    const after = await call(epci, "/measures");
    expect(after.measures.find((x: any) => x.number === 1)).toMatchObject({ status: "done", evidence: "Plan de formation 2086", owner: "DGS" });
    const theme1 = after.maturity.themes.find((t: any) => t.code === "I");
    expect(theme1).toMatchObject({ done: 1, partial: 1, percent: Math.round((100 * 1.5) / theme1.known) });
    // The platform's evidence: the register backs measure 4; no audit of this tenant's archive yet.
    expect(after.measures.find((x: any) => x.number === 4).platformEvidence[0]).toMatchObject({ id: "personal-data-inventory", status: "info" });
    expect(after.controls.find((c: any) => c.id === "archive-integrity")).toMatchObject({ status: "unknown" });
    // A measure whose text is not in the reference data cannot be answered.
    const unknown = await send(epci, "PUT", "/measures/41", { status: "done", evidence: "", owner: "", nextReview: null }, 404);
    expect(unknown.detail).toMatch(/pas encore dans le référentiel/);
  });

  it("findings: the overdue action flagged, closing refused without evidence, closed with it; re-assessments show the trend", async () => {
    const late = await send(epci, "POST", "/findings", finding("Sauvegardes jamais testées", addDays(today, -3)), 201);
    const soon = await send(epci, "POST", "/findings", finding("Comptes administrateurs partagés", addDays(today, 30), "critical"), 201);
    expect(late.overdue).toBe(true);
    expect(soon.overdue).toBe(false);
    const list = await call(epci, "/findings");
    expect(list.plan).toMatchObject({ open: 2, overdue: 1, closed: 0 });
    await send(epci, "POST", "/assessments", { source: "monaidecyber", label: "Diagnostic MonAideCyber", on: addDays(today, -1) }, 201);

    const refused = await send(epci, "PATCH", `/findings/${late.id}`, { status: "done" }, 400);
    expect(refused.errors).toEqual([{ path: "body/evidence", message: expect.stringMatching(/preuve/) }]);
    const closed = await send(epci, "PATCH", `/findings/${late.id}`, { status: "done", evidence: `PV de test de restauration du ${today}` });
    expect(closed).toMatchObject({ status: "done", closedOn: today, overdue: false });
    await send(epci, "PUT", "/measures/3", { status: "done", evidence: "Contrat d’infogérance, clause sécurité", owner: "DGS", nextReview: null });
    await send(epci, "POST", "/assessments", { source: "self", label: "Réévaluation trimestrielle", on: today }, 201);
    const { assessments } = await call(epci, "/assessments");
    expect(assessments).toHaveLength(2);
    expect(assessments[0]).toMatchObject({ openFindings: 2, overdueFindings: 1, change: null });
    expect(assessments[1]).toMatchObject({ openFindings: 1, overdueFindings: 0, openChange: -1 });
    expect(assessments[1].change).toBeGreaterThan(0);
    expect((await call(epci, "/findings")).plan).toMatchObject({ open: 1, overdue: 0, closed: 1 });
  });

  it("homologation pack: generated description, the authority's decision and expiry", async () => {
    const { services, platformMeasures } = await call(epci, "/homologations");
    const booking = services.find((s: any) => s.module === "booking");
    expect(booking.dataHandled.length).toBeGreaterThan(0);
    expect(booking).toMatchObject({ decision: "pending", expired: false });
    expect(platformMeasures.length).toBeGreaterThan(3);
    const pack = { description: "Réservation des salles communales", hosting: "", extraMeasures: "", authority: "", decidedOn: null, expiresOn: null };
    const noAuthority = await send(epci, "PUT", "/homologations/booking", { ...pack, decision: "granted" }, 400);
    expect(noAuthority.errors[0].path).toBe("body/authority");
    await send(epci, "PUT", "/homologations/booking", {
      ...pack,
      decision: "granted",
      authority: "Président",
      decidedOn: today,
      expiresOn: addDays(today, 3 * 365),
    });
    const again = (await call(epci, "/homologations")).services.find((s: any) => s.module === "booking");
    expect(again).toMatchObject({
      decision: "granted",
      authority: "Président",
      decidedOn: today,
      expired: false,
      description: "Réservation des salles communales",
    });
    expect((await send(epci, "PUT", "/homologations/nowhere", { ...pack, decision: "pending" }, 400)).errors[0].path).toMatch(/module/);
  });

  it("register of processing activities: generated per module, completed in the tenant's words", async () => {
    const { processings } = await call(epci, "/register");
    expect(processings.map((p: any) => p.module)).toEqual(expect.arrayContaining(["identity", "waste", "cemetery", "citizen", "audit"]));
    await send(epci, "PUT", "/register/waste", {
      purpose: "Facturer la redevance incitative",
      recipients: "Trésorerie, prestataire de collecte",
      legalBasis: "",
    });
    const waste = (await call(epci, "/register")).processings.find((p: any) => p.module === "waste");
    expect(waste.note).toEqual({ purpose: "Facturer la redevance incitative", recipients: "Trésorerie, prestataire de collecte", legalBasis: "" });
  });

  it("incidents: a personal-data breach is due at the CNIL 72 h after detection", async () => {
    const detectedAt = new Date(Date.now() - 80 * 3_600_000).toISOString();
    const inc = await send(
      epci,
      "POST",
      "/incidents",
      { title: "Rançongiciel sur un poste", description: "", detectedAt, personalData: true, nis2: false },
      201,
    );
    expect(inc.deadlines).toEqual([
      expect.objectContaining({ kind: "cnil", late: true, doneAt: null, due: new Date(Date.parse(detectedAt) + 72 * 3_600_000).toISOString() }),
    ]);
    const early = await send(epci, "PATCH", `/incidents/${inc.id}`, { cnilNotifiedAt: new Date(Date.parse(detectedAt) - 60_000).toISOString() }, 400);
    expect(early.errors[0].path).toBe("body/cnilNotifiedAt");
    const notified = await send(epci, "PATCH", `/incidents/${inc.id}`, {
      cnilNotifiedAt: new Date(Date.parse(detectedAt) + 48 * 3_600_000).toISOString(),
      status: "closed",
    });
    expect(notified.deadlines[0]).toMatchObject({ late: false });
    expect(notified.status).toBe("closed");
  });

  it("another collectivité sees none of it; an agent of another service is refused", async () => {
    expect((await call(other, "/findings")).findings).toEqual([]);
    expect((await call(other, "/incidents")).incidents).toEqual([]);
    expect((await call(other, "/measures")).measures.every((x: any) => x.status === "todo")).toBe(true);
    const res = await gateway(gatewayRequest(epci, "/api/audit/findings", { actor: person("waste:read", "waste:write") }));
    expect(res.status).toBe(403);
  });
});
