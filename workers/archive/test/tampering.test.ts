/**
 * Tampering that must not go unnoticed (security evaluation 2026-12-01, area 5): an object changed
 * in R2 *and* in the register (T3), the journal's tail cut (T5), a missing blob, a SEDA manifest
 * with a DTD, and the deduplication timing oracle across tenants. Raw changes are made as the
 * database owner with triggers off (`session_replication_role = replica`), and in R2 directly
 * through the binding, as a DBA or a compromised owner could.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { strToU8, zipSync } from "fflate";
import { CONTEXT_KEY, type Db, type Tenant } from "@communa/core";
import { adminQuery, createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import type { ArchiveBindings } from "../src/env.ts";
import { depositPackage, type PackageInput } from "../src/services/deposits.ts";
import { auditTenant } from "../src/services/audit.ts";
import { exportUnits, readObject } from "../src/services/units.ts";
import { importSeda } from "../src/services/seda-import.ts";
import { app } from "../src/app.ts";

const e = env as unknown as ArchiveBindings & { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const use = <T>(fn: (db: Db) => Promise<T>) => withDb(e, fn);
const archivist = person("archives:read", "archives:write", "archives:restricted", "archives:dispose");
const enc = new TextEncoder();
const hex = (b: ArrayBuffer) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");
const sha512 = async (b: Uint8Array) => hex(await crypto.subtle.digest("SHA-512", b));
const sha256 = async (b: Uint8Array) => hex(await crypto.subtle.digest("SHA-256", b));
const pdf = (text: string) => enc.encode(`%PDF-1.7\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

const unit = (files: PackageInput["units"][number]["files"]): Omit<PackageInput, "source"> => ({
  transferringAgency: "Secrétariat général",
  units: [{ title: "Délibérations", originatingAgency: "Secrétariat général", appraisalRule: "APP-DELIB", accessRule: "ACC-00", endDate: "2026-03-12", files }],
});
const deposit = (t: Tenant, p: Omit<PackageInput, "source">, bindings: ArchiveBindings = e) =>
  use((db) => depositPackage({ db, ctx: testContext(t, archivist), env: bindings }, { ...p, source: "service" }));
const deps = (db: Db, t: Tenant) => ({ db, ctx: testContext(t, archivist), env: e });

/** SQL as the database owner with every trigger off (what a DBA or a stolen owner role can do). */
const asOwner = (statements: string) => adminQuery(e, `DO $$ BEGIN PERFORM set_config('session_replication_role', 'replica', true); ${statements} END $$`);

const failureOf = (err: unknown) => err as { kind?: string; message?: string };

