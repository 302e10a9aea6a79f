/**
 * The authorisation matrix's judge (tests/security/access-check.ts) fails on what it is there to
 * catch: a route wrongly declared public, a guard too wide or too narrow, a route missing from the
 * hand-written table. The matrix itself runs against the real gateway (role-route-matrix.test.ts).
 */
import { describe, expect, it } from "vitest";
import { ROLES } from "@communa/core";
import { ACCESS_POLICY, type Who } from "../security/access-policy.ts";
import { answerFailures, coverageFailures, type Answer } from "../security/access-check.ts";

const policy: Record<string, Who> = {
  "GET /api/waste/premises": ["admin", "agent:waste"],
  "GET /api/map/layers": "anonyme",
  "GET /api/identity/session": "connecté",
};

/** What a gateway answers when each route does what its guard says (`open`: who gets through). */
function walk(open: Record<string, (caller: string) => boolean>): Answer[] {
  return Object.entries(open).flatMap(([operation, lets]) =>
    ["anonyme", ...ROLES].map((caller) => ({ operation, caller, status: lets(caller) ? 200 : caller === "anonyme" ? 401 : 403 })),
  );
}

const correct = {
  "GET /api/waste/premises": (c: string) => c === "admin" || c === "agent:waste",
  "GET /api/map/layers": () => true,
  "GET /api/identity/session": (c: string) => c !== "anonyme",
};

describe("the authorisation matrix's judge", () => {
  it("a gateway that does what the table says passes", () => {
    expect(answerFailures(policy, walk(correct))).toEqual([]);
  });

  it("a route wrongly declared public fails, for every caller the table refuses", () => {
    const failures = answerFailures(policy, walk({ ...correct, "GET /api/waste/premises": () => true }));
    expect(failures).toContain("GET /api/waste/premises (anonyme) : 200 au lieu de 401 (la table le refuse)");
    expect(failures).toContain("GET /api/waste/premises (resident) : 200 au lieu de 403 (la table le refuse)");
    expect(failures).toHaveLength(ROLES.length + 1 - 2);
  });

  it("a guard too narrow fails, and so does a 500", () => {
    const failures = answerFailures(policy, [
      ...walk({ ...correct, "GET /api/identity/session": (c) => c === "admin" }),
      { operation: "GET /api/map/layers", caller: "anonyme", status: 500 },
    ]);
    expect(failures).toContain("GET /api/identity/session (resident) : refusé (403) alors que la table l’autorise");
    expect(failures).toContain("GET /api/map/layers (anonyme) : 500");
  });

  it("a route with no line in the table fails, and a line with no route", () => {
    expect(coverageFailures(policy, ["GET /api/waste/premises", "GET /api/map/layers", "DELETE /api/map/layers/{layerId}"])).toEqual([
      "DELETE /api/map/layers/{layerId} : aucune ligne dans la table des droits (tests/security/access-policy.ts)",
      "GET /api/identity/session : ligne de la table pour une opération que l’API ne publie pas",
    ]);
  });

  it("the table names only real roles", () => {
    for (const [op, who] of Object.entries(ACCESS_POLICY)) {
      if (typeof who === "string") expect(["anonyme", "connecté"], op).toContain(who);
      else for (const r of who) expect(ROLES, op).toContain(r);
    }
  });
});
