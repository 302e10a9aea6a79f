import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromBase64, fromBase64Url, fromHex, sameBytes, toBase64, toBase64Url, toHex } from "./bytes.ts";

describe("bytes as text", () => {
  it("writes hex, base64 and base64url as Node's Buffer does", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        const buf = Buffer.from(b);
        expect(toHex(b)).toBe(buf.toString("hex"));
        expect(toBase64(b)).toBe(buf.toString("base64"));
        expect(toBase64Url(b)).toBe(buf.toString("base64url"));
      }),
    );
  });

  it("reads back what it wrote, for every byte string", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        expect(fromHex(toHex(b))).toEqual(b);
        expect(fromBase64(toBase64(b))).toEqual(b);
        expect(fromBase64Url(toBase64Url(b))).toEqual(b);
      }),
    );
  });

  it("reads upper-case hex and base64url with its padding", () => {
    expect(fromHex("00FFa0")).toEqual(new Uint8Array([0, 255, 160]));
    expect(fromBase64Url("-_8=")).toEqual(new Uint8Array([251, 255]));
  });

  it("refuses what is not its alphabet", () => {
    expect(() => fromHex("abc")).toThrow(TypeError);
    expect(() => fromHex("zz")).toThrow(TypeError);
    expect(() => fromBase64("a")).toThrow();
    expect(() => fromBase64Url("+/8")).toThrow(TypeError);
  });

  it("reads only the bytes of a view, not the whole buffer behind it", () => {
    const all = new Uint8Array([1, 2, 3, 4, 5]);
    expect(toHex(all.subarray(1, 3))).toBe("0203");
    expect(toHex(new DataView(all.buffer, 3, 2))).toBe("0405");
    expect(toHex(all.buffer)).toBe("0102030405");
  });

  it("encodes a buffer larger than one call's argument list (a PDF, a font)", () => {
    const big = new Uint8Array(300_000).map((_, i) => i * 7);
    expect(toBase64(big)).toBe(Buffer.from(big).toString("base64"));
  });

  it("compares bytes: equal only when same length and content", () => {
    expect(sameBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(sameBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(sameBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
  });
});
