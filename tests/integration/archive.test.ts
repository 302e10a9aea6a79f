/**
 * The archive (SAE) through the gateway: deposit (announce, streamed upload, seal, acceptance
 * report, attestation), role checks, access rules and the consultation journal, disposal with the
 * control authority's visa (refused before the DUA ends, without visa, under legal hold — by the
 * API and by the database), the destruction certificate, SEDA import/export, HR agent files.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { unzipSync, zipSync, strToU8 } from "fflate";
import { rpcValue, type Actor, type RpcResult, type Tenant } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest, person } from "@communa/core/testing";
import { addDays, addYears, parisDay, parisYear } from "@communa/core/time";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const archivist = person("archives:read", "archives:write", "archives:restricted", "archives:dispose");
const controller = person("archives:read", "archives:visa");
const reader = person("archives:read");
const hrAgent = person("hr:read", "hr:write");
const enc = new TextEncoder();
const hex = (b: ArrayBuffer) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");
const sha512 = async (b: Uint8Array) => hex(await crypto.subtle.digest("SHA-512", b));
const pdf = (text: string) => enc.encode(`%PDF-1.7\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(
  t: Tenant,
  path: string,
  init: RequestInit & { actor?: Actor; json?: unknown } = {},
): Promise<{ status: number; body: Json; res: Response }> {
  const res = await gateway(gatewayRequest(t, `/api/archive${path}`, init));
  const type = res.headers.get("content-type") ?? "";
  const body = type.includes("json") ? ((await res.json()) as Json) : { bytes: new Uint8Array(await res.arrayBuffer()) };
  return { status: res.status, body, res };
}

interface Deposit {
  files?: Array<{ name: string; bytes: Uint8Array }>;
  appraisalRule?: string;
  accessRule?: string;
  endDate?: string;
  title?: string;
  description?: string;
  actor?: Actor;
}

/** Announce, upload each file (raw body, streamed through the gateway), seal. */
async function deposit(t: Tenant, d: Deposit = {}): Promise<Json> {
  const files = d.files ?? [{ name: "deliberation.pdf", bytes: pdf(crypto.randomUUID()) }];
  const actor = d.actor ?? archivist;
  const opened = await call(t, "/deposits", {
    method: "POST",
    actor,
    json: {
      transferringAgency: "Secrétariat général",
      units: [
        {
          title: d.title ?? "Marché de voirie 2014 : offres non retenues",
          description: d.description ?? "Offres des candidats évincés",
          originatingAgency: "Service de la commande publique",
          endDate: d.endDate ?? "2014-06-30",
          keywords: ["voirie", "marché public"],
          appraisalRule: d.appraisalRule ?? "APP-OFFRE-NR",
          accessRule: d.accessRule ?? "ACC-00",
          files: files.map((f) => ({ name: f.name, size: f.bytes.byteLength })),
        },
      ],
    },
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  for (const [i, u] of (opened.body.uploads as Array<{ path: string }>).entries()) {
    const up = await call(t, u.path.replace("/api/archive", ""), {
      method: "PUT",
      actor,
      body: files[i].bytes,
      headers: { "content-type": "application/octet-stream" },
    });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
  }
  const sealed = await call(t, `/deposits/${opened.body.id}/seal`, { method: "POST", actor });
  expect(sealed.status, JSON.stringify(sealed.body)).toBe(200);
  return sealed.body;
}

describe("deposit through the gateway", () => {
  it("announces, streams, seals, and answers with a SEDA acceptance report and an attestation", async () => {
    const t = await createTestTenant(testEnv);
    const bytes = pdf(`pv ${crypto.randomUUID()}`);
    const r = await deposit(t, { files: [{ name: "pv.pdf", bytes }], appraisalRule: "APP-DELIB", endDate: "2026-03-12" });
    expect(r).toMatchObject({
      status: "accepted",
      units: [
        {
          finalAction: "Keep",
          duaEnd: "2036-03-12",
          objects: [{ fileName: "pv.pdf", sha512: await sha512(bytes), mimeType: "application/pdf", puid: "fmt/276" }],
        },
      ],
    });
    const reply = await call(t, `/deposits/${r.id}/reply`, { actor: reader });
    const xml = new TextDecoder().decode(reply.body.bytes);
    expect(xml).toContain("<ArchiveTransferReply");
    expect(xml).toContain("<ReplyCode>OK</ReplyCode>");
    expect(xml).toContain(r.units[0].reference);
    const att = await call(t, `/deposits/${r.id}/attestation`, { actor: reader });
    expect(att.res.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode(att.body.bytes.slice(0, 5))).toBe("%PDF-");
    // Search: full text (accents and stems ignored), originating agency, period, keyword.
    const ids = async (q: string) => ((await call(t, `/units?${q}`, { actor: reader })).body.units as Json[]).map((u) => u.id);
    const unitId = r.units[0].id;
    expect(await ids("q=deliberation")).toEqual([]);
    expect(await ids("q=marche%20voirie")).toEqual([unitId]);
    expect(await ids("service=commande%20publique&du=2026-01-01&au=2026-12-31")).toEqual([unitId]);
    expect(await ids("du=2027-01-01")).toEqual([]);
    expect(await ids("motcle=voirie")).toEqual([unitId]);
    const key = await call(t, "/journal/key");
    expect(key.body).toMatchObject({ algorithm: "Ed25519", jwk: { kty: "OKP", crv: "Ed25519" } });
    expect((await call(t, "/journal/verify", { actor: reader })).body).toMatchObject({ ok: true, firstBroken: null });
  });

  it("rejects an upload whose declared SHA-512 does not match, and a seal with files missing", async () => {
    const t = await createTestTenant(testEnv);
    const bytes = pdf(crypto.randomUUID());
    const opened = await call(t, "/deposits", {
      method: "POST",
      actor: archivist,
      json: {
        transferringAgency: "DGS",
        units: [
          {
            title: "Pièces",
            originatingAgency: "DGS",
            appraisalRule: "APP-COMPTA",
            accessRule: "ACC-00",
            files: [{ name: "a.pdf", size: bytes.byteLength, sha512: "a".repeat(128) }],
          },
        ],
      },
    });
    const up = await call(t, opened.body.uploads[0].path.replace("/api/archive", ""), {
      method: "PUT",
      actor: archivist,
      body: bytes,
      headers: { "content-type": "application/octet-stream" },
    });
    expect(up.status).toBe(400);
    expect(up.body.detail).toMatch(/empreinte déclarée ne correspond pas/);
    const seal = await call(t, `/deposits/${opened.body.id}/seal`, { method: "POST", actor: archivist });
    expect(seal.status).toBe(409);
    expect(seal.body.detail).toContain("a.pdf");
  });

  it("receives small files in batches, checking every file before keeping any", async () => {
    const t = await createTestTenant(testEnv);
    const files = [pdf(`a ${crypto.randomUUID()}`), pdf(`b ${crypto.randomUUID()}`), pdf(`c ${crypto.randomUUID()}`)];
    const opened = await call(t, "/deposits", {
      method: "POST",
      actor: archivist,
      json: {
        transferringAgency: "DGS",
        units: [
          {
            title: "Lot",
            originatingAgency: "DGS",
            appraisalRule: "APP-COMPTA",
            accessRule: "ACC-00",
            files: files.map((f, i) => ({ name: `${i}.pdf`, size: f.byteLength, ...(i === 2 ? { sha512: "b".repeat(128) } : {}) })),
          },
        ],
      },
    });
    const ids = (opened.body.uploads as Array<{ objectId: string }>).map((u) => u.objectId);
    const form = (list: number[]) => {
      const f = new FormData();
      for (const i of list) f.append(ids[i], new Blob([files[i]]), `${i}.pdf`);
      return f;
    };
    const refused = await call(t, `/deposits/${opened.body.id}/files`, { method: "POST", actor: archivist, body: form([0, 1, 2]) });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: `body/${ids[2]}` })]);
    const after = await call(t, `/deposits/${opened.body.id}`, { actor: archivist });
    expect(after.body.units[0].objects.map((o: Json) => o.received)).toEqual([false, false, false]);
    const ok = await call(t, `/deposits/${opened.body.id}/files`, { method: "POST", actor: archivist, body: form([0, 1]) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.stored.map((o: Json) => o.sha512)).toEqual([await sha512(files[0]), await sha512(files[1])]);
  });

  it("refuses a batch larger than the gateway lets through, without a 500", async () => {
    const t = await createTestTenant(testEnv);
    const opened = await call(t, "/deposits", {
      method: "POST",
      actor: archivist,
      json: {
        transferringAgency: "DGS",
        units: [
          {
            title: "Trop gros",
            originatingAgency: "DGS",
            appraisalRule: "APP-COMPTA",
            accessRule: "ACC-00",
            files: [{ name: "gros.bin", size: 34 * 1024 * 1024 }],
          },
        ],
      },
    });
    const form = new FormData();
    form.append(opened.body.uploads[0].objectId, new Blob([new Uint8Array(34 * 1024 * 1024)]), "gros.bin");
    const res = await call(t, `/deposits/${opened.body.id}/files`, { method: "POST", actor: archivist, body: form });
    expect(res.status, JSON.stringify(res.body)).toBe(413);
    const after = await call(t, `/deposits/${opened.body.id}`, { actor: archivist });
    expect(after.body.units[0].objects[0].received).toBe(false);
  });

  it("checks roles on every operation", async () => {
    const t = await createTestTenant(testEnv);
    const anon = await call(t, "/units");
    expect(anon.status).toBe(401);
    expect((await call(t, "/deposits", { method: "POST", actor: reader, json: {} })).status).toBe(403);
    expect((await call(t, "/units", { actor: hrAgent })).status).toBe(403);
    expect((await call(t, "/disposals", { method: "POST", actor: controller, json: { unitIds: [crypto.randomUUID()], reason: "x".repeat(5) } })).status).toBe(
      403,
    );
    expect(
      (
        await call(t, `/disposals/${crypto.randomUUID()}/visa`, {
          method: "POST",
          actor: archivist,
          json: { approved: true, authority: "AD Oise", reference: "V-1" },
        })
      ).status,
    ).toBe(403);
    expect((await call(t, "/disposal/proposals", { actor: reader })).status).toBe(403);
  });
});

