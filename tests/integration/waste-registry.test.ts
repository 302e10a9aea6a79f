/**
 * Waste registry and management through the gateway (issue #8, part B): chip reassignment history,
 * incentive billing with statements and the tax role, stock that never goes negative under
 * concurrent exits, interventions with parts and idempotent resends, bin checks and the sorting
 * history, the resident's view (their premises only) and tenant isolation.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor, Tenant } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest, person } from "@communa/core/testing";
import { fromParisWallClock, parisDay, parisYear } from "@communa/core/time";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const agent = person("waste:read", "waste:write");
const json = async <T = Record<string, any>>(res: Response) => (await res.json()) as T;

async function call<T = Record<string, any>>(
  tenant: Tenant,
  path: string,
  init: RequestInit & { actor?: Actor; json?: unknown } = {},
  status = 200,
): Promise<T> {
  const res = await gateway(gatewayRequest(tenant, `/api/waste${path}`, { actor: agent, ...init }));
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return (body ? JSON.parse(body) : null) as T;
}

let seq = 0;
const chip = () => `250${String(Date.now() % 1e9).padStart(9, "0")}${String(++seq).padStart(3, "0")}`;
const premises = (tenant: Tenant, extra: Record<string, unknown> = {}) =>
  call(
    tenant,
    "/premises",
    {
      method: "POST",
      json: {
        reference: `LOC-${Math.random().toString(36).slice(2, 9)}`,
        address: "3 rue de la Gare",
        postcode: "60140",
        communeInsee: "60360",
        rentalValueCents: 300_000,
        ...extra,
      },
    },
    201,
  );
const bin = (tenant: Tenant, body: Record<string, unknown>) =>
  call(tenant, "/bins", { method: "POST", json: { stream: "residual", volumeLitres: 120, status: "in_service", ...body } }, 201);

/** A lift as helper A's consumer writes it (the registry side only reads them). */
async function lift(tenant: Tenant, binId: string, chipId: string, at: string, weightKg: number | null = null) {
  await adminQuery(
    testEnv,
    `INSERT INTO waste_lifts (id, tenant_id, event_id, device_id, chip_id, bin_id, truck, round, lifted_at, lon, lat, weight_kg, stream)
     VALUES (gen_random_uuid(), $1, $2, gen_random_uuid(), $3, $4, 'BOM-12', 'R3', $5, 2.46, 49.33, $6, 'residual')`,
    [tenant.id, `dev:${crypto.randomUUID()}`, chipId, binId, at, weightKg],
  );
}

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTestTenant(testEnv, { kind: "epci" });
  other = await createTestTenant(testEnv, { kind: "epci" });
});