describe("an object changed in R2 and in the register (T3)", () => {
  it("is found by the audit, and neither downloaded nor exported", async () => {
    const t = await createTestTenant(e);
    const files = [pdf(`intact ${crypto.randomUUID()}`), pdf(`remplacé ${crypto.randomUUID()}`), pdf(`déplacé ${crypto.randomUUID()}`)];
    const r = await deposit(t, unit(files.map((bytes, i) => ({ name: `${i}.pdf`, size: bytes.byteLength, bytes }))));
    const [intact, replaced, moved] = r.units[0].objects;
    const key = (id: string) => adminQuery<{ r2_key: string }>(e, "SELECT r2_key FROM archive_objects WHERE id = $1", [id]).then((rows) => rows[0].r2_key);

    // 1. The bytes replaced under the same key, and the register's fingerprints updated to match.
    const forged = files[1].slice();
    forged[20] ^= 0x01;
    await e.ARCHIVE.put(await key(replaced.id), forged);
    await asOwner(`UPDATE archive_objects SET sha512 = '${await sha512(forged)}', sha256 = '${await sha256(forged)}' WHERE id = '${replaced.id}';`);
    // 2. The forgery stored under its own content address, and the register pointed at it.
    const other = files[2].slice();
    other[21] ^= 0x01;
    const otherKey = (await key(moved.id)).replace(moved.sha512!, await sha512(other));
    await e.ARCHIVE.put(otherKey, other);
    await asOwner(
      `UPDATE archive_objects SET sha512 = '${await sha512(other)}', sha256 = '${await sha256(other)}', r2_key = '${otherKey}' WHERE id = '${moved.id}';`,
    );

    const report = await use((db) => auditTenant(deps(db, t)));
    expect(report.objectsChecked).toBe(3);
    expect(report.failures.map((f) => [f.objectId, f.reason, f.expected])).toEqual(
      expect.arrayContaining([
        [replaced.id, "hash", replaced.sha512],
        [moved.id, "hash", moved.sha512],
      ]),
    );
    expect(report.failures).toHaveLength(2);

    // Not served: a problem saying the integrity check failed, and the anomaly sealed.
    const refused = await use((db) => readObject(deps(db, t), r.units[0].id, replaced.id)).then(() => null, failureOf);
    expect(refused).toMatchObject({ kind: "conflict", message: expect.stringMatching(/Contrôle d’intégrité échoué.*1\.pdf/) });
    const relocated = await use((db) => readObject(deps(db, t), r.units[0].id, moved.id)).then(() => null, failureOf);
    expect(relocated).toMatchObject({ kind: "conflict" });
    const exported = await use((db) => exportUnits(deps(db, t), [r.units[0].id])).then(() => null, failureOf);
    expect(exported).toMatchObject({ kind: "conflict", message: expect.stringMatching(/Contrôle d’intégrité échoué/) });
    const anomalies = await adminQuery<{ target: string; details: { reason: string } }>(
      e,
      "SELECT target, details FROM archive_journal WHERE tenant_id = $1 AND action = 'archive.integrity.failure' ORDER BY seq",
      [t.id],
    );
    expect(anomalies.map((a) => a.target)).toContain(`archive_objects/${replaced.id}`);

    // The untouched file is still served, with its sealed digest.
    const ok = await use((db) => readObject(deps(db, t), r.units[0].id, intact.id));
    expect(new Uint8Array(await new Response(ok.body).arrayBuffer())).toEqual(files[0]);
    expect(ok.object.sha512).toBe(intact.sha512);
  });

  it("a missing blob is named as missing content of an existing unit, and recorded", async () => {
    const t = await createTestTenant(e);
    const bytes = pdf(`absent ${crypto.randomUUID()}`);
    const r = await deposit(t, unit([{ name: "absent.pdf", size: bytes.byteLength, bytes }]));
    const [row] = await adminQuery<{ r2_key: string }>(e, "SELECT r2_key FROM archive_objects WHERE id = $1", [r.units[0].objects[0].id]);
    await e.ARCHIVE.delete(row.r2_key);
    const err = await use((db) => readObject(deps(db, t), r.units[0].id, r.units[0].objects[0].id)).then(() => null, failureOf);
    expect(err).toMatchObject({ kind: "notFound", message: expect.stringMatching(/contenu du fichier « absent\.pdf » est absent/) });
    expect(err?.message).not.toMatch(/Unité d’archives introuvable/);
    const anomalies = await adminQuery<{ details: { reason: string } }>(
      e,
      "SELECT details FROM archive_journal WHERE tenant_id = $1 AND action = 'archive.integrity.failure'",
      [t.id],
    );
    expect(anomalies.map((a) => a.details.reason)).toEqual(["missing"]);
  });

  it("objects stored under the shared address of before stay readable and audit clean", async () => {
    const t = await createTestTenant(e);
    const bytes = pdf(`ancien ${crypto.randomUUID()}`);
    const r = await deposit(t, unit([{ name: "ancien.pdf", size: bytes.byteLength, bytes }]));
    const o = r.units[0].objects[0];
    await e.ARCHIVE.put(`sha512/${o.sha512}`, bytes);
    await asOwner(`UPDATE archive_objects SET r2_key = 'sha512/${o.sha512}' WHERE id = '${o.id}';`);
    const read = await use((db) => readObject(deps(db, t), r.units[0].id, o.id));
    expect(new Uint8Array(await new Response(read.body).arrayBuffer())).toEqual(bytes);
    expect((await use((db) => auditTenant(deps(db, t)))).failures).toEqual([]);
  });
});