describe("access rules and the consultation journal", () => {
  it("lists a unit not yet communicable without opening it, and journals every consultation", async () => {
    const t = await createTestTenant(testEnv);
    const year = new Date().getUTCFullYear();
    const r = await deposit(t, {
      title: "Enquête sociale confidentielle",
      description: "Situation de la famille D.",
      appraisalRule: "APP-CORRESP",
      accessRule: "ACC-50",
      endDate: `${year}-01-02`,
    });
    const unitId = r.units[0].id;
    const found = await call(t, "/units?q=enquete%20sociale", { actor: reader });
    expect(found.body.units).toEqual([expect.objectContaining({ id: unitId, communicable: false, description: null })]);
    const refused = await call(t, `/units/${unitId}`, { actor: reader });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/communicable qu’à partir du/);
    const opened = await call(t, `/units/${unitId}`, { actor: archivist });
    expect(opened.status).toBe(200);
    expect(opened.body.description).toBe("Situation de la famille D.");
    const file = await call(t, `/units/${unitId}/objects/${r.units[0].objects[0].id}`, { actor: archivist });
    expect(file.status).toBe(200);
    expect(await sha512(file.body.bytes)).toBe(r.units[0].objects[0].sha512);
    const journal = await call(t, `/journal?cible=archive_units/${unitId}`, { actor: reader });
    expect(journal.body.entries.map((e: Json) => [e.action, e.actorId])).toEqual([
      ["archive.unit.consult.denied", (reader as { id: string }).id],
      ["archive.unit.consult", (archivist as { id: string }).id],
      ["archive.unit.consult", (archivist as { id: string }).id],
    ]);
  });
});

