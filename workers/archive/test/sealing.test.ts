/**
 * Sealed deposits with the real R2 bucket and Postgres: content-addressed objects never
 * overwritten, fingerprints checked, the sealed journal verified (and a changed row found), the
 * integrity audit finding a flipped byte.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Db, Tenant } from "@communa/core";
import { adminQuery, createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import type { ArchiveBindings } from "../src/env.ts";
import { depositPackage, type PackageInput } from "../src/services/deposits.ts";
import { auditTenant, auditUnit, scheduledAudit } from "../src/services/audit.ts";
import { canonical, verifyJournal } from "../src/services/journal.ts";
import { sha256Hex } from "@communa/core/hash";
import { archiveJournal } from "@communa/db";
import { asc, eq } from "drizzle-orm";
import { signerOf } from "../src/services/signing.ts";

const e = env as unknown as ArchiveBindings & { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const use = <T>(fn: (db: Db) => Promise<T>) => withDb(e, fn);
const archivist = person("archives:read", "archives:write", "archives:restricted", "archives:dispose");
const enc = new TextEncoder();
const hex = (b: ArrayBuffer) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");
const sha512 = async (b: Uint8Array) => hex(await crypto.subtle.digest("SHA-512", b));

/** A small but real PDF header, so format identification has something to find. */
const random = (n: number) => {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(b.subarray(i, Math.min(n, i + 65536)));
  return b;
};
const pdf = (text: string) => enc.encode(`%PDF-1.7\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

function pkg(
  files: Array<{ name: string; bytes: Uint8Array; sha512?: string }>,
  extra: Partial<PackageInput["units"][number]> = {},
): Omit<PackageInput, "source"> {
  return {
    transferringAgency: "Secrétariat général",
    units: [
      {
        title: "Délibérations du conseil, séance du 12 mars 2026",
        originatingAgency: "Secrétariat général",
        appraisalRule: "APP-DELIB",
        accessRule: "ACC-00",
        endDate: "2026-03-12",
        keywords: ["conseil communautaire"],
        files: files.map((f) => ({ ...f, size: f.bytes.byteLength })),
        ...extra,
      },
    ],
  };
}

const deposit = (t: Tenant, p: Omit<PackageInput, "source">) =>
  use((db) => depositPackage({ db, ctx: testContext(t, archivist), env: e }, { ...p, source: "service" }));

describe("sealed deposit", () => {
  it("stores each file once under its SHA-512, identifies its format and seals the deposit", async () => {
    const t = await createTestTenant(e);
    const bytes = pdf(`délibération ${crypto.randomUUID()}`);
    const r = await deposit(t, pkg([{ name: "deliberation.pdf", bytes }]));
    expect(r.status).toBe("accepted");
    const o = r.units[0].objects[0];
    expect(o.sha512).toBe(await sha512(bytes));
    expect(o.sha256).toBe(hex(await crypto.subtle.digest("SHA-256", bytes)));
    expect(o).toMatchObject({ mimeType: "application/pdf", puid: "fmt/276", size: bytes.byteLength, received: true });
    const stored = await e.ARCHIVE.get(`sha512/${t.id}/${o.sha512}`);
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(bytes);
    expect(r.seal?.seq).toBeGreaterThan(0);
    // DUA: APP-DELIB is 10 years from the end date, then kept.
    expect(r.units[0]).toMatchObject({ duaEnd: "2036-03-12", finalAction: "Keep", communicableFrom: "2026-03-12" });
  });

  it("never overwrites: the same content deposited again keeps the first object", async () => {
    const t = await createTestTenant(e);
    const bytes = pdf(`doublon ${crypto.randomUUID()}`);
    const first = await deposit(t, pkg([{ name: "a.pdf", bytes }]));
    const key = `sha512/${t.id}/${first.units[0].objects[0].sha512}`;
    const before = await e.ARCHIVE.head(key);
    const second = await deposit(t, pkg([{ name: "b.pdf", bytes }]));
    expect(second.units[0].objects[0].sha512).toBe(first.units[0].objects[0].sha512);
    const after = await e.ARCHIVE.head(key);
    expect(after!.uploaded.getTime()).toBe(before!.uploaded.getTime());
    expect(after!.etag).toBe(before!.etag);
  });

  it("rejects a package whose declared hash does not match a file, storing nothing", async () => {
    const t = await createTestTenant(e);
    const good = pdf(`bon ${crypto.randomUUID()}`);
    const bad = pdf(`mauvais ${crypto.randomUUID()}`);
    await expect(
      deposit(
        t,
        pkg([
          { name: "bon.pdf", bytes: good, sha512: await sha512(good) },
          { name: "mauvais.pdf", bytes: bad, sha512: "0".repeat(128) },
        ]),
      ),
    ).rejects.toMatchObject({ kind: "invalid" });
    expect(await e.ARCHIVE.head(`sha512/${t.id}/${await sha512(good)}`)).toBeNull();
    expect(await e.ARCHIVE.head(`sha512/${t.id}/${"0".repeat(128)}`)).toBeNull();
    expect(await adminQuery(e, "SELECT id FROM archive_deposits WHERE tenant_id = $1", [t.id])).toEqual([]);
  });

  it("streams a file under its declared SHA-512 and removes it when the bytes do not match", async () => {
    const t = await createTestTenant(e);
    const bytes = random(300_000);
    const stream = (b: Uint8Array) => new Blob([b]).stream();
    const ok = await deposit(t, {
      transferringAgency: "DGS",
      units: [
        {
          title: "Flux",
          originatingAgency: "DGS",
          appraisalRule: "APP-COMPTA",
          accessRule: "ACC-00",
          files: [{ name: "flux.bin", size: bytes.byteLength, sha512: await sha512(bytes), stream: stream(bytes) }],
        },
      ],
    });
    expect(ok.units[0].objects[0].sha512).toBe(await sha512(bytes));
    const other = random(1000);
    const lie = "f".repeat(128);
    await expect(
      deposit(t, {
        transferringAgency: "DGS",
        units: [
          {
            title: "Faux",
            originatingAgency: "DGS",
            appraisalRule: "APP-COMPTA",
            accessRule: "ACC-00",
            files: [{ name: "faux.bin", size: other.byteLength, sha512: lie, stream: stream(other) }],
          },
        ],
      }),
    ).rejects.toMatchObject({ kind: "invalid" });
    expect(await e.ARCHIVE.head(`sha512/${t.id}/${lie}`)).toBeNull();
  });
});

describe("sealed journal", () => {
  it("verifies, then names the first broken link when a row is changed by the database owner", async () => {
    const t = await createTestTenant(e);
    for (let i = 0; i < 3; i++) await deposit(t, pkg([{ name: `pv-${i}.pdf`, bytes: pdf(`pv ${i} ${crypto.randomUUID()}`) }]));
    const signer = await signerOf(e.ARCHIVE_SIGNING_KEY);
    const ok = await use((db) => db.withTenant(t.id, (tx) => verifyJournal(tx, t.id, signer)));
    expect(ok).toMatchObject({ ok: true, checked: 3, firstBroken: null });
    // The application cannot change a row at all…
    const rows = await adminQuery<{ id: string; seq: string }>(e, "SELECT id, seq FROM archive_journal WHERE tenant_id = $1 ORDER BY seq", [t.id]);
    await expect(adminQuery(e, "UPDATE archive_journal SET action = 'x' WHERE id = $1", [rows[1].id])).rejects.toThrow(/Journal scellé/);
    await expect(adminQuery(e, "DELETE FROM archive_journal WHERE id = $1", [rows[1].id])).rejects.toThrow(/Journal scellé/);
    // …the owner can, by switching the trigger off: the verifier then names that entry.
    await adminQuery(
      e,
      `DO $$ BEGIN
         ALTER TABLE archive_journal DISABLE TRIGGER archive_journal_immutable;
         UPDATE archive_journal SET details = jsonb_set(details, '{reference}', '"VERS-FALSIFIE"') WHERE id = '${rows[1].id}';
         ALTER TABLE archive_journal ENABLE TRIGGER archive_journal_immutable;
       END $$`,
    );
    const broken = await use((db) => db.withTenant(t.id, (tx) => verifyJournal(tx, t.id, signer)));
    expect(broken).toMatchObject({ ok: false, checked: 1, firstBroken: { seq: 2, id: rows[1].id, reason: "hash" } });
  });

  it("finds a rewrite that recomputed every hash from the changed entry on: the signatures do not follow", async () => {
    const t = await createTestTenant(e);
    for (let i = 0; i < 3; i++) await deposit(t, pkg([{ name: `acte-${i}.pdf`, bytes: pdf(`acte ${i} ${crypto.randomUUID()}`) }]));
    const signer = await signerOf(e.ARCHIVE_SIGNING_KEY);
    const rows = await use((db) =>
      db.withTenant(t.id, (tx) => tx.select().from(archiveJournal).where(eq(archiveJournal.tenantId, t.id)).orderBy(asc(archiveJournal.seq))),
    );
    // Whoever owns the database rewrites entry 2 and re-chains 2 and 3 (hashes are public knowledge)…
    let prev = rows[0].hash;
    const forged: Array<{ id: string; hash: string; prev: string; details: unknown }> = [];
    for (const r of rows.slice(1)) {
      const details = r.seq === 2 ? { ...(r.details as Record<string, unknown>), reference: "VERS-FALSIFIE" } : r.details;
      const hash = await sha256Hex(canonical({ ...r, seq: Number(r.seq), at: new Date(r.at), details, prevHash: prev }));
      forged.push({ id: r.id, hash, prev, details });
      prev = hash;
    }
    for (const f of forged) {
      await adminQuery(
        e,
        `DO $$ BEGIN
           ALTER TABLE archive_journal DISABLE TRIGGER archive_journal_immutable;
           UPDATE archive_journal SET details = '${JSON.stringify(f.details).replace(/'/g, "''")}'::jsonb, hash = '${f.hash}', prev_hash = '${f.prev}', key_id = 'inconnue' WHERE id = '${f.id}';
           ALTER TABLE archive_journal ENABLE TRIGGER archive_journal_immutable;
         END $$`,
      );
    }
    // …the chain of hashes holds, but entry 2 is signed by no trusted key.
    const report = await use((db) => db.withTenant(t.id, (tx) => verifyJournal(tx, t.id, signer)));
    expect(report).toMatchObject({ ok: false, checked: 1, firstBroken: { seq: 2, id: rows[1].id, reason: "signature" } });
  });

  it("refuses, in the database, an entry that does not link to the last one", async () => {
    const t = await createTestTenant(e);
    await deposit(t, pkg([{ name: "x.pdf", bytes: pdf(crypto.randomUUID()) }]));
    await expect(
      adminQuery(
        e,
        `INSERT INTO archive_journal (id, tenant_id, seq, at, actor_kind, action, target, prev_hash, hash, signature, key_id) VALUES (gen_random_uuid(), $1, 5, now(), 'person', 'x', 'y', $2, $2, 's', 'k')`,
        [t.id, "0".repeat(64)],
      ),
    ).rejects.toThrow(/ne suit pas/);
  });
});

describe("integrity audit", () => {
  it("finds the object whose byte was flipped in R2, and only that one", async () => {
    const t = await createTestTenant(e);
    const a = pdf(`intact ${crypto.randomUUID()}`);
    const b = pdf(`altéré ${crypto.randomUUID()}`);
    const r = await deposit(
      t,
      pkg([
        { name: "intact.pdf", bytes: a },
        { name: "altere.pdf", bytes: b },
      ]),
    );
    const clean = await use((db) => auditUnit({ db, ctx: testContext(t, archivist), env: e }, r.units[0].id));
    expect(clean).toMatchObject({ objectsChecked: 2, objectsFailed: 0, journal: { ok: true } });
    const target = r.units[0].objects.find((o) => o.fileName === "altere.pdf")!;
    const flipped = b.slice();
    flipped[20] ^= 0x01;
    await e.ARCHIVE.put(`sha512/${t.id}/${target.sha512}`, flipped);
    const report = await use((db) => auditTenant({ db, ctx: testContext(t, archivist), env: e }));
    expect(report.objectsChecked).toBe(2);
    expect(report.failures).toEqual([expect.objectContaining({ objectId: target.id, fileName: "altere.pdf", reason: "hash", expected: target.sha512 })]);
    const [row] = await adminQuery<{ objects_failed: number; report: { failures: Array<{ objectId: string }> } }>(
      e,
      "SELECT objects_failed, report FROM archive_audits WHERE id = $1",
      [report.id],
    );
    expect(row.objects_failed).toBe(1);
    expect(row.report.failures[0].objectId).toBe(target.id);
    // The cron trigger's job audits every tenant, this one included, and seals its report.
    await use((db) => scheduledAudit(db, e, new Date()));
    const scheduled = await adminQuery<{ objects_failed: number; chain_ok: boolean }>(
      e,
      "SELECT objects_failed, chain_ok FROM archive_audits WHERE tenant_id = $1 AND kind = 'scheduled' ORDER BY started_at DESC LIMIT 1",
      [t.id],
    );
    expect(scheduled[0]).toEqual({ objects_failed: 1, chain_ok: true });
    const sealed = await adminQuery<{ action: string }>(e, "SELECT action FROM archive_journal WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1", [t.id]);
    expect(sealed[0].action).toBe("archive.audit");
  });
});
