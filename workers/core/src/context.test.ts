import { describe, expect, it } from "vitest";
import { can, personOf, ANONYMOUS, PUBLIC } from "./context.ts";
import { uuidv7 } from "./ids.ts";

describe("authorisation check", () => {
  it("public routes are open to all, others need the exact permission", () => {
    expect(can(ANONYMOUS, PUBLIC)).toBe(true);
    expect(can(ANONYMOUS, "territory:write")).toBe(false);
    const agent = { kind: "person" as const, id: "p1", permissions: ["waste:write"] };
    expect(can(agent, "waste:write")).toBe(true);
    expect(can(agent, "waste:read")).toBe(false);
    expect(can(agent, "territory:write")).toBe(false);
  });
});

describe("the person behind an actor", () => {
  it("a key acts for its person; devices, anonymous callers and keys of nobody are no person", () => {
    expect(personOf({ kind: "person", id: "p1", permissions: [] })).toBe("p1");
    expect(personOf({ kind: "api-key", id: "k1", permissions: [], personId: "p1" })).toBe("p1");
    expect(personOf({ kind: "api-key", id: "k2", permissions: [], personId: null })).toBeNull();
    expect(personOf({ kind: "api-key", id: "systeme:audit", permissions: [] })).toBeNull();
    expect(personOf({ kind: "device", id: "d1", permissions: ["archives:visa"] })).toBeNull();
    expect(personOf(ANONYMOUS)).toBeNull();
  });
});

describe("uuid v7", () => {
  it("is a version 7, variant 10 UUID that sorts by time", () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
    expect(a.slice(0, 13)).toBe("018bcfe5-6800");
  });
});
