/**
 * RFC 3161 tokens are verified, not just kept: a real token from a local TSA (test/local-tsa.ts,
 * pkijs) holds — imprint, CMS signature, certificate for timestamping, chain to the configured
 * anchor — and each fault is named: another digest, a flipped signature byte, a certificate not
 * for timestamping, an anchor it does not chain to, garbage. In the sealed journal, a token
 * swapped or altered by the database owner breaks the entry's verification ("timestamp").
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Db } from "@communa/core";
import { adminQuery, createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import type { ArchiveBindings } from "../src/env.ts";
import { timestampRequest, tokenOf, trustAnchors, verifyTimestampToken } from "../src/services/tsa.ts";
import { seal, verifyJournal, type Sealer } from "../src/services/journal.ts";
import { signerOf } from "../src/services/signing.ts";
import * as pkijs from "pkijs";
import { localTsa, type LocalTsa } from "./local-tsa.ts";

const e = env as unknown as ArchiveBindings & { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const use = <T>(fn: (db: Db) => Promise<T>) => withDb(e, fn);
const enc = new TextEncoder();
const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const sha256 = async (b: Uint8Array) => new Uint8Array(await crypto.subtle.digest("SHA-256", b));

/** The token the archive would store: our request, the TSA's response, our reading of it. */
const tokenFor = async (tsa: LocalTsa, data: Uint8Array) => b64(tokenOf(await tsa.respond(timestampRequest(await sha256(data)))));

describe("RFC 3161 token verification", () => {
  it("holds for the data timestamped, against the TSA's certificate and its configured anchor", async () => {
    const tsa = await localTsa();
    const data = enc.encode(`entrée ${crypto.randomUUID()}`);
    const token = await tokenFor(tsa, data);
    const before = Date.now();
    const r = await verifyTimestampToken(token, data);
    expect(r).toMatchObject({ ok: true, tsa: "CN=Autorité d’horodatage de test", serial: "01" });
    expect(Math.abs(new Date(r.genTime!).getTime() - before)).toBeLessThan(60_000);
    const anchored = await verifyTimestampToken(token, data, trustAnchors(tsa.pem));
    expect(anchored, JSON.stringify(anchored)).toMatchObject({ ok: true });
  });

  it("names each fault: other digest, altered signature, wrong certificate usage, other anchor, garbage", async () => {
    const tsa = await localTsa();
    const data = enc.encode(`entrée ${crypto.randomUUID()}`);
    const token = await tokenFor(tsa, data);
    expect(await verifyTimestampToken(token, enc.encode("une autre entrée"))).toMatchObject({ ok: false, reason: "imprint" });

    // The signature is the last OCTET STRING of the SignerInfo: flip a byte inside it.
    const der = Uint8Array.from(atob(token), (c) => c.charCodeAt(0));
    const flipped = der.slice();
    flipped[flipped.length - 40] ^= 0x01;
    const bad = await verifyTimestampToken(b64(flipped), data);
    expect(bad.ok).toBe(false);
    expect(["signature", "malformed"]).toContain(bad.reason);

    const tlsOnly = await localTsa({ timeStamping: false });
    expect(await verifyTimestampToken(await tokenFor(tlsOnly, data), data)).toMatchObject({ ok: false, reason: "certificate" });

    const other = await localTsa({ cn: "Autre autorité" });
    expect(await verifyTimestampToken(token, data, trustAnchors(other.pem))).toMatchObject({ ok: false, reason: "untrusted" });

    expect(await verifyTimestampToken(b64(enc.encode("pas un jeton")), data)).toMatchObject({ ok: false, reason: "malformed" });
  });

  it("a signature that verifies against another key does not: the token's own certificate is used", async () => {
    const a = await localTsa();
    const b = await localTsa();
    const data = enc.encode(`entrée ${crypto.randomUUID()}`);
    // Token of A with B's certificate put in place of A's (same names): the signature no longer verifies.
    const info = pkijs.ContentInfo.fromBER(Uint8Array.from(atob(await tokenFor(a, data)), (c) => c.charCodeAt(0)));
    const signed = new pkijs.SignedData({ schema: info.content });
    signed.certificates = [b.cert];
    const forged = new Uint8Array(new pkijs.ContentInfo({ contentType: info.contentType, content: signed.toSchema(true) }).toSchema().toBER(false));
    expect(await verifyTimestampToken(b64(forged), data)).toMatchObject({ ok: false });
  });
});

describe("sealed journal with timestamps", () => {
  it("verifies every stored token, and names the entry whose token was swapped by the database owner", async () => {
    const t = await createTestTenant(e);
    const tsa = await localTsa();
    const signer = await signerOf(e.ARCHIVE_SIGNING_KEY);
    const sealer: Sealer = { signer, timestamp: async (hash) => b64(tokenOf(await tsa.respond(timestampRequest(hash)))) };
    const ctx = testContext(t, person("archives:write"));
    for (let i = 0; i < 3; i++)
      await use((db) =>
        db.write(ctx, async (tx, journal) => {
          await seal(tx, ctx, sealer, { action: "test.timestamp", target: `essai/${i}`, details: { i } });
          await journal({ action: "test.timestamp", target: `essai/${i}`, summary: {} });
        }),
      );
    const ok = await use((db) => db.withTenant(t.id, (tx) => verifyJournal(tx, t.id, signer, [], { tsaTrust: trustAnchors(tsa.pem) })));
    expect(ok).toMatchObject({
      ok: true,
      checked: 3,
      firstBroken: null,
      timestamps: { verified: 3, failed: null, last: { seq: 3, tsa: "CN=Autorité d’horodatage de test" } },
    });

    // The owner swaps entry 2's token for entry 1's (a genuine token, for another hash).
    const rows = await adminQuery<{ id: string; tsa_token: string }>(e, "SELECT id, tsa_token FROM archive_journal WHERE tenant_id = $1 ORDER BY seq", [t.id]);
    expect(rows.every((r) => r.tsa_token.length > 100)).toBe(true);
    await adminQuery(
      e,
      `DO $$ BEGIN
         ALTER TABLE archive_journal DISABLE TRIGGER archive_journal_immutable;
         UPDATE archive_journal SET tsa_token = '${rows[0].tsa_token}' WHERE id = '${rows[1].id}';
         ALTER TABLE archive_journal ENABLE TRIGGER archive_journal_immutable;
       END $$`,
    );
    const broken = await use((db) => db.withTenant(t.id, (tx) => verifyJournal(tx, t.id, signer)));
    expect(broken).toMatchObject({
      ok: false,
      checked: 1,
      firstBroken: { seq: 2, id: rows[1].id, reason: "timestamp" },
      timestamps: { verified: 1, failed: { seq: 2, ok: false, reason: "imprint" } },
    });
  });
});