describe("retention and disposal", () => {
  it("refuses destruction before the DUA ends and without visa — by the API and by the database", async () => {
    const t = await createTestTenant(testEnv);
    // From today in Paris, not a fixed date: a DUA fixed to end in 2030 would be over from July 2030.
    const runningEnd = addDays(parisDay(), -30);
    const running = await deposit(t, { endDate: runningEnd }); // APP-OFFRE-NR: 5 years from the end date
    const due = await deposit(t, { endDate: "2014-06-30" }); // → 2019: due
    const proposals = await call(t, "/disposal/proposals", { actor: archivist });
    expect(proposals.body.toDestroy.map((u: Json) => u.id)).toEqual([due.units[0].id]);
    const early = await call(t, "/disposals", {
      method: "POST",
      actor: archivist,
      json: { unitIds: [running.units[0].id], reason: "Élimination réglementaire" },
    });
    expect(early.status).toBe(400);
    expect(early.body.errors[0].message).toContain(`durée d’utilité administrative court jusqu’au ${addYears(runningEnd, 5)}`);
    // The database refuses too, whoever asks.
    await expect(adminQuery(testEnv, "UPDATE archive_objects SET destroyed_at = now() WHERE unit_id = $1", [running.units[0].id])).rejects.toThrow(/DUA court/);
    await expect(adminQuery(testEnv, "DELETE FROM archive_objects WHERE unit_id = $1", [due.units[0].id])).rejects.toThrow(/ne se supprime pas/);
    await expect(adminQuery(testEnv, "DELETE FROM archive_units WHERE id = $1", [due.units[0].id])).rejects.toThrow(/ne se supprime pas/);
    const decided = await call(t, "/disposals", {
      method: "POST",
      actor: archivist,
      json: { unitIds: [due.units[0].id], reason: "DUA échue, sort final : élimination" },
    });
    expect(decided.status).toBe(201);
    const noVisa = await call(t, `/disposals/${decided.body.id}/execute`, { method: "POST", actor: archivist });
    expect(noVisa.status).toBe(409);
    expect(noVisa.body.detail).toMatch(/visa/);
    await expect(
      adminQuery(testEnv, "UPDATE archive_objects SET destroyed_at = now(), disposal_id = $2 WHERE unit_id = $1", [due.units[0].id, decided.body.id]),
    ).rejects.toThrow(/visée par l’autorité de contrôle/);
    await expect(adminQuery(testEnv, "UPDATE archive_disposals SET status = 'approved' WHERE id = $1", [decided.body.id])).rejects.toThrow(
      /archive_disposals_visa/,
    );
  });

  it("destroys after the visa, keeps metadata and journal, and issues the certificate; legal hold freezes it", async () => {
    const t = await createTestTenant(testEnv);
    const bytes = pdf(`offre ${crypto.randomUUID()}`);
    const due = await deposit(t, { files: [{ name: "offre-entreprise-b.pdf", bytes }], endDate: "2014-06-30" });
    const unitId = due.units[0].id;
    const decided = await call(t, "/disposals", {
      method: "POST",
      actor: archivist,
      json: { unitIds: [unitId], reason: "DUA échue, sort final : élimination" },
    });
    // The same person cannot decide and approve.
    const both = { ...archivist, permissions: [...(archivist as { permissions: string[] }).permissions, "archives:visa"] } as Actor;
    const self = await call(t, `/disposals/${decided.body.id}/visa`, {
      method: "POST",
      actor: both,
      json: { approved: true, authority: "Archives départementales de l’Oise", reference: "VISA-2026-014" },
    });
    expect(self.status).toBe(409);
    const visa = await call(t, `/disposals/${decided.body.id}/visa`, {
      method: "POST",
      actor: controller,
      json: { approved: true, authority: "Archives départementales de l’Oise", reference: "VISA-2026-014", comment: "Bordereau conforme." },
    });
    expect(visa.body).toMatchObject({ status: "approved", visaReference: "VISA-2026-014" });
    // A legal hold placed after the visa still freezes the destruction (checked by the database).
    expect(
      (
        await call(t, `/units/${unitId}/legal-hold`, {
          method: "PUT",
          actor: archivist,
          json: { hold: true, reason: "Contentieux devant le tribunal administratif" },
        })
      ).status,
    ).toBe(200);
    const frozen = await call(t, `/disposals/${decided.body.id}/execute`, { method: "POST", actor: archivist });
    expect(frozen.status).toBe(409);
    expect(frozen.body.detail).toMatch(/gel juridique/);
    await call(t, `/units/${unitId}/legal-hold`, { method: "PUT", actor: archivist, json: { hold: false } });
    const done = await call(t, `/disposals/${decided.body.id}/execute`, { method: "POST", actor: archivist });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const cert = done.body;
    expect(cert).toMatchObject({
      type: "certificat-de-destruction",
      reference: decided.body.reference,
      tenant: { name: t.name, siren: t.siren },
      decision: { by: `person:${(archivist as { id: string }).id}`, reason: "DUA échue, sort final : élimination" },
      visa: {
        authority: "Archives départementales de l’Oise",
        reference: "VISA-2026-014",
        by: `person:${(controller as { id: string }).id}`,
        comment: "Bordereau conforme.",
      },
      units: [
        {
          reference: due.units[0].reference,
          appraisalRule: "APP-OFFRE-NR",
          duaEnd: "2019-06-30",
          objects: [{ fileName: "offre-entreprise-b.pdf", sha512: await sha512(bytes), bytesRemoved: true }],
        },
      ],
    });
    expect(cert.journal.seq).toBeGreaterThan(0);
    const stored = await call(t, `/disposals/${decided.body.id}/certificate`, { actor: reader });
    expect(stored.body).toEqual(cert);
    const certPdf = await call(t, `/disposals/${decided.body.id}/certificate?format=pdf`, { actor: reader });
    expect(new TextDecoder().decode(certPdf.body.bytes.slice(0, 5))).toBe("%PDF-");
    // Metadata stays; bytes are gone; the journal still verifies.
    const unit = await call(t, `/units/${unitId}`, { actor: archivist });
    expect(unit.body).toMatchObject({ status: "destroyed", objects: [{ destroyed: true, sha512: await sha512(bytes) }] });
    expect((await call(t, `/units/${unitId}/objects/${due.units[0].objects[0].id}`, { actor: archivist })).status).toBe(409);
    expect((await call(t, "/journal/verify", { actor: reader })).body).toMatchObject({ ok: true });
    const actions = (await call(t, `/journal?cible=archive_disposals/${decided.body.id}`, { actor: reader })).body.entries.map((e: Json) => e.action);
    expect(actions).toEqual(["archive.disposal.decide", "archive.disposal.visa", "archive.disposal.execute", "archive.disposal.certificate"]);
  });
});