describe("registry", () => {
  it("keeps every chip a bin carried and refuses a chip already on a bin in service", async () => {
    const p = await premises(t);
    const c1 = chip();
    const c2 = chip();
    const a = await bin(t, { premisesId: p.id, chipId: c1 });
    const b = await bin(t, { premisesId: p.id, chipId: c2, stream: "packaging" });
    const taken = await gateway(gatewayRequest(t, `/api/waste/bins/${b.id}/chip`, { method: "POST", actor: agent, json: { chipId: c1, reason: "erreur" } }));
    expect(taken.status).toBe(409);
    expect((await json(taken)).detail).toContain(c1);
    // Bin a is broken: its chip goes onto bin b (whose old chip is taken off).
    await call(t, `/bins/${a.id}`, { method: "PUT", json: { stream: "residual", volumeLitres: 120, status: "broken", premisesId: p.id } });
    await call(t, `/bins/${b.id}/chip`, { method: "POST", json: { chipId: c1, reason: "puce récupérée du bac cassé" } });
    const history = (await call(t, `/chips/history?chip=${c1}`)).history;
    expect(history.map((h: any) => [h.binId, h.unassignedAt === null])).toEqual([
      [a.id, false],
      [b.id, true],
    ]);
    const ofB = (await call(t, `/chips/history?binId=${b.id}`)).history;
    expect(ofB.map((h: any) => h.chipId)).toEqual([c2, c1]);
    expect((await call(t, `/chips/${c1}`)).id).toBe(b.id);
    // Bin a cannot come back into service with the chip bin b now carries, nor a spare take it.
    const back = await gateway(
      gatewayRequest(t, `/api/waste/bins/${a.id}`, {
        method: "PUT",
        actor: agent,
        json: { stream: "residual", volumeLitres: 120, status: "in_service", premisesId: p.id, chipId: c1 },
      }),
    );
    expect(back.status).toBe(409);
    await back.arrayBuffer();
    const spare = await call(t, "/bins", { method: "POST", json: { stream: "residual", volumeLitres: 120, status: "stock" } }, 201);
    const steal = await gateway(gatewayRequest(t, `/api/waste/bins/${spare.id}/chip`, { method: "POST", actor: agent, json: { chipId: c1, reason: "essai" } }));
    expect(steal.status).toBe(409);
    await steal.arrayBuffer();
    expect((await call(t, `/chips/${c1}`)).id).toBe(b.id);
    const bad = await gateway(gatewayRequest(t, `/api/waste/bins/${b.id}/chip`, { method: "POST", actor: agent, json: { chipId: "12AB", reason: "essai" } }));
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors[0].path).toBe("body/chipId");
  });

  it("isolates tenants: another tenant's agent sees none of these premises", async () => {
    const p = await premises(t);
    const res = await gateway(gatewayRequest(other, `/api/waste/premises/${p.id}`, { actor: agent }));
    expect(res.status).toBe(404);
    await res.arrayBuffer();
    expect((await call(other, "/premises")).premises.map((x: any) => x.id)).not.toContain(p.id);
    const put = await gateway(
      gatewayRequest(other, `/api/waste/bins`, {
        method: "POST",
        actor: agent,
        json: { stream: "glass", volumeLitres: 240, status: "in_service", premisesId: p.id },
      }),
    );
    expect(put.status).toBe(400);
    await put.arrayBuffer();
  });

  it("refuses the back office to residents and anonymous callers", async () => {
    const resident = await gateway(gatewayRequest(t, "/api/waste/premises", { actor: person("citizen:self") }));
    expect(resident.status).toBe(403);
    await resident.arrayBuffer();
    const anon = await gateway(gatewayRequest(t, "/api/waste/premises"));
    expect(anon.status).toBe(401);
    await anon.arrayBuffer();
  });
});

