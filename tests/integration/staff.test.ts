/**
 * The staff's digital safe through the gateway (issue #23): HR registers the agents and deposits a
 * payroll PDF of 30 payslips; a second HR person checks and publishes it; each agent sees only
 * theirs, and every list, view and download is in their hash-chained journal, which they read; an
 * arrêté is notified and acknowledged, another goes the paper way; a corrected payslip is a new
 * version that keeps the old; the departing agent downloads the ZIP; the opposition register opens
 * only where the tenant enables it; Laigneville's safe is invisible from the EPCI (RLS) and the
 * other way round.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import type { Actor, Tenant } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest, person } from "@communa/core/testing";
import { sha256Hex } from "@communa/core/hash";
import { addDays, parisDay } from "@communa/core/time";
import { fixtureSlips, payrollPdf } from "../../workers/staff/src/services/payroll-fixture.ts";
import { png } from "../setup/png.ts";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(t: Tenant, path: string, init: RequestInit & { actor?: Actor; json?: unknown } = {}) {
  const res = await gateway(gatewayRequest(t, `/api/staff${path}`, init));
  const type = res.headers.get("content-type") ?? "";
  const body = type.includes("json") ? ((await res.json()) as Json) : ({ bytes: new Uint8Array(await res.arrayBuffer()) } as Json);
  return { status: res.status, body, res };
}

const pdfInit = (bytes: Uint8Array, actor: Actor): RequestInit & { actor: Actor } => ({
  method: "POST",
  body: bytes,
  headers: { "content-type": "application/pdf" },
  actor,
});

const hr = () => person("hr:read", "hr:write", "identity:people");
const employee = (id: string): Actor => ({ kind: "person", id, permissions: ["staff:self"] });

async function registerAgents(t: Tenant, actor: Actor, slips: Array<{ payrollNumber: string; name: string }>, tag: string) {
  const ids: string[] = [];
  for (const [i, s] of slips.entries()) {
    const r = await call(t, "/agents", {
      method: "POST",
      actor,
      json: {
        payrollNumber: s.payrollNumber,
        name: s.name,
        email: `agent${i + 1}.${tag}@test.invalid`,
        birthYear: 1975 + (i % 20),
        personId: `${tag}-${i + 1}`,
        service: "Technique",
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids.push(r.body.id);
  }
  return ids;
}

describe("the staff safe through the gateway", () => {
  it("30 payslips: split, second person, published; each agent sees only theirs, every access journalled", async () => {
    const epci = await createTestTenant(testEnv, { kind: "epci" });
    const depositor = hr();
    const checker = hr();
    const slips = fixtureSlips(30);
    const agentIds = await registerAgents(epci, depositor, slips, epci.slug);

    const pdf = await payrollPdf("2087-03", slips);
    const deposited = await call(epci, "/payroll?period=2087-03&fileName=paie-mars.pdf", pdfInit(pdf, depositor));
    expect(deposited.status, JSON.stringify(deposited.body)).toBe(201);
    expect(deposited.body.manifest.found).toHaveLength(30);
    expect(deposited.body.manifest.missing).toEqual([]);
    expect(deposited.body.manifest.unknown).toEqual([]);
    const batchId = deposited.body.id;

    // The depositor cannot check their own deposit; an agent cannot either; another HR person does.
    const self = await call(epci, `/payroll/${batchId}/validation`, { method: "POST", actor: depositor });
    expect(self.status).toBe(403);
    expect(self.body.detail).toContain("autre personne");
    expect((await call(epci, `/payroll/${batchId}/validation`, { method: "POST", actor: employee(`${epci.slug}-1`) })).status).toBe(403);
    const published = await call(epci, `/payroll/${batchId}/validation`, { method: "POST", actor: checker });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.status).toBe("published");
    expect((await call(epci, `/payroll/${batchId}/validation`, { method: "POST", actor: checker })).status).toBe(409);

    const mails = await adminQuery<{ recipient: string; body: string }>(testEnv, "SELECT recipient, body FROM outbox WHERE tenant_id = $1", [epci.id]);
    expect(mails).toHaveLength(30);
    expect(mails.every((m) => m.body.includes(`/${epci.slug}/espace/mon-coffre/?document=`) && !m.body.includes("%PDF"))).toBe(true);

    // Each agent: their payslip only, and its text is theirs.
    for (const i of [1, 15, 30]) {
      const me = employee(`${epci.slug}-${i}`);
      const list = await call(epci, "/me/documents", { actor: me });
      expect(list.status).toBe(200);
      expect(list.body.agent.payrollNumber).toBe(slips[i - 1].payrollNumber);
      expect(list.body.documents).toHaveLength(1);
      const doc = list.body.documents[0];
      expect(doc).toMatchObject({ type: "payslip", period: "2087-03", status: "published", notification: "mail", version: 1 });
      const file = await call(epci, `/me/documents/${doc.id}/file`, { actor: me });
      expect(file.status).toBe(200);
      expect(file.res.headers.get("content-type")).toBe("application/pdf");
      expect(await sha256Hex(file.body.bytes)).toBe(doc.sha256);
    }
    // Someone else's document is not found from my safe.
    const one = (await call(epci, "/me/documents", { actor: employee(`${epci.slug}-1`) })).body.documents[0];
    expect((await call(epci, `/me/documents/${one.id}/file`, { actor: employee(`${epci.slug}-2`) })).status).toBe(404);
    expect((await call(epci, `/me/documents/${one.id}`, { actor: employee(`${epci.slug}-2`) })).status).toBe(404);
    // A person with no safe here is told so.
    const stranger = await call(epci, "/me/documents", { actor: employee("nobody") });
    expect(stranger.status).toBe(404);
    expect(stranger.body.detail).toContain("ressources humaines");

    // The journal of agent 1: list, download (above), view; then HR's reading is there too, marked hr.
    await call(epci, `/me/documents/${one.id}`, { actor: employee(`${epci.slug}-1`) });
    await call(epci, `/agents/${agentIds[0]}/documents`, { actor: checker });
    const journal = await call(epci, "/me/journal", { actor: employee(`${epci.slug}-1`) });
    expect(journal.status).toBe(200);
    expect(journal.body.intact).toBe(true);
    expect(journal.body.entries.map((e: Json) => `${e.actorRole}:${e.action}`)).toEqual([
      "agent:list",
      "agent:download",
      "agent:list",
      "agent:view",
      "hr:list",
    ]);
    expect(journal.body.entries[1].documentId).toBe(one.id);
    // A line edited by hand (by the owner: the application cannot) breaks the chain where it was edited.
    await adminQuery(testEnv, "UPDATE staff_access_journal SET action = 'view' WHERE agent_id = $1 AND seq = 2", [agentIds[0]]);
    const broken = await call(epci, "/me/journal", { actor: employee(`${epci.slug}-1`) });
    expect(broken.body).toMatchObject({ intact: false, brokenAt: 2 });

    // R2 through the gateway never serves ciphertext or plaintext to a non-owner: HR of another tenant sees nothing.
    const laigneville = await createTestTenant(testEnv, { kind: "commune", parent: epci, name: "Laigneville (test)" });
    const lHr = hr();
    const lIds = await registerAgents(laigneville, lHr, fixtureSlips(2, "L"), laigneville.slug);
    expect((await call(laigneville, "/agents", { actor: lHr })).body.agents).toHaveLength(2);
    expect((await call(epci, "/agents", { actor: checker })).body.agents).toHaveLength(30);
    expect((await call(epci, `/agents/${lIds[0]}/documents`, { actor: checker })).status).toBe(404);
    expect((await call(laigneville, `/agents/${agentIds[0]}/documents`, { actor: lHr })).status).toBe(404);
    expect((await call(laigneville, `/payroll/${batchId}`, { actor: lHr })).status).toBe(404);
    // The EPCI's agent signed in on Laigneville's address has no safe there.
    expect((await call(laigneville, "/me/documents", { actor: employee(`${epci.slug}-1`) })).status).toBe(404);
    // The rows are there (the owner sees them): it is RLS, not an empty table, that hides them.
    const [{ n }] = await adminQuery<{ n: number }>(testEnv, "SELECT count(*)::int AS n FROM staff_documents WHERE tenant_id = $1", [epci.id]);
    expect(n).toBe(30);
  });

  it("arrêtés notified and acknowledged (or on paper), corrections keep the old version, the ZIP on departure", async () => {
    const t = await createTestTenant(testEnv, { kind: "commune", name: "Laigneville (test)" });
    const depositor = hr();
    const [agentId] = await registerAgents(t, depositor, [{ payrollNumber: "A0001", name: "Agent Partant" }], t.slug);
    const me = employee(`${t.slug}-1`);

    // An arrêté: deposited, notified by mail (a link), acknowledged by the agent with the date.
    const decreePdf = await payrollPdf("2087-04", [{ payrollNumber: "A0001", name: "Arrêté portant avancement d’échelon" }]);
    const decree = await call(
      t,
      `/agents/${agentId}/documents?type=decree&title=${encodeURIComponent("Arrêté d’avancement d’échelon")}&period=2087-04-01`,
      pdfInit(decreePdf, depositor),
    );
    expect(decree.status, JSON.stringify(decree.body)).toBe(201);
    expect(decree.body).toMatchObject({ type: "decree", notification: "mail", acknowledgedAt: null });
    expect(decree.body.notifiedAt).not.toBeNull();
    const acked = await call(t, `/me/documents/${decree.body.id}/acknowledgement`, { method: "POST", actor: me });
    expect(acked.status).toBe(200);
    expect(acked.body.acknowledgedVia).toBe("safe");
    expect(acked.body.acknowledgedAt.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    expect((await call(t, `/me/documents/${decree.body.id}/acknowledgement`, { method: "POST", actor: me })).status).toBe(409);

    // Another arrêté goes the paper way (an agent without access): notification and receipt dated.
    const paperDecree = await call(
      t,
      `/agents/${agentId}/documents?type=decree&title=Arr%C3%AAt%C3%A9%20de%20mutation&period=2087-05-02`,
      pdfInit(decreePdf, depositor),
    );
    const notifiedOn = addDays(parisDay(), -3);
    const paper = await call(t, `/documents/${paperDecree.body.id}/paper-notification`, {
      method: "POST",
      actor: depositor,
      json: { notifiedOn, acknowledgedOn: addDays(notifiedOn, 1) },
    });
    expect(paper.status).toBe(200);
    expect(paper.body).toMatchObject({ notification: "paper", acknowledgedVia: "paper" });
    expect(paper.body.notifiedAt.slice(0, 10)).toBe(notifiedOn);
    // A payslip is not an arrêté: no acknowledgement.
    const slip = await call(
      t,
      `/agents/${agentId}/documents?type=payslip&title=Bulletin&period=2087-04`,
      pdfInit(await payrollPdf("2087-04", [{ payrollNumber: "A0001", name: "Agent Partant" }]), depositor),
    );
    expect((await call(t, `/me/documents/${slip.body.id}/acknowledgement`, { method: "POST", actor: me })).status).toBe(409);

    // A corrected payslip: version 2 replaces it, the first is kept as superseded.
    const fixed = await payrollPdf("2087-04", [{ payrollNumber: "A0001", name: "Agent Partant", netCents: 210000 }]);
    const v2 = await call(
      t,
      `/agents/${agentId}/documents?type=payslip&title=Bulletin%20rectifi%C3%A9&period=2087-04&replaces=${slip.body.id}`,
      pdfInit(fixed, depositor),
    );
    expect(v2.status, JSON.stringify(v2.body)).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, replacesId: slip.body.id, status: "published" });
    const docs = (await call(t, "/me/documents", { actor: me })).body.documents as Json[];
    expect(docs.find((d) => d.id === slip.body.id)?.status).toBe("superseded");
    // A correction of someone else's document, or of a different type, is refused beside the field.
    const wrong = await call(t, `/agents/${agentId}/documents?type=contract&title=X&period=2087-04-01&replaces=${decree.body.id}`, pdfInit(fixed, depositor));
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe("query/replaces");
    // Not a PDF: a French problem, not a 500.
    const notPdf = await call(
      t,
      `/agents/${agentId}/documents?type=contract&title=X&period=2087-04-01`,
      pdfInit(new TextEncoder().encode("bonjour"), depositor),
    );
    expect(notPdf.status).toBe(400);
    expect(notPdf.body.errors[0].message).toBe("Le fichier doit être un PDF.");

    // Departure: HR records the day; the agent downloads everything as a ZIP with a JSON manifest.
    expect((await call(t, `/agents/${agentId}`, { method: "PATCH", actor: depositor, json: { departureDate: addDays(parisDay(), 30) } })).status).toBe(200);
    const zip = await call(t, "/me/export", { actor: me });
    expect(zip.status).toBe(200);
    expect(zip.res.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(zip.body.bytes);
    const manifest = JSON.parse(strFromU8(files["manifest.json"])) as { documents: Array<{ file: string; sha256: string; status: string }> };
    expect(manifest.documents).toHaveLength(4);
    for (const d of manifest.documents) expect(await sha256Hex(files[d.file])).toBe(d.sha256);
    expect(manifest.documents.filter((d) => d.status === "superseded")).toHaveLength(1);
    const journal = (await call(t, "/me/journal", { actor: me })).body;
    expect(journal.intact).toBe(true);
    expect(journal.entries.filter((e: Json) => e.action === "export")).toHaveLength(4);
  });

  it("the opposition register opens where the tenant enables it; an agent who opposed gets paper", async () => {
    const t = await createTestTenant(testEnv, { kind: "epci" });
    const a = hr();
    const b = hr();
    const ids = await registerAgents(t, a, fixtureSlips(2, "P"), t.slug);
    const closed = await call(t, `/agents/${ids[0]}/oppositions`, { method: "POST", actor: a, json: { kind: "opposition", on: parisDay() } });
    expect(closed.status).toBe(409);
    const settings = await call(t, "/settings", {
      method: "PUT",
      actor: a,
      json: { oppositionEnabled: true, rulesSource: "Code du travail D3243-7 (agents de droit privé) ; décret 2022-1446 à vérifier", rulesSince: "2087-01-01" },
    });
    expect(settings.status).toBe(200);
    const notice = await call(t, `/agents/${ids[0]}/oppositions`, { method: "POST", actor: a, json: { kind: "notice", on: "2087-01-10" } });
    expect(notice.body.effectiveFrom).toBe("2087-02-09");
    const opposition = await call(t, `/agents/${ids[0]}/oppositions`, { method: "POST", actor: a, json: { kind: "opposition", on: "2087-01-20" } });
    expect(opposition.status).toBe(201);
    expect(opposition.body.source).toContain("D3243-7");
    const register = await call(t, "/oppositions", { actor: b });
    expect(register.body.entries.map((e: Json) => e.kind)).toEqual(["notice", "opposition"]);

    const batch = await call(t, "/payroll?period=2087-02", pdfInit(await payrollPdf("2087-02", fixtureSlips(2, "P")), a));
    expect(batch.body.manifest.paper).toEqual(["P0001"]);
    await call(t, `/payroll/${batch.body.id}/validation`, { method: "POST", actor: b });
    const mails = await adminQuery<{ recipient: string }>(testEnv, "SELECT recipient FROM outbox WHERE tenant_id = $1", [t.id]);
    expect(mails.map((m) => m.recipient)).toEqual([`agent2.${t.slug}@test.invalid`]);
    const opposedSafe = await call(t, `/agents/${ids[0]}/documents`, { actor: b });
    expect(opposedSafe.body.documents[0].notification).toBe("paper");
  });

  it("the trombinoscope: a photo only with consent per channel, re-encoded, revocable, gone on departure, every change kept", async () => {
    const t = await createTestTenant(testEnv, { kind: "commune", name: "Laigneville (test)" });
    const a = hr();
    const [agentId] = await registerAgents(t, a, fixtureSlips(2, "T"), t.slug);
    const me = employee(`${t.slug}-1`);
    const colleague = employee(`${t.slug}-2`);
    const photo = await png(800, 600, { exif: "GPSLatitude=49.30;secret-position" });
    const put = (bytes: Uint8Array) => call(t, "/me/photo", { method: "PUT", body: bytes, headers: { "content-type": "image/png" }, actor: me });

    // No consent yet: no photo is kept.
    expect((await put(photo)).status).toBe(409);
    // Intranet only: colleagues see it, the public site does not.
    expect((await call(t, "/me/photo-consent", { method: "PUT", actor: me, json: { intranet: true, public: false } })).status).toBe(200);
    const stored = await put(photo);
    expect(stored.status, JSON.stringify(stored.body)).toBe(200);
    expect(stored.body.format).toBe("image/webp");
    const dir = await call(t, "/directory", { actor: colleague });
    const entry = dir.body.agents.find((x: Json) => x.id === agentId);
    expect(entry.photo).toContain(`/api/staff/directory/${agentId}/photo`);
    expect(dir.body.agents.find((x: Json) => x.id !== agentId).photo).toBeNull();
    const img = await call(t, `/directory/${agentId}/photo`, { actor: colleague });
    expect(img.status).toBe(200);
    expect(img.res.headers.get("content-type")).toBe("image/webp");
    expect(new TextDecoder("latin1").decode(img.body.bytes)).not.toContain("secret-position");
    expect((await call(t, "/public/directory")).body.agents).toEqual([]);
    expect((await call(t, `/public/directory/${agentId}/photo`)).status).toBe(404);
    // Public too, then everything withdrawn: the photo is deleted.
    await call(t, "/me/photo-consent", { method: "PUT", actor: me, json: { intranet: true, public: true } });
    const pub = await call(t, "/public/directory");
    expect(pub.body.agents.map((x: Json) => x.id)).toEqual([agentId]);
    expect(Object.keys(pub.body.agents[0]).sort()).toEqual(["id", "name", "photo", "position", "service"]);
    expect((await call(t, `/public/directory/${agentId}/photo`)).status).toBe(200);
    const revoked = await call(t, "/me/photo-consent", { method: "PUT", actor: me, json: { intranet: false, public: false } });
    expect(revoked.body).toMatchObject({ intranet: false, public: false, hasPhoto: false });
    expect(revoked.body.history.map((h: Json) => `${h.channel}:${h.granted}`)).toEqual(["intranet:true", "public:true", "intranet:false", "public:false"]);
    expect((await call(t, `/directory/${agentId}/photo`, { actor: colleague })).status).toBe(404);

    // Consent again and a photo, then the departure: photo and consents gone, the change kept as "departure".
    await call(t, "/me/photo-consent", { method: "PUT", actor: me, json: { intranet: true, public: false } });
    expect((await put(photo)).status).toBe(200);
    expect((await call(t, `/agents/${agentId}`, { method: "PATCH", actor: a, json: { departureDate: parisDay() } })).status).toBe(200);
    const after = await call(t, "/me/photo-consent", { actor: me });
    expect(after.body).toMatchObject({ intranet: false, public: false, hasPhoto: false });
    expect(after.body.history.at(-1)).toMatchObject({ channel: "intranet", granted: false, by: "departure" });
    expect((await call(t, "/directory", { actor: colleague })).body.agents.map((x: Json) => x.id)).not.toContain(agentId);
  });
});