describe("the sealed journal's tail cut (T5)", () => {
  it("is found against the checkpoint the last audit anchored in R2, even with the audit rows deleted too", async () => {
    const t = await createTestTenant(e);
    const bytes = pdf(`pv ${crypto.randomUUID()}`);
    const r = await deposit(t, unit([{ name: "pv.pdf", size: bytes.byteLength, bytes }]));
    const first = await use((db) => auditTenant(deps(db, t)));
    expect(first.journal).toMatchObject({ ok: true });
    await use((db) => readObject(deps(db, t), r.units[0].id, r.units[0].objects[0].id));
    // The audit's entry and everything after it removed from the database.
    const [audit] = await adminQuery<{ seq: string }>(e, "SELECT seq FROM archive_journal WHERE tenant_id = $1 AND action = 'archive.audit'", [t.id]);
    await asOwner(`DELETE FROM archive_journal WHERE tenant_id = '${t.id}' AND seq >= ${audit.seq};`);
    const cut = await use((db) => auditTenant(deps(db, t)));
    expect(cut.journal).toMatchObject({ ok: false, firstBroken: { seq: Number(audit.seq) - 0, reason: "truncated" } });

    // The database's own record of the checkpoint deleted as well: the R2 anchor still holds it.
    const u = await createTestTenant(e);
    const s = await deposit(u, unit([{ name: "pv.pdf", size: bytes.byteLength, bytes }]));
    await use((db) => auditTenant(deps(db, u)));
    await use((db) => readObject(deps(db, u), s.units[0].id, s.units[0].objects[0].id));
    await asOwner(
      `DELETE FROM archive_audits WHERE tenant_id = '${u.id}'; DELETE FROM archive_journal WHERE tenant_id = '${u.id}' AND action <> 'archive.deposit.accept';`,
    );
    const again = await use((db) => auditTenant(deps(db, u)));
    expect(again.journal).toMatchObject({ ok: false, firstBroken: { reason: "truncated" } });
  });
});

describe("deduplication is per tenant (no timing oracle)", () => {
  /** The bucket as seen by the deposit: every call and whether it found something. */
  function recording(bucket: R2Bucket, tenantId: string, hashes: string[]) {
    const calls: string[] = [];
    const norm = (key: string) => hashes.reduce((k, h) => k.replaceAll(h, "<empreinte>"), key.replaceAll(tenantId, "<collectivité>"));
    const proxy = new Proxy(bucket, {
      get(target, prop) {
        const value = Reflect.get(target, prop);
        if (typeof value !== "function" || !["head", "get", "put", "delete", "list"].includes(String(prop)))
          return typeof value === "function" ? value.bind(target) : value;
        return async (...args: unknown[]) => {
          const result = await value.apply(target, args);
          calls.push(`${String(prop)} ${typeof args[0] === "string" ? norm(args[0]) : "…"} → ${result === null ? "rien" : "objet"}`);
          return result;
        };
      },
    });
    return { proxy, calls };
  }

  it("declaring another tenant's existing hash takes exactly the path of an unknown hash", async () => {
    const a = await createTestTenant(e);
    const theirs = pdf(`document de A ${crypto.randomUUID()}`);
    const known = await sha512(theirs);
    await deposit(a, unit([{ name: "a.pdf", size: theirs.byteLength, bytes: theirs }]));
    const b = await createTestTenant(e);
    const unknown = (await sha512(enc.encode(crypto.randomUUID()))).replace(/^./, "e");
    const attempt = async (declared: string) => {
      const lie = new Uint8Array(4096).fill(9);
      const rec = recording(e.ARCHIVE, b.id, [known, unknown]);
      const err = await deposit(b, unit([{ name: "x.bin", size: lie.byteLength, sha512: declared, stream: new Blob([lie]).stream() }]), {
        ...e,
        ARCHIVE: rec.proxy,
      }).then(() => null, failureOf);
      return { err: err?.kind, calls: rec.calls };
    };
    const withKnown = await attempt(known);
    const withUnknown = await attempt(unknown);
    expect(withKnown.err).toBe("invalid");
    expect(withKnown).toEqual(withUnknown);
    // A's object is untouched and still its own.
    const [row] = await adminQuery<{ r2_key: string }>(e, "SELECT r2_key FROM archive_objects WHERE tenant_id = $1", [a.id]);
    expect(new Uint8Array(await (await e.ARCHIVE.get(row.r2_key))!.arrayBuffer())).toEqual(theirs);
  });
});