describe("incentive billing", () => {
  it("bills fixed + incentive parts, splits a shared bin exactly, exempts a new building, explains every figure", async () => {
    const bt = await createTestTenant(testEnv, { kind: "epci" });
    const a = await premises(bt, { rentalValueCents: 400_000 });
    const b = await premises(bt, { rentalValueCents: 200_000 });
    const fresh = await premises(bt, { rentalValueCents: 300_000, firstOccupiedYear: 2026 });
    const ca = chip();
    const own = await bin(bt, { premisesId: a.id, chipId: ca });
    const cc = chip();
    const shared = await bin(bt, { collective: true, sharedBy: [a.id, b.id], chipId: cc, volumeLitres: 660 });
    const cf = chip();
    const nb = await bin(bt, { premisesId: fresh.id, chipId: cf });
    for (let i = 0; i < 4; i++) await lift(bt, own.id, ca, `2026-0${i + 1}-10T07:00:00Z`);
    await lift(bt, shared.id, cc, "2026-03-01T07:00:00Z");
    await lift(bt, nb.id, cf, "2026-05-01T07:00:00Z");
    // Lifts outside year N-1 (Paris time) do not count: 31 Dec 2025 23:30 UTC is 1 Jan 2026 in Paris.
    await lift(bt, own.id, ca, "2025-12-31T22:30:00Z");
    await lift(bt, own.id, ca, "2027-01-02T07:00:00Z");
    // 1 Jan 2026 00:30 Paris = 31 Dec 2025 23:30 UTC: counted.
    await lift(bt, own.id, ca, "2025-12-31T23:30:00Z");
    // Volume basis, 0,02 €/L residual; TEOMi fixed rate 10 % of half the rental value.
    await call(bt, "/tariffs/2027", {
      method: "PUT",
      json: { regime: "teomi", basis: "volume", fixedRateMillionths: 100_000, rates: { residual: 20_000 }, deliberation: "2026-045" },
    });
    const check = await call(bt, "/tariffs/2027/check");
    // Fixed: 200 + 100 + 150 € = 450 €. Incentive: a = 5×120 L + 440 L of 660 → 1 040 L = 20,80 €; b = 220 L = 4,40 €.
    expect(check).toMatchObject({ fixedTotalCents: 450_00, incentiveTotalCents: 25_20, withinLimits: false });
    expect(check.message).toContain("entre 10 % et 45 %");
    // Outside 10–45 %: refused without the deliberation that decides otherwise, and nothing is frozen.
    const refused = await gateway(gatewayRequest(bt, "/api/waste/billing/runs", { method: "POST", json: { year: 2027 }, actor: agent }));
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as { detail: string; errors: Array<{ path: string }> };
    expect(problem.detail).toContain("1522 bis");
    expect(problem.errors.map((e) => e.path)).toEqual(["body/derogation"]);
    expect(await call(bt, "/billing/runs")).toMatchObject({ runs: [] });
    const half = await gateway(
      gatewayRequest(bt, "/api/waste/billing/runs", { method: "POST", json: { year: 2027, derogation: { deliberation: "2026-051" } }, actor: agent }),
    );
    expect(half.status).toBe(400);
    const derogation = { deliberation: "2026-051", votedOn: "2026-11-20" };
    const run = await call(bt, "/billing/runs", { method: "POST", json: { year: 2027, derogation } }, 201);
    expect(run).toMatchObject({ premisesCount: 3, shareWithinLimits: false, derogation });
    expect(run.warning).toContain("1522 bis");
    // The database holds the rule too: a run outside the limits without a deliberation cannot be written.
    await expect(
      adminQuery(
        testEnv,
        "INSERT INTO waste_billing_runs (id, tenant_id, year, tariff_id, fixed_total_cents, incentive_total_cents, incentive_share_millionths, share_within_limits, premises_count, by_actor) SELECT gen_random_uuid(), tenant_id, year, tariff_id, 1, 1, 500000, false, 0, 'x' FROM waste_billing_runs WHERE id = $1",
        [run.id],
      ),
    ).rejects.toThrow(/waste_billing_runs_share_or_derogation/);
    const lines = (await call(bt, `/billing/runs/${run.id}`)).lines;
    const of = (id: string) => lines.find((l: any) => l.premisesId === id);
    expect(of(a.id)).toMatchObject({ fixedCents: 200_00, incentiveCents: 20_80, exempt: false });
    expect(of(b.id)).toMatchObject({ fixedCents: 100_00, incentiveCents: 4_40 });
    expect(of(fresh.id)).toMatchObject({ fixedCents: 150_00, incentiveCents: 0, exempt: true });
    const st = await call(bt, `/billing/runs/${run.id}/statements/${a.id}?format=json`);
    expect(st.lifts).toHaveLength(6);
    expect(st.line.bins.find((x: any) => x.binId === shared.id)).toMatchObject({
      collective: true,
      quantity: 660,
      allocated: 440,
      shareNumerator: 400_000,
      shareDenominator: 600_000,
    });
    const pdf = await gateway(gatewayRequest(bt, `/api/waste/billing/runs/${run.id}/statements/${a.id}`, { actor: agent }));
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const csv = await gateway(gatewayRequest(bt, `/api/waste/billing/runs/${run.id}/role.csv`, { actor: agent }));
    const raw = new Uint8Array(await csv.arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(raw);
    expect(text.split("\r\n")[0]).toBe(
      "annee;regime;reference_local;invariant;commune_insee;adresse;valeur_locative;part_fixe;part_incitative;total;exoneration_part_incitative",
    );
    expect(text).toContain(`2027;TEOMi;${a.reference};;60360;3 rue de la Gare;4000,00;200,00;20,80;220,80;`);
    expect(text).toContain(";construction nouvelle");
    const journal = await adminQuery<{ action: string }>(testEnv, "SELECT action FROM audit_journal WHERE tenant_id = $1 AND target = $2", [
      bt.id,
      `waste_premises/${a.id}`,
    ]);
    expect(journal.map((j) => j.action)).toContain("waste.statement.read");
  });

  it("says the voted tariffs are within 10–45 % when they are", async () => {
    const bt = await createTestTenant(testEnv, { kind: "epci" });
    const p = await premises(bt, { rentalValueCents: 200_000 });
    const c = chip();
    const b = await bin(bt, { premisesId: p.id, chipId: c });
    for (let i = 0; i < 10; i++) await lift(bt, b.id, c, `2026-02-${10 + i}T07:00:00Z`);
    // REOMi by lifts: 100 € fixed + 10 lifts × 3 € = 30 € → 23,1 %.
    await call(bt, "/tariffs/2027", { method: "PUT", json: { regime: "reomi", basis: "lifts", fixedFeeCents: 100_00, rates: { residual: 3_000_000 } } });
    const check = await call(bt, "/tariffs/2027/check");
    expect(check).toMatchObject({ fixedTotalCents: 100_00, incentiveTotalCents: 30_00, withinLimits: true, shareMillionths: 230_769 });
    const run = await call(bt, "/billing/runs", { method: "POST", json: { year: 2027 } }, 201);
    expect(run).toMatchObject({ shareWithinLimits: true, warning: null, derogation: null });
    const csv = await (await gateway(gatewayRequest(bt, `/api/waste/billing/runs/${run.id}/role.csv`, { actor: agent }))).text();
    expect(csv).toContain(`2027;REOMi;${p.reference};`);
    expect(csv).toContain(";100,00;30,00;130,00;");
    const missing = await gateway(
      gatewayRequest(bt, "/api/waste/tariffs/2028", { method: "PUT", actor: agent, json: { regime: "teomi", basis: "lifts", rates: {} } }),
    );
    expect(missing.status).toBe(400);
    expect((await json(missing)).errors[0].path).toBe("body/fixedRateMillionths");
  });
});

describe("stock and interventions", () => {
  it("never goes negative under concurrent exits", async () => {
    const depot = await call(t, "/stock/depots", { method: "POST", json: { name: `Dépôt ${Math.random()}` } }, 201);
    const item = await call(t, "/stock/items", { method: "POST", json: { code: `LID-${seq++}`, label: "Couvercle 120 L", kind: "lid" } }, 201);
    await call(t, "/stock/entries", { method: "POST", json: { depotId: depot.id, itemId: item.id, quantity: 5, reorderThreshold: 2 } });
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        gateway(gatewayRequest(t, "/api/waste/stock/exits", { method: "POST", actor: agent, json: { depotId: depot.id, itemId: item.id, quantity: 1 } })),
      ),
    );
    const statuses = await Promise.all(results.map(async (r) => (await r.arrayBuffer(), r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    const [level] = await adminQuery<{ quantity: number }>(testEnv, "SELECT quantity FROM waste_stock_levels WHERE depot_id = $1 AND item_id = $2", [
      depot.id,
      item.id,
    ]);
    expect(level.quantity).toBe(0);
    const [moves] = await adminQuery<{ n: number }>(testEnv, "SELECT count(*)::int AS n FROM waste_stock_movements WHERE item_id = $1 AND kind = 'exit'", [
      item.id,
    ]);
    expect(moves.n).toBe(5);
    const alerts = (await call(t, "/stock?alertes=oui")).levels;
    expect(alerts.find((l: any) => l.itemId === item.id)).toMatchObject({ quantity: 0, alert: true });
    // The database refuses a negative level even if the application forgot its guard.
    await expect(adminQuery(testEnv, "UPDATE waste_stock_levels SET quantity = -1 WHERE item_id = $1", [item.id])).rejects.toThrow(
      /waste_stock_levels_non_negative/,
    );
  });

  it("completes an intervention with parts from stock once, however often the tablet resends it", async () => {
    const p = await premises(t);
    const c = chip();
    const b = await bin(t, { premisesId: p.id, chipId: c });
    const depot = await call(t, "/stock/depots", { method: "POST", json: { name: `Dépôt ${Math.random()}` } }, 201);
    const wheel = await call(t, "/stock/items", { method: "POST", json: { code: `WHEEL-${seq++}`, label: "Roue", kind: "wheel" } }, 201);
    await call(t, "/stock/entries", { method: "POST", json: { depotId: depot.id, itemId: wheel.id, quantity: 3 } });
    const key = `int-${crypto.randomUUID()}`;
    const created = await call(
      t,
      "/interventions",
      { method: "POST", headers: { "idempotency-key": key }, json: { kind: "repair", premisesId: p.id, binId: b.id, scheduledFor: parisDay() } },
      201,
    );
    const again = await call(
      t,
      "/interventions",
      { method: "POST", headers: { "idempotency-key": key }, json: { kind: "repair", premisesId: p.id, binId: b.id } },
      201,
    );
    expect(again.id).toBe(created.id);
    expect(created.reference).toMatch(/^INT-\d{4}-\d{5}$/);
    const today = (await call(t, "/interventions?jour=aujourdhui")).interventions;
    expect(today.map((i: any) => i.id)).toContain(created.id);
    const done = `done-${crypto.randomUUID()}`;
    const body = { outcome: "Roue changée", parts: [{ depotId: depot.id, itemId: wheel.id, quantity: 2 }] };
    const [r1, r2] = await Promise.all([
      gateway(
        gatewayRequest(t, `/api/waste/interventions/${created.id}/complete`, {
          method: "POST",
          actor: agent,
          headers: { "idempotency-key": done },
          json: body,
        }),
      ),
      gateway(
        gatewayRequest(t, `/api/waste/interventions/${created.id}/complete`, {
          method: "POST",
          actor: agent,
          headers: { "idempotency-key": done },
          json: body,
        }),
      ),
    ]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect((await json(r1)).status).toBe("done");
    expect((await json(r2)).status).toBe("done");
    const [level] = await adminQuery<{ quantity: number }>(testEnv, "SELECT quantity FROM waste_stock_levels WHERE item_id = $1", [wheel.id]);
    expect(level.quantity).toBe(1);
    const closed = await gateway(gatewayRequest(t, `/api/waste/interventions/${created.id}/complete`, { method: "POST", actor: agent, json: body }));
    expect(closed.status).toBe(409);
    await closed.arrayBuffer();
    // Asking for more parts than the depot holds leaves the intervention open and the stock untouched.
    const other = await call(t, "/interventions", { method: "POST", json: { kind: "repair", binId: b.id } }, 201);
    const short = await gateway(
      gatewayRequest(t, `/api/waste/interventions/${other.id}/complete`, {
        method: "POST",
        actor: agent,
        json: { outcome: "x1", parts: [{ depotId: depot.id, itemId: wheel.id, quantity: 5 }] },
      }),
    );
    expect(short.status).toBe(409);
    expect((await json(short)).detail).toContain("Stock insuffisant");
    expect((await call(t, "/interventions?statut=requested")).interventions.map((i: any) => i.id)).toContain(other.id);
  });
});

describe("interventions change the registry", () => {
  it("a delivery puts a stock bin in service at the premises; a replacement marks the old bin broken", async () => {
    const p = await premises(t);
    const spare = await call(t, "/bins", { method: "POST", json: { stream: "biowaste", volumeLitres: 120, status: "stock", chipId: chip() } }, 201);
    const delivery = await call(t, "/interventions", { method: "POST", json: { kind: "deliver", premisesId: p.id, stream: "biowaste" } }, 201);
    await call(t, `/interventions/${delivery.id}/complete`, { method: "POST", json: { outcome: "Bac livré", newBinId: spare.id } });
    const [delivered] = (await call(t, `/bins?premisesId=${p.id}`)).bins;
    expect(delivered).toMatchObject({ id: spare.id, status: "in_service", premisesId: p.id });
    const other = await call(t, "/bins", { method: "POST", json: { stream: "biowaste", volumeLitres: 240, status: "stock" } }, 201);
    const replace = await call(t, "/interventions", { method: "POST", json: { kind: "replace", premisesId: p.id, binId: spare.id } }, 201);
    await call(t, `/interventions/${replace.id}/complete`, { method: "POST", json: { outcome: "Cuve fendue", newBinId: other.id } });
    const bins = (await call(t, `/bins?premisesId=${p.id}`)).bins;
    expect(bins.map((b: any) => [b.id, b.status])).toEqual([
      [spare.id, "broken"],
      [other.id, "in_service"],
    ]);
    // A bin of another tenant cannot be named in a request.
    const stranger = await createTestTenant(testEnv, { kind: "epci" });
    const foreign = await gateway(
      gatewayRequest(stranger, "/api/waste/interventions", { method: "POST", actor: agent, json: { kind: "repair", binId: spare.id } }),
    );
    expect(foreign.status).toBe(404);
    await foreign.arrayBuffer();
  });
});

describe("field agents' agenda", () => {
  it("assigns an intervention only to a member of the tenant, and shows it in that agent's day", async () => {
    const [fieldAgent] = await adminQuery<{ id: string }>(
      testEnv,
      "INSERT INTO people (id, display_name) VALUES (gen_random_uuid(), 'Agent de terrain') RETURNING id",
    );
    await adminQuery(testEnv, "INSERT INTO memberships (tenant_id, person_id, role, granted_by) VALUES ($1, $2, 'agent:waste', 'test')", [t.id, fieldAgent.id]);
    const [outsider] = await adminQuery<{ id: string }>(
      testEnv,
      "INSERT INTO people (id, display_name) VALUES (gen_random_uuid(), 'Personne extérieure') RETURNING id",
    );
    const p = await premises(t);
    const i = await call(t, "/interventions", { method: "POST", json: { kind: "deliver", premisesId: p.id } }, 201);
    const refused = await gateway(
      gatewayRequest(t, `/api/waste/interventions/${i.id}`, { method: "PATCH", actor: agent, json: { assignedToPersonId: outsider.id } }),
    );
    expect(refused.status).toBe(400);
    expect((await json(refused)).errors[0].path).toBe("body/assignedToPersonId");
    const today = parisDay();
    expect(await call(t, `/interventions/${i.id}`, { method: "PATCH", json: { assignedToPersonId: fieldAgent.id, scheduledFor: today } })).toMatchObject({
      status: "scheduled",
      assignedToPersonId: fieldAgent.id,
    });
    const me: Actor = { kind: "person", id: fieldAgent.id, permissions: ["waste:read", "waste:write"] };
    const someoneElse: Actor = { kind: "person", id: crypto.randomUUID(), permissions: ["waste:read", "waste:write"] };
    expect((await call(t, "/interventions?jour=aujourdhui&miennes=oui", { actor: me })).interventions.map((x: any) => x.id)).toContain(i.id);
    expect((await call(t, "/interventions?jour=aujourdhui&miennes=oui", { actor: someoneElse })).interventions.map((x: any) => x.id)).not.toContain(i.id);
  });
});

describe("checks and sorting quality", () => {
  it("records a check once per key, keeps its photo, and builds the premises' history and letter", async () => {
    const p = await premises(t);
    const c = chip();
    const b = await bin(t, { premisesId: p.id, chipId: c, stream: "packaging" });
    const key = `chk-${crypto.randomUUID()}`;
    const input = { binId: b.id, grade: "C", findings: ["glass-in-packaging"], note: "Bouteilles en verre." };
    const first = await call(t, "/checks", { method: "POST", headers: { "idempotency-key": key }, json: input }, 201);
    const second = await call(t, "/checks", { method: "POST", headers: { "idempotency-key": key }, json: input }, 201);
    expect(second.id).toBe(first.id);
    const [n] = await adminQuery<{ n: number }>(testEnv, "SELECT count(*)::int AS n FROM waste_bin_checks WHERE bin_id = $1", [b.id]);
    expect(n.n).toBe(1);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const up = await gateway(
      gatewayRequest(t, `/api/waste/checks/${first.id}/photos`, { method: "POST", actor: agent, headers: { "content-type": "image/png" }, body: png }),
    );
    expect(up.status, await up.clone().text()).toBe(200);
    expect((await json(up)).hasPhoto).toBe(true);
    const back = await gateway(gatewayRequest(t, `/api/waste/checks/${first.id}/photo`, { actor: agent }));
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(png);
    const notImage = await gateway(
      gatewayRequest(t, `/api/waste/checks/${first.id}/photos`, {
        method: "POST",
        actor: agent,
        headers: { "content-type": "image/png" },
        body: "pas une image",
      }),
    );
    expect(notImage.status).toBe(400);
    await notImage.arrayBuffer();
    await adminQuery(
      testEnv,
      `INSERT INTO waste_sorting_events (id, tenant_id, event_id, device_id, chip_id, bin_id, observed_at, category, confidence)
       VALUES (gen_random_uuid(), $1, $2, gen_random_uuid(), $3, $4, now(), 'bags-in-recycling', 0.9),
              (gen_random_uuid(), $1, $5, gen_random_uuid(), $3, $4, now(), 'glass-in-packaging', 0.3)`,
      [t.id, `cam:${crypto.randomUUID()}`, c, b.id, `cam:${crypto.randomUUID()}`],
    );
    const h = await call(t, `/premises/${p.id}/sorting`);
    expect(h.checks).toHaveLength(1);
    // The doubtful detection (confidence 0.3) is not held against the household.
    expect(h.events.map((e: any) => e.category)).toEqual(["bags-in-recycling"]);
    expect(h.months.at(-1)).toMatchObject({ checks: 1, worstGrade: "C", errors: 1 });
    const letter = await gateway(gatewayRequest(t, `/api/waste/premises/${p.id}/letter`, { actor: agent }));
    expect(letter.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode(new Uint8Array(await letter.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
  });
});

describe("resident view", () => {
  it("shows a resident their premises only: bins, this year's lifts, sorting feedback, estimate, statements", async () => {
    const email = `habitant-${crypto.randomUUID()}@exemple.invalid`;
    const [me] = await adminQuery<{ id: string }>(
      testEnv,
      "INSERT INTO people (id, display_name, email) VALUES (gen_random_uuid(), 'Habitante Test', $1) RETURNING id",
      [email],
    );
    await adminQuery(testEnv, "INSERT INTO memberships (tenant_id, person_id, role, granted_by) VALUES ($1, $2, 'resident', 'test')", [t.id, me.id]);
    const mine = await premises(t, { occupantEmail: email });
    expect(mine.occupantLinked).toBe(true);
    const notMine = await premises(t);
    const c = chip();
    const b = await bin(t, { premisesId: mine.id, chipId: c });
    await bin(t, { premisesId: notMine.id, chipId: chip() });
    // This year in Paris, and a lift an hour ago but never before 1 January 00:00 in Paris (at 00:30
    // on 1 January, an hour ago was last year; in UTC, 23:30 on 31 December is already next year).
    const year = parisYear();
    const liftedAt = Math.max(Date.now() - 3600_000, Date.parse(fromParisWallClock(`${year}-01-01T00:00`)));
    await lift(t, b.id, c, new Date(liftedAt).toISOString(), 12.5);
    await call(t, `/tariffs/${year + 1}`, {
      method: "PUT",
      json: { regime: "teomi", basis: "lifts", fixedRateMillionths: 50_000, rates: { residual: 2_500_000 } },
    });
    const resident: Actor = { kind: "person", id: me.id, permissions: ["citizen:self"] };
    const view = await call(t, "/my/premises", { actor: resident });
    expect(view.premises.map((p: any) => p.id)).toEqual([mine.id]);
    expect(view.premises[0].bins[0]).toMatchObject({ id: b.id, liftsThisYear: 1 });
    expect(view.premises[0].estimate).toMatchObject({ taxYear: year + 1, incentiveCents: 2_50 });
    // Another resident, with no premises, sees nothing; their request on these premises is refused.
    const stranger: Actor = { kind: "person", id: crypto.randomUUID(), permissions: ["citizen:self"] };
    expect((await call(t, "/my/premises", { actor: stranger })).premises).toEqual([]);
    const refused = await gateway(
      gatewayRequest(t, "/api/waste/my/interventions", {
        method: "POST",
        actor: stranger,
        json: { premisesId: mine.id, kind: "repair", description: "Couvercle cassé" },
      }),
    );
    expect(refused.status).toBe(404);
    await refused.arrayBuffer();
    const notMyBin = (await call(t, `/bins?premisesId=${notMine.id}`)).bins[0];
    const wrongBin = await gateway(
      gatewayRequest(t, "/api/waste/my/interventions", {
        method: "POST",
        actor: resident,
        json: { premisesId: mine.id, binId: notMyBin.id, kind: "remove", description: "Pas mon bac" },
      }),
    );
    expect(wrongBin.status).toBe(404);
    await wrongBin.arrayBuffer();
    const asked = await call(
      t,
      "/my/interventions",
      { method: "POST", actor: resident, json: { premisesId: mine.id, kind: "repair", description: "Couvercle cassé" } },
      201,
    );
    expect(asked).toMatchObject({ kind: "repair", status: "requested" });
    const later = await call(t, "/my/premises", { actor: resident });
    expect(later.interventions.map((i: any) => i.reference)).toContain(asked.reference);
    // The statement of someone else's premises is not theirs to read.
    // This registry's few lifts put the incentive part under 10 %: billed under a deliberation that decides so.
    const run = await call(t, "/billing/runs", { method: "POST", json: { year: year + 1, derogation: { deliberation: "D-1", votedOn: "2020-01-01" } } }, 201);
    const own = await gateway(gatewayRequest(t, `/api/waste/my/premises/${mine.id}/statements/${run.id}`, { actor: resident }));
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("application/pdf");
    await own.arrayBuffer();
    const theirs = await gateway(gatewayRequest(t, `/api/waste/my/premises/${notMine.id}/statements/${run.id}`, { actor: resident }));
    expect(theirs.status).toBe(404);
    await theirs.arrayBuffer();
    expect((await call(t, "/my/premises", { actor: resident })).premises[0].statements[0]).toMatchObject({ runId: run.id, year: year + 1 });
  });
});

describe("retention", () => {
  it("purges checks older than 3 years and idempotency keys older than 30 days, keeping recent ones", async () => {
    const p = await premises(t);
    const b = await bin(t, { premisesId: p.id, chipId: chip() });
    await adminQuery(
      testEnv,
      "INSERT INTO waste_bin_checks (id, tenant_id, bin_id, checked_at, grade, photo_key) VALUES (gen_random_uuid(), $1, $2, now() - interval '3 years 1 day', 'B', 'vieille-photo'), (gen_random_uuid(), $1, $2, now() - interval '2 years', 'A', NULL)",
      [t.id, b.id],
    );
    await adminQuery(
      testEnv,
      "INSERT INTO waste_idempotency (tenant_id, key, operation, status, result, created_at) VALUES ($1, $2, 'check.record', 200, '{}', now() - interval '31 days')",
      [t.id, `old-${crypto.randomUUID()}`],
    );
    const [{ counts }] = await adminQuery<{ counts: Record<string, any> }>(testEnv, "SELECT app.purge_waste_expired() AS counts");
    expect(counts.checks).toBeGreaterThanOrEqual(1);
    expect(counts.photoKeys).toContain("vieille-photo");
    expect(counts.idempotency).toBeGreaterThanOrEqual(1);
    const left = await adminQuery<{ grade: string }>(testEnv, "SELECT grade FROM waste_bin_checks WHERE bin_id = $1", [b.id]);
    expect(left.map((r) => r.grade)).toEqual(["A"]);
  });
});

describe("demonstration data (db/seed/data/waste-demo.json)", () => {
  it("gives the EPCI a registry whose tariffs bill within the 10–45 % limits, and next year's tariffs", async () => {
    const cclvd = { slug: "cclvd" } as Tenant;
    // This year's tariffs, projected on last year's lifts: the seed's full year of collections. Next
    // year's would be projected on this year's lifts so far: none in the first week of January.
    const year = parisYear();
    expect((await call(cclvd, `/tariffs/${year + 1}`)).year).toBe(year + 1);
    const check = await call(cclvd, `/tariffs/${year}/check`);
    expect(check.premisesCount).toBe(34);
    expect(check.incentiveTotalCents).toBeGreaterThan(0);
    expect(check.withinLimits, check.message).toBe(true);
    const stock = (await call(cclvd, "/stock?alertes=oui")).levels.map((l: any) => l.code);
    expect(stock).toContain("PUCE-ISO");
  });
});
