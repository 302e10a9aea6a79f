import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isUuid, requestId, uuidv7 } from "./ids.ts";

describe("ids", () => {
  it("accepts every UUID text, either case, and the ids it makes", () => {
    fc.assert(fc.property(fc.uuid(), (u) => isUuid(u) && isUuid(u.toUpperCase())));
    expect(isUuid(uuidv7())).toBe(true);
    expect(isUuid(crypto.randomUUID())).toBe(true);
  });

  it("refuses anything else: other shapes, other types, a UUID inside a longer text", () => {
    for (const v of [
      "",
      "not-a-uuid",
      "0190c3a4-7d2e-7000-8000-00000000000",
      "0190c3a4-7d2e-7000-8000-0000000000000",
      "0190c3a47d2e70008000000000000000",
      "0190c3a4-7d2e-7000-8000-00000000000g",
      " 0190c3a4-7d2e-7000-8000-000000000000",
      "0190c3a4-7d2e-7000-8000-000000000000'; drop table x; --",
      null,
      undefined,
      42,
      {},
    ])
      expect(isUuid(v)).toBe(false);
  });

  it("makes request ids: 16 URL-safe characters, different each time", () => {
    const ids = new Set(Array.from({ length: 100 }, requestId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});