describe("SEDA 2.3 import and export", () => {
  it("exports a unit as a zip with its manifest, and imports it into another tenant", async () => {
    const a = await createTestTenant(testEnv);
    const bytes = pdf(`export ${crypto.randomUUID()}`);
    const r = await deposit(a, { files: [{ name: "registre.pdf", bytes }], appraisalRule: "APP-DELIB", endDate: "2020-12-31" });
    const exported = await call(a, `/units/${r.units[0].id}/export`, { actor: archivist });
    expect(exported.res.headers.get("content-type")).toBe("application/zip");
    const zip = unzipSync(exported.body.bytes);
    const manifest = new TextDecoder().decode(zip["manifest.xml"]);
    expect(manifest).toContain('xmlns="fr:gouv:culture:archivesdefrance:seda:v2.3"');
    expect(manifest).toContain(await sha512(bytes));
    const content = Object.keys(zip).filter((k) => k.startsWith("content/"));
    expect(content).toHaveLength(1);
    expect(zip[content[0]]).toEqual(bytes);

    const b = await createTestTenant(testEnv);
    const imported = await call(b, "/import", { method: "POST", actor: archivist, body: exported.body.bytes, headers: { "content-type": "application/zip" } });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body).toMatchObject({
      status: "accepted",
      units: [{ title: r.units[0].title, appraisalRule: "APP-DELIB", objects: [{ fileName: "registre.pdf", sha512: await sha512(bytes) }] }],
    });
  });

  it("refuses a malformed manifest with the XSD error, and a wrong declared digest, storing nothing", async () => {
    const a = await createTestTenant(testEnv);
    const bytes = pdf(`import ${crypto.randomUUID()}`);
    const r = await deposit(a, { files: [{ name: "acte.pdf", bytes }], appraisalRule: "APP-ARRETE", endDate: "2021-01-01" });
    const zip = unzipSync((await call(a, `/units/${r.units[0].id}/export`, { actor: archivist })).body.bytes);
    const manifest = new TextDecoder().decode(zip["manifest.xml"]);
    const b = await createTestTenant(testEnv);
    const send = (files: Record<string, Uint8Array>) =>
      call(b, "/import", { method: "POST", actor: archivist, body: zipSync(files), headers: { "content-type": "application/zip" } });

    const malformed = await send({ ...zip, "manifest.xml": strToU8(manifest.replace(/<MessageIdentifier>[^<]*<\/MessageIdentifier>/, "")) });
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toMatch(/schéma SEDA 2\.3/);
    expect(malformed.body.errors[0]).toMatchObject({
      path: expect.stringMatching(/^manifest\.xml:\d+$/),
      message: expect.stringMatching(/CodeListVersions|MessageIdentifier/),
    });

    const file = Object.keys(zip).find((k) => k.startsWith("content/"))!;
    const tampered = zip[file].slice();
    tampered[12] ^= 0xff;
    const wrong = await send({ ...zip, [file]: tampered });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: file, message: expect.stringMatching(/empreinte/) })]);

    expect(await adminQuery(testEnv, "SELECT id FROM archive_deposits WHERE tenant_id = $1", [b.id])).toEqual([]);
    expect(await adminQuery(testEnv, "SELECT id FROM archive_journal WHERE tenant_id = $1", [b.id])).toEqual([]);
  });
});

