import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha256, sha256Hex, sha512Hex } from "./hash.ts";

describe("digests", () => {
  it("gives the SHA-256 and SHA-512 of text (UTF-8) and bytes as Node computes them", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: "grapheme" }), fc.uint8Array({ maxLength: 200 })), async (data) => {
        const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data);
        expect(await sha256Hex(data)).toBe(createHash("sha256").update(bytes).digest("hex"));
        expect(await sha512Hex(data)).toBe(createHash("sha512").update(bytes).digest("hex"));
        expect(Buffer.from(await sha256(data))).toEqual(createHash("sha256").update(bytes).digest());
      }),
      { numRuns: 50 },
    );
  });

  it("knows the test vector of the empty string", async () => {
    expect(await sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});
