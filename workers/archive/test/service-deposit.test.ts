/**
 * A deposit from another module (RPC, source "service") is idempotent on its message identifier:
 * the same package again gives the first deposit back, twice at once makes one; other files under the
 * same identifier are refused (409) and leave no trace.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Db, Tenant } from "@communa/core";
import { adminQuery, createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import type { ArchiveBindings } from "../src/env.ts";
import { depositPackage, type PackageInput } from "../src/services/deposits.ts";

const e = env as unknown as ArchiveBindings & { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const enc = new TextEncoder();
const pdf = (text: string) => enc.encode(`%PDF-1.7\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

const pkg = (messageIdentifier: string, bytes: Uint8Array): PackageInput => ({
  source: "service",
  transferringAgency: "Secrétariat du conseil",
  messageIdentifier,
  units: [
    {
      title: "Procès-verbal de séance",
      originatingAgency: "Secrétariat du conseil",
      appraisalRule: "APP-DELIB",
      accessRule: "ACC-00",
      endDate: "2026-11-30",
      files: [{ name: "pv.pdf", size: bytes.byteLength, bytes }],
    },
  ],
});
const deposit = (t: Tenant, p: PackageInput) => withDb(e, (db: Db) => depositPackage({ db, ctx: testContext(t, person("archives:write")), env: e }, p));
const count = async (t: Tenant, id: string) =>
  (await adminQuery<{ n: number }>(e, "SELECT count(*)::int AS n FROM archive_deposits WHERE tenant_id = $1 AND message_identifier = $2", [t.id, id]))[0].n;

describe("service deposit", () => {
  it("returns the first deposit for the same message identifier, even twice at once", async () => {
    const t = await createTestTenant(e);
    const id = `PV-${crypto.randomUUID()}`;
    const bytes = pdf(`pv ${id}`);
    // Twice at once: one deposit; the second delivery gets it back, or a conflict while the first
    // is still being sealed (the caller retries, see the council's transfer).
    const both = await Promise.allSettled([deposit(t, pkg(id, bytes)), deposit(t, pkg(id, bytes))]);
    const done = both.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(done.length).toBeGreaterThanOrEqual(1);
    for (const r of both) if (r.status === "rejected") expect(r.reason).toMatchObject({ kind: "conflict" });
    const a = done[0];
    expect(new Set(done.map((d) => d.id)).size).toBe(1);
    expect(a).toMatchObject({ status: "accepted", messageIdentifier: id });
    expect(a.seal).not.toBeNull();
    const again = await deposit(t, pkg(id, bytes));
    expect(again).toMatchObject({ id: a.id, reference: a.reference, seal: a.seal });
    expect(await count(t, id)).toBe(1);
    // Another tenant has its own identifiers.
    const other = await createTestTenant(e);
    expect((await deposit(other, pkg(id, bytes))).id).not.toBe(a.id);
  });

  it("refuses other files under an identifier already used", async () => {
    const t = await createTestTenant(e);
    const id = `PV-${crypto.randomUUID()}`;
    await deposit(t, pkg(id, pdf(`pv ${id}`)));
    const other = pdf(`autre ${id}`);
    await expect(deposit(t, pkg(id, other))).rejects.toMatchObject({ kind: "conflict" });
    expect(await count(t, id)).toBe(1);
    const stray = await adminQuery(e, "SELECT 1 FROM archive_objects WHERE tenant_id = $1 AND size = $2 AND file_name = 'pv.pdf' AND sha512 IS NULL", [
      t.id,
      other.byteLength,
    ]);
    expect(stray).toHaveLength(0);
  });
});
