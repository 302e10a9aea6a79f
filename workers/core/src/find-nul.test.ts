import { describe, expect, it } from "vitest";
import { findNul } from "./app.ts";

describe("a NUL character anywhere in a validated value", () => {
  it("is found in strings, keys and arrays, with the field's path", () => {
    expect(findNul({ name: "ok", tags: ["a", "b\u0000"] }, "body")).toBe("body/tags/1");
    expect(findNul({ "x\u0000": 1 }, "body")).toBe("body/x\\u0000");
    expect(findNul("a\u0000", "query")).toBe("query");
    expect(findNul({ name: "ok", n: 3, when: new Date(), nothing: null }, "body")).toBeNull();
  });

  it("does not exhaust the stack on a deeply nested body", () => {
    let deep: unknown = "fond\u0000";
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(findNul(deep, "body")).toMatch(/^body(\/0){20000}$/);
  });
});
