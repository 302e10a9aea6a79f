/** RFC 3161 requests and responses (production configuration): DER built and read correctly. */
import { describe, expect, it } from "vitest";
import { timestampRequest, tokenOf } from "../src/services/tsa.ts";

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

describe("RFC 3161 timestamp", () => {
  it("asks for a SHA-256 imprint, v1, with a nonce and the TSA certificate", () => {
    const digest = new Uint8Array(32).fill(0xab);
    const req = timestampRequest(digest);
    const h = hex(req);
    // SEQUENCE { INTEGER 1, SEQUENCE { SEQUENCE { OID sha256, NULL }, OCTET STRING (32) }, INTEGER nonce, BOOLEAN TRUE }
    expect(h.startsWith("30")).toBe(true);
    expect(req[1]).toBe(req.length - 2);
    expect(h).toContain("020101");
    expect(h).toContain(`300d060960864801650304020105000420${"ab".repeat(32)}`);
    expect(h.endsWith("0101ff")).toBe(true);
    expect(() => timestampRequest(new Uint8Array(20))).toThrow();
  });

  it("returns the token of a granted response and refuses a rejection", () => {
    const token = [0x30, 0x03, 0x02, 0x01, 0x07];
    const granted = new Uint8Array([0x30, 5 + token.length, 0x30, 0x03, 0x02, 0x01, 0x00, ...token]);
    expect(Array.from(tokenOf(granted))).toEqual(token);
    const rejected = new Uint8Array([0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02]);
    expect(() => tokenOf(rejected)).toThrow(/refusé la demande/);
  });
});
