/**
 * Cemeteries through the gateway (issue #20): a commune's plots on the plan, concessions of each
 * category at the council's tariff, a burial refused in a full plot, renewal inside the window and
 * refused after it, an abandonment procedure from notice to arrêté with each date taken from the
 * legal parameters, the register import, the opt-in public grave search (never holders), and a
 * second commune that sees none of it. Dates are relative to today (Paris), never fixed ones.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor, Tenant } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest, person } from "@communa/core/testing";
import { addDays, addYears, parisDay, parisYear } from "@communa/core/time";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const agent = person("cemetery:read", "cemetery:write");
const today = parisDay();
const uid = () => Math.random().toString(36).slice(2, 8);

async function call<T = Record<string, any>>(
  tenant: Tenant,
  path: string,
  init: RequestInit & { actor?: Actor; json?: unknown } = {},
  status = 200,
): Promise<T> {
  const res = await gateway(gatewayRequest(tenant, `/api/cemetery${path}`, { actor: agent, ...init }));
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return (body && res.headers.get("content-type")?.includes("json") ? JSON.parse(body) : body) as T;
}
const post = <T = Record<string, any>>(t: Tenant, path: string, body: unknown, status = 201) => call<T>(t, path, { method: "POST", json: body }, status);

let bailleval: Tenant;
let rantigny: Tenant;
let cemeteryId: string;
let n = 0;
const plot = async (capacity: number, type = "concession", extra: Record<string, unknown> = {}) =>
  (await post(bailleval, `/cemeteries/${cemeteryId}/plots`, { section: "A", row: "1", number: String(++n), type, capacity, x: 10 * n, y: 20, ...extra }))
    .id as string;
const grant = (plotId: string, category: string, durationYears: number | null, actDate: string, status = 201) =>
  post(
    bailleval,
    "/concessions",
    {
      plotId,
      category,
      durationYears,
      actNumber: `C-${uid()}`,
      actDate,
      people: [
        { role: "holder", name: "Titulaire-Secret", address: "1 rue des Tilleuls" },
        { role: "heir", name: "Héritière", relationship: "fille" },
      ],
    },
    status,
  );
const operation = (body: Record<string, unknown>, status = 201) =>
  post(
    bailleval,
    "/operations",
    { date: today, funeralOperator: "Pompes funèbres de test", habilitation: "21-60-0001", official: "Garde champêtre", ...body },
    status,
  );

beforeAll(async () => {
  bailleval = await createTestTenant(testEnv, { name: "Bailleval (test)" });
  rantigny = await createTestTenant(testEnv, { name: "Rantigny (test)" });
  cemeteryId = (await post(bailleval, "/cemeteries", { name: "Cimetière communal (fictif)" })).id;
  // The council's grid: every category, from far in the past; a newer thirty-year price from last year.
  for (const [category, durationYears, priceCents] of [
    ["temporary", 15, 15000],
    ["thirty", 30, 40000],
    ["fifty", 50, 70000],
    ["perpetual", null, 150000],
  ] as const)
    await post(bailleval, "/tariffs", {
      category,
      durationYears,
      priceCents,
      extraM2Cents: 5000,
      validFrom: "1950-01-01",
      deliberation: "Délibération 1950-04",
    });
  await post(bailleval, "/tariffs", {
    category: "thirty",
    durationYears: 30,
    priceCents: 52000,
    validFrom: addYears(today, -1),
    deliberation: "Délibération récente",
  });
});

describe("register and concessions", () => {
  it("places plots on the plan, grants each category at the grid's price, refuses a duration the law does not allow", async () => {
    const plots = [await plot(3, "concession", { surfaceM2: 3.5 }), await plot(2), await plot(0.4, "columbarium"), await plot(1, "cavurne")];
    const a = await grant(plots[0], "fifty", 50, addYears(today, -2));
    expect(a.priceCents).toBe(70000 + 2 * 5000); // 3.5 m²: two started m² above 2
    await grant(plots[1], "temporary", 15, addYears(today, -3));
    await grant(plots[2], "perpetual", null, addYears(today, -4));
    const t = await grant(plots[3], "thirty", 30, addDays(today, -10));
    expect(t).toMatchObject({ priceCents: 52000, deliberation: "Délibération récente" });
    const bad = await grant(await plot(1), "temporary", 20, today, 400);
    expect(bad.errors[0]).toMatchObject({ path: "body/durationYears" });
    expect(bad.errors[0].message).toContain("15 ans");
    expect((await post(bailleval, "/cemeteries", { name: "Cimetière communal (fictif)" }, 409)).detail).toBe("La commune a déjà un cimetière de ce nom.");
    const busy = await grant(plots[0], "thirty", 30, today, 409);
    expect(busy.detail).toContain("déjà une concession");
    const list = await call(bailleval, `/cemeteries/${cemeteryId}/plots`);
    const onPlan = list.plots.find((p: { id: string }) => p.id === plots[2]);
    expect(onPlan).toMatchObject({ type: "columbarium", x: expect.any(Number), places: { capacity: 0.4, used: 0, left: 0.4 } });
    expect(onPlan.concession.category).toBe("perpetual");
  });

  it("buries, numbers the mayor's authorisation, refuses a burial into a full plot (422, in French) and any change after validation", async () => {
    const p = await plot(1);
    await grant(p, "thirty", 30, today);
    const first = await operation({ kind: "burial", plotId: p, deceased: { name: "Martin", firstName: "Louise", deathDate: addDays(today, -3) } });
    expect(first.status).toBe("draft");
    const v = await call(bailleval, `/operations/${first.id}/validation`, { method: "POST" });
    expect(v.authorisation).toMatch(new RegExp(`^${parisYear()}-\\d{3}$`));
    await call(bailleval, `/operations/${first.id}/validation`, { method: "POST" }, 409);
    // Sealed in the database itself: not even its owner rewrites or deletes a validated operation.
    await expect(adminQuery(testEnv, "UPDATE cemetery_operations SET date = date + 1 WHERE id = $1", [first.id])).rejects.toThrow(/opération validée/);
    await expect(adminQuery(testEnv, "DELETE FROM cemetery_operations WHERE id = $1", [first.id])).rejects.toThrow(/opération validée/);
    const full = await operation({ kind: "burial", plotId: p, deceased: { name: "Martin", firstName: "Paul", deathDate: addDays(today, -1) } }, 422);
    expect(full.detail).toBe("Emplacement complet : il reste 0 place, il en faut 1 place. Prévoyez une réduction de corps ou un autre emplacement.");
    // An urn still fits in a plot with a tenth left; exhumation needs the requesting relative.
    const sheet = await call(bailleval, `/plots/${p}`);
    expect(sheet.places).toEqual({ capacity: 1, used: 1, left: 0 });
    const ex = await operation({ kind: "exhumation", plotId: p, deceasedId: first.deceasedId }, 400);
    expect(ex.errors[0].path).toBe("body/requester");
  });
});

describe("legal clocks", () => {
  it("renews inside the window (expiry year + 2) at the tariff in force, refuses after it", async () => {
    // Thirty years from 31 years ago: expired last year, the window runs to 31 December next year.
    const inside = await grant(await plot(2), "thirty", 30, addYears(today, -31));
    const sheet = await call(bailleval, `/concessions/${inside.id}`);
    expect(sheet.clocks.phase).toBe("renewal_window");
    expect(sheet.clocks.renewalWindowEnd).toBe(`${Number(sheet.clocks.expiresOn.slice(0, 4)) + 2}-12-31`);
    expect(JSON.stringify(sheet.people)).toContain("Héritière");
    const r = await post(bailleval, `/concessions/${inside.id}/renewal`, { actNumber: `R-${uid()}` });
    expect(r).toMatchObject({ startsOn: addDays(sheet.clocks.expiresOn, 1), priceCents: 52000 });
    // Thirty years from 34 years ago: the window closed on 31 December two years ago.
    const late = await grant(await plot(2), "thirty", 30, addYears(today, -34));
    const refused = await post(bailleval, `/concessions/${late.id}/renewal`, { actNumber: `R-${uid()}` }, 422);
    expect(refused.detail).toContain(`31/12/${parisYear() - 2}`);
    expect(refused.detail).toContain("L2223-15");
  });

  it("takes an abandonment procedure from notice to arrêté, every date from the parameters, and lists it for the préfecture", async () => {
    const recent = await grant(await plot(2), "perpetual", null, addYears(today, -20));
    const no = await call(bailleval, `/concessions/${recent.id}/abandonment`, { method: "POST" }, 422);
    expect(no.detail).toContain("L2223-17");
    const oldPlot = await plot(2);
    const old = await grant(oldPlot, "perpetual", null, addYears(today, -60));
    // Its last burial, 40 years ago (imported registers hold such rows).
    await adminQuery(
      testEnv,
      "INSERT INTO cemetery_deceased (id, tenant_id, plot_id, name, death_date, burial_date, remains) VALUES (gen_random_uuid(), $1, $2, 'Ancien', $3, $3, 'coffin')",
      [bailleval.id, oldPlot, addYears(today, -40)],
    );
    const { id } = await call(bailleval, `/concessions/${old.id}/abandonment`, { method: "POST" }, 201);
    const photo = { file: "affichage-mairie.jpg", takenAt: new Date().toISOString() };
    const evidence: Record<string, Record<string, unknown>> = {
      notice: { method: "registered_letter", letterNumbers: ["1A 123 456 7890 1"], receiptOn: addYears(today, -6), inspectionAt: new Date().toISOString() },
      first_report: { reportRef: "PV-1", description: "Monument effondré, envahi de ronces", officials: "Le maire, le garde champêtre", photos: [photo] },
      first_notification: { letterNumbers: ["1A 123 456 7890 2"], postedOn: "" },
      second_report: { reportRef: "PV-2", description: "État inchangé", officials: "Le maire, le garde champêtre" },
      second_notification: { letterNumbers: ["1A 123 456 7890 3"], postedOn: "" },
      council_decision: { deliberation: "Délibération reprise" },
      order: { orderNumber: "AR-1", postedOn: "" },
    };
    let proc = await call(bailleval, `/abandonments/${id}`);
    let day = addYears(today, -6);
    while (proc.next) {
      const w = proc.schedule.find((s: { step: string }) => s.step === proc.next);
      if (w.earliest) {
        day = w.earliest > day ? w.earliest : day;
        // One day before the window opens is refused, naming the legal delay's date.
        if (w.rule) {
          const early = await post(
            bailleval,
            `/abandonments/${id}/steps`,
            {
              step: w.step,
              doneOn: addDays(w.earliest, -1),
              evidence: { ...evidence[w.step], ...(evidence[w.step].postedOn === "" ? { postedOn: day } : {}) },
            },
            422,
          );
          expect(early.errors[0].path).toBe("body/doneOn");
          expect(w.source).toMatch(/CGCT/);
        }
      }
      if (w.latest) {
        const late = await post(
          bailleval,
          `/abandonments/${id}/steps`,
          { step: w.step, doneOn: addDays(w.latest, 1), evidence: { ...evidence[w.step], postedOn: day } },
          422,
        );
        expect(late.detail).toContain("Trop tard");
      }
      const ev = { ...evidence[w.step], ...(evidence[w.step].postedOn === "" ? { postedOn: day } : {}) };
      proc = await post(bailleval, `/abandonments/${id}/steps`, { step: w.step, doneOn: day, evidence: ev }, 200);
    }
    expect(proc.status).toBe("repossessed");
    expect(proc.schedule.map((s: { doneOn: string | null }) => s.doneOn).every(Boolean)).toBe(true);
    const reportGap = proc.schedule.find((s: { step: string }) => s.step === "second_report");
    expect(reportGap.rule).toMatch(/^reportsInterval \{"years":[13]\}$/);
    const sheet = await call(bailleval, `/concessions/${old.id}`);
    expect(sheet.status).toBe("repossessed");
    const csv = await call<string>(bailleval, "/abandonments?format=csv");
    const line = csv.split("\r\n").find((l) => l.includes(sheet.actNumber));
    expect(line).toContain("reprise prononcée");
    expect(csv.split("\r\n")[0]).toContain("Premier procès-verbal");
    const list = await call(bailleval, "/abandonments");
    expect(list.abandonments.find((a: { id: string }) => a.id === id)).toMatchObject({ status: "repossessed", next: null });
  });
});

describe("import, public search and tenancy", () => {
  it("imports a register all or nothing, with a per-line report", async () => {
    const cem = (await post(bailleval, "/cemeteries", { name: `Cimetière ${uid()} (fictif)` })).id;
    const head = "carre;rangee;numero;type;places;x;y;categorie;duree;acte;date_acte;prix;titulaire;defunt_nom;defunt_prenom;date_deces;date_inhumation";
    const bad = [
      head,
      `B;1;1;concession;2;100;100;trentenaire;30;I-${uid()};01/02/1990;300;Durand;Durand;Jean;03/04/1995;08/04/1995`,
      "B;1;2;chapelle;2;110;100;;;;;;;;;;",
      `B;1;3;concession;2;x;100;temporaire;20;I-${uid()};1990-02-01;;;;;;`,
    ].join("\n");
    const refused = await call(bailleval, `/cemeteries/${cem}/import`, { method: "POST", body: bad, headers: { "content-type": "text/plain" } }, 400);
    expect(refused.errors.map((e: { path: string }) => e.path)).toEqual(["ligne 3", "ligne 4", "ligne 4"]);
    expect((await call(bailleval, `/cemeteries/${cem}/plots`)).plots).toHaveLength(0);
    const good = [
      head,
      `B;1;1;concession;2;100;100;trentenaire;30;I-${uid()};01/02/1990;300;Durand;Durandal;Jeanne;03/04/1995;08/04/1995`,
      "B;1;2;ossuaire;10;110;100;;;;;;;;;;",
    ].join("\n");
    expect(await call(bailleval, `/cemeteries/${cem}/import`, { method: "POST", body: good, headers: { "content-type": "text/plain" } })).toEqual({
      plots: 2,
      concessions: 1,
      deceased: 1,
    });
  });

  it("answers the public grave search only where the commune opened it, with the deceased and the place, never holders", async () => {
    const p = await plot(2);
    await grant(p, "fifty", 50, addYears(today, -1));
    const name = `Lefèvre${uid()}`;
    const op = await operation({ kind: "burial", plotId: p, deceased: { name, firstName: "Jeanne", birthDate: "1931-05-02", deathDate: addDays(today, -5) } });
    await call(bailleval, `/operations/${op.id}/validation`, { method: "POST" });
    const anonymous = (path: string, status: number, t = bailleval) => call(t, path, { actor: undefined }, status);
    await anonymous(`/graves?nom=${name}`, 404);
    await call(bailleval, "/settings", {
      method: "PUT",
      json: { coffinTenths: 10, urnTenths: 1, reductionTenths: 5, reductionAfterYears: 5, publicSearch: true },
    });
    const found = await anonymous(`/graves?nom=${encodeURIComponent(name.toLowerCase())}&de=${parisYear() - 1}`, 200);
    expect(found.graves).toHaveLength(1);
    expect(found.graves[0]).toMatchObject({
      name,
      firstName: "Jeanne",
      birthYear: 1931,
      deathYear: Number(addDays(today, -5).slice(0, 4)),
      place: { section: "A", cemetery: "Cimetière communal (fictif)" },
    });
    expect(JSON.stringify(found)).not.toMatch(/Titulaire-Secret|Héritière|Tilleuls/);
    expect((await anonymous(`/graves?nom=${name}&a=1900`, 200)).graves).toHaveLength(0);
  });

  it("a second commune sees none of Bailleval's cemeteries, plots, concessions or graves", async () => {
    const p = await plot(1);
    const c = await grant(p, "temporary", 15, today);
    expect((await call(rantigny, "/cemeteries")).cemeteries).toEqual([]);
    expect((await call(rantigny, "/concessions")).concessions).toEqual([]);
    await call(rantigny, `/plots/${p}`, {}, 404);
    await call(rantigny, `/concessions/${c.id}`, {}, 404);
    await call(rantigny, `/cemeteries/${cemeteryId}/plots`, {}, 404);
    await post(rantigny, `/concessions/${c.id}/renewal`, { actNumber: `R-${uid()}` }, 404);
    await post(
      rantigny,
      "/operations",
      { kind: "burial", plotId: p, deceased: { name: "Intrus", deathDate: today }, date: today, funeralOperator: "X", habilitation: "1", official: "Y" },
      404,
    );
    await call(rantigny, "/settings", {
      method: "PUT",
      json: { coffinTenths: 10, urnTenths: 1, reductionTenths: 5, reductionAfterYears: 5, publicSearch: true },
    });
    expect((await call(rantigny, "/graves?nom=Martin", { actor: undefined })).graves).toEqual([]);
    expect((await call(rantigny, "/abandonments")).abandonments).toEqual([]);
  });
});