describe("SEDA import with a DTD", () => {
  const manifest = (doctype: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n${doctype}\n<ArchiveTransfer xmlns="fr:gouv:culture:archivesdefrance:seda:v2.3"><Comment>&x;</Comment></ArchiveTransfer>`;
  for (const [what, doctype] of [
    ["an external entity", `<!DOCTYPE ArchiveTransfer [<!ENTITY x SYSTEM "file:///etc/passwd">]>`],
    ["an internal entity", `<!DOCTYPE ArchiveTransfer [<!ENTITY x "bonjour">]>`],
  ]) {
    it(`answers 400 with a French problem for ${what}`, async () => {
      const t = await createTestTenant(e);
      const zip = zipSync({ "manifest.xml": strToU8(manifest(doctype)) });
      const err = await use((db) => importSeda(deps(db, t), zip)).then(() => null, failureOf);
      expect(err).toMatchObject({ kind: "invalid", message: expect.stringMatching(/DOCTYPE/) });
    });
  }
});

describe("the routes answer problems, never the bytes", () => {
  /** A request to the archive Worker's app as the gateway would send it. */
  async function route(t: Tenant, path: string, init: RequestInit = {}) {
    const pending: Promise<unknown>[] = [];
    const exec = { waitUntil: (p: Promise<unknown>) => pending.push(p), passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext;
    const res = await app.fetch(new Request(`http://archive${path}`, init), { ...e, [CONTEXT_KEY]: testContext(t, archivist) }, exec);
    const body = res.headers.get("content-type")?.includes("json") ? ((await res.json()) as { detail?: string }) : {};
    await Promise.all(pending);
    return { status: res.status, type: res.headers.get("content-type") ?? "", body };
  }

  it("409 for a file that is not the one sealed, 404 for missing content, 400 for a DTD", async () => {
    const t = await createTestTenant(e);
    const a = pdf(`a ${crypto.randomUUID()}`);
    const b = pdf(`b ${crypto.randomUUID()}`);
    const r = await deposit(
      t,
      unit([
        { name: "a.pdf", size: a.byteLength, bytes: a },
        { name: "b.pdf", size: b.byteLength, bytes: b },
      ]),
    );
    const unitId = r.units[0].id;
    const [oa, ob] = r.units[0].objects;
    const [rowA] = await adminQuery<{ r2_key: string }>(e, "SELECT r2_key FROM archive_objects WHERE id = $1", [oa.id]);
    // b's row now names a's bytes and fingerprint: the register agrees with itself, not with the seal.
    await asOwner(`UPDATE archive_objects SET r2_key = '${rowA.r2_key}', sha512 = '${oa.sha512}' WHERE id = '${ob.id}';`);
    const swapped = await route(t, `/units/${unitId}/objects/${ob.id}`);
    expect(swapped).toMatchObject({
      status: 409,
      type: expect.stringContaining("application/problem+json"),
      body: { detail: expect.stringMatching(/Contrôle d’intégrité échoué : le contenu de « b\.pdf »/) },
    });
    expect((await route(t, `/units/${unitId}/export`)).status).toBe(409);
    await e.ARCHIVE.delete(rowA.r2_key);
    const missing = await route(t, `/units/${unitId}/objects/${oa.id}`);
    expect(missing).toMatchObject({ status: 404, body: { detail: expect.stringMatching(/contenu du fichier « a\.pdf » est absent/) } });
    const dtd = `<?xml version="1.0"?>\n<!DOCTYPE ArchiveTransfer [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<ArchiveTransfer xmlns="fr:gouv:culture:archivesdefrance:seda:v2.3">&x;</ArchiveTransfer>`;
    const imported = await route(t, "/import", {
      method: "POST",
      body: zipSync({ "manifest.xml": strToU8(dtd) }),
      headers: { "content-type": "application/zip" },
    });
    expect(imported).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/DOCTYPE/) } });
  });
});
