import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES, permissionsOf } from "./roles.ts";

describe("roles", () => {
  it("an agent holds only its service's permissions", () => {
    expect(permissionsOf(["agent:waste"])).toEqual(["identity:people", "waste:read", "waste:write"]);
    expect(permissionsOf(["agent:waste"])).not.toContain("hr:read");
  });
  it("the president votes and presides; a councillor only votes", () => {
    expect(permissionsOf(["council_president"])).toContain("council:preside");
    expect(permissionsOf(["councillor"])).not.toContain("council:preside");
  });
  it("admin holds every permission; roles combine without duplicates", () => {
    expect(permissionsOf(["admin"])).toEqual([...PERMISSIONS].sort());
    expect(permissionsOf(["agent:map", "agent:map", "resident"])).toEqual(["citizen:self", "identity:people", "map:read", "map:write"]);
  });
  it("every role grants something", () => {
    for (const r of ROLES) expect(permissionsOf([r]).length, r).toBeGreaterThan(0);
  });
});
