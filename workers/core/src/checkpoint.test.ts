import { describe, expect, it } from "vitest";
import { generateKeyPairSync } from "node:crypto";
import { anchorKey, checkpointGuard, checkpointHolds, signCheckpoint, verifyCheckpoints } from "./checkpoint.ts";
import { signerOf } from "./signing.ts";

const key = () => generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
const tenantId = "01900000-0000-7000-8000-000000000001";

describe("signed checkpoints", () => {
  it("hold when untouched, and not when any field changes or another key signed them", async () => {
    const signer = await signerOf(key());
    const c = await signCheckpoint(signer, { chain: "audit", tenantId, seq: 42, hash: "AB".repeat(32), at: new Date().toISOString() });
    expect(c.hash).toBe("ab".repeat(32));
    expect(await checkpointHolds(signer, c)).toBe(true);
    for (const changed of [
      { seq: 43 },
      { hash: "cd".repeat(32) },
      { tenantId: tenantId.replace(/1$/, "2") },
      { chain: "archive" as const },
      { at: "2020-01-01T00:00:00.000Z" },
    ]) {
      expect(await checkpointHolds(signer, { ...c, ...changed })).toBe(false);
    }
    expect(await checkpointHolds(await signerOf(key()), c)).toBe(false);
    // A checkpoint of another tenant or chain does not count for this one, even well signed.
    expect(await verifyCheckpoints(signer, "audit", tenantId, [c])).toBeNull();
    expect(await verifyCheckpoints(signer, "archive", tenantId, [c])).toEqual({ seq: 42, reason: "checkpoint-signature" });
  });

  it("anchors list newest first: the key orders by decreasing seq", () => {
    const keys = [1, 9, 10, 123_456].map((seq) => anchorKey({ chain: "audit", tenantId, seq }));
    expect([...keys].sort()).toEqual([...keys].reverse());
  });

  it("a chain must pass through every checkpoint and reach the newest", () => {
    const guard = checkpointGuard([
      { seq: 3, hash: "aa" },
      { seq: 7, hash: "bb" },
    ]);
    expect(guard.at(3, "AA")).toBeNull();
    expect(guard.at(7, "cc")).toEqual({ seq: 7, reason: "checkpoint" });
    expect(guard.at(5, "zz")).toBeNull();
    expect(guard.end(6)).toEqual({ seq: 7, reason: "truncated" });
    expect(guard.end(7)).toBeNull();
  });
});