describe("HR agent files", () => {
  it("keeps an agent's file until their 90th birthday (or 5 years after death), for HR and archivists only", async () => {
    const t = await createTestTenant(testEnv);
    const bytes = pdf(`arrêté de promotion ${crypto.randomUUID()}`);
    const opened = await call(t, "/hr/files", {
      method: "POST",
      actor: hrAgent,
      json: {
        agent: { name: "Martin Claire", birthDate: "1970-05-02" },
        documentType: "career_decision",
        title: "Arrêté d’avancement d’échelon",
        date: "2026-01-15",
        files: [{ name: "arrete.pdf", size: bytes.byteLength }],
      },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.units[0]).toMatchObject({ profile: "hr_agent", appraisalRule: "APP-RH-DOSSIER", duaEnd: "2060-05-02", finalAction: "Destroy" });
    const up = await call(t, opened.body.uploads[0].path.replace("/api/archive", ""), {
      method: "PUT",
      actor: hrAgent,
      body: bytes,
      headers: { "content-type": "application/octet-stream" },
    });
    expect(up.status).toBe(200);
    expect((await call(t, `/hr/deposits/${opened.body.id}/seal`, { method: "POST", actor: hrAgent })).status).toBe(200);
    const unitId = opened.body.units[0].id;
    // Not for an agent of another service, even one who may read the archives.
    expect((await call(t, "/units?q=avancement", { actor: reader })).body.units).toEqual([]);
    expect((await call(t, `/units/${unitId}`, { actor: reader })).status).toBe(403);
    expect((await call(t, "/hr/files", { actor: reader })).status).toBe(403);
    // HR and the archivist see it (communicable after 50 years: the archivist's right opens it).
    expect((await call(t, "/hr/files?agent=martin", { actor: hrAgent })).body.units.map((u: Json) => u.id)).toEqual([unitId]);
    expect((await call(t, "/units?q=avancement", { actor: archivist })).body.units.map((u: Json) => u.id)).toEqual([unitId]);
    // Died before 85: kept 5 years after death.
    const late = await call(t, "/hr/files", {
      method: "POST",
      actor: hrAgent,
      json: {
        agent: { name: "Durand Paul", birthDate: "1950-03-01", deathDate: "2020-01-10" },
        documentType: "contract",
        title: "Contrat",
        date: "1990-09-01",
        files: [{ name: "contrat.pdf", size: 10 }],
      },
    });
    expect(late.body.units[0].duaEnd).toBe("2025-01-10");
    expect((await call(t, "/deposits", { method: "POST", actor: reader, json: {} })).status).toBe(403);
  });
});

describe("deposit service for other modules (RPC)", () => {
  it("deposits council minutes over the service binding, as the calling agent, sealed like any deposit", async () => {
    const t = await createTestTenant(testEnv);
    const minutes = pdf(`procès-verbal ${crypto.randomUUID()}`);
    const big = new Uint8Array(100_000).fill(7);
    // The one RPC result shape: `{ ok, value }` or `{ ok: false, problem }` (@communa/contracts/rpc).
    const service = (env as unknown as { ARCHIVE: { deposit(tenant: Tenant, pkg: unknown, actor: Actor): Promise<RpcResult<Json>> } }).ARCHIVE;
    const secretary = person("council:read", "archives:write");
    const answer = await service.deposit(
      t,
      {
        transferringAgency: "Secrétariat des assemblées",
        units: [
          {
            title: "Procès-verbal de la séance du conseil du 3 novembre 2026",
            originatingAgency: "Secrétariat des assemblées",
            endDate: "2026-11-03",
            appraisalRule: "APP-DELIB",
            accessRule: "ACC-00",
            files: [
              { name: "pv.pdf", size: minutes.byteLength, bytes: minutes },
              { name: "enregistrement.bin", size: big.byteLength, sha512: await sha512(big), stream: new Blob([big]).stream() },
            ],
          },
        ],
      },
      secretary,
    );
    const receipt = rpcValue(answer);
    expect(receipt).toMatchObject({
      status: "accepted",
      units: [
        {
          objects: [
            { fileName: "pv.pdf", sha512: await sha512(minutes) },
            { fileName: "enregistrement.bin", sha512: await sha512(big) },
          ],
        },
      ],
    });
    const [row] = await adminQuery<{ source: string; depositor_id: string }>(testEnv, "SELECT source, depositor_id FROM archive_deposits WHERE id = $1", [
      receipt.id,
    ]);
    expect(row).toEqual({ source: "service", depositor_id: (secretary as { id: string }).id });
    // HR files need HR or archivist rights over RPC too.
    const refused = await service.deposit(
      t,
      {
        transferringAgency: "RH",
        units: [
          {
            title: "Contrat",
            originatingAgency: "RH",
            appraisalRule: "APP-RH-DOSSIER",
            accessRule: "ACC-50",
            hr: { documentType: "contract", agentName: "X", birthDate: "1980-01-01" },
            files: [{ name: "c.pdf", size: minutes.byteLength, bytes: minutes }],
          },
        ],
      },
      secretary,
    );
    expect(refused).toMatchObject({ ok: false, problem: { status: 403, detail: expect.stringMatching(/ressources humaines/) } });
    // The caller gets back the same error the archive refused with.
    expect(() => rpcValue(refused)).toThrow(expect.objectContaining({ kind: "forbidden" }));
  });
});

describe("integrity audit on demand", () => {
  it("re-reads a unit's objects and reports them sound; the yearly report counts it", async () => {
    const t = await createTestTenant(testEnv);
    const r = await deposit(t, { appraisalRule: "APP-DELIB", endDate: "2024-01-01" });
    const audit = await call(t, `/units/${r.units[0].id}/audit`, { method: "POST", actor: archivist });
    expect(audit.body).toMatchObject({ kind: "unit", objectsChecked: 1, objectsFailed: 0, journal: { ok: true } });
    const yearly = await call(t, `/audits/yearly?annee=${parisYear()}`, { actor: reader });
    expect(yearly.body).toMatchObject({ audits: 1, objectsChecked: 1, auditsWithFailures: 0, journal: { ok: true } });
  });
});

describe("integrity checked before anything is communicated", () => {
  it("refuses a file that is not the one sealed (409), names missing content (404), and refuses a manifest with a DTD (400)", async () => {
    const t = await createTestTenant(testEnv);
    const a = pdf(`a ${crypto.randomUUID()}`);
    const b = pdf(`b ${crypto.randomUUID()}`);
    const r = await deposit(t, {
      files: [
        { name: "a.pdf", bytes: a },
        { name: "b.pdf", bytes: b },
      ],
    });
    const unitId = r.units[0].id;
    const [oa, ob] = r.units[0].objects as Json[];
    // As the database owner, triggers off: b's register row now points at a's bytes, with a's fingerprint.
    const [rowA] = await adminQuery<{ r2_key: string }>(testEnv, "SELECT r2_key FROM archive_objects WHERE id = $1", [oa.id]);
    await adminQuery(
      testEnv,
      `DO $$ BEGIN PERFORM set_config('session_replication_role', 'replica', true); UPDATE archive_objects SET r2_key = '${rowA.r2_key}', sha512 = '${oa.sha512}' WHERE id = '${ob.id}'; END $$`,
    );
    const swapped = await call(t, `/units/${unitId}/objects/${ob.id}`, { actor: archivist });
    expect(swapped.status).toBe(409);
    expect(swapped.res.headers.get("content-type")).toContain("application/problem+json");
    expect(swapped.body.detail).toMatch(/Contrôle d’intégrité échoué : le contenu de « b\.pdf »/);
    const exported = await call(t, `/units/${unitId}/export`, { actor: archivist });
    expect(exported.status).toBe(409);
    // a's row now points at an address where nothing is stored: the unit exists, its content does not.
    await adminQuery(
      testEnv,
      `DO $$ BEGIN PERFORM set_config('session_replication_role', 'replica', true); UPDATE archive_objects SET r2_key = 'sha512/${oa.sha512}' WHERE id = '${oa.id}'; END $$`,
    );
    const missing = await call(t, `/units/${unitId}/objects/${oa.id}`, { actor: archivist });
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toMatch(/contenu du fichier « a\.pdf » est absent/);
    const anomalies = (await call(t, `/journal?cible=archive_objects/${oa.id}`, { actor: reader })).body.entries.map((e: Json) => [e.action, e.details.reason]);
    expect(anomalies).toEqual([["archive.integrity.failure", "missing"]]);

    const dtd = `<?xml version="1.0"?>\n<!DOCTYPE ArchiveTransfer [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<ArchiveTransfer xmlns="fr:gouv:culture:archivesdefrance:seda:v2.3">&x;</ArchiveTransfer>`;
    const imported = await call(t, "/import", {
      method: "POST",
      actor: archivist,
      body: zipSync({ "manifest.xml": strToU8(dtd) }),
      headers: { "content-type": "application/zip" },
    });
    expect(imported.status).toBe(400);
    expect(imported.body.detail).toMatch(/DOCTYPE/);
  });
});
